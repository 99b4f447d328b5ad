import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "~/locales/en";
import { nl } from "~/locales/nl";
import { localeFromAcceptLanguage } from "./i18n";
import { translator } from "./i18n.server";

describe("dictionaries", () => {
  it("nl and en have exactly the same keys", () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });

  it("no text is empty and placeholders match between languages", () => {
    const placeholders = (s: string) =>
      [
        ...new Set([...s.matchAll(/(?<!(?:zero|one|two|few|many|other|=\d+)\s*)\{\s*(\w+)\s*[,}]/g)].map((m) => m[1])),
      ].sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe("");
      expect(nl[key].trim(), key).not.toBe("");
      expect(placeholders(nl[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

describe("plurals", () => {
  // A number a word follows ("1 comments") must choose its form by the language's plural rules.
  const COUNTS = ["count", "members", "orgs", "total", "going", "waitlist", "maybe", "points"];
  it("every count a word follows uses plural syntax, in both languages", () => {
    const bare = new RegExp(`\\{(${COUNTS.join("|")})\\} \\p{L}`, "u");
    const offenders = [en, nl].flatMap((dict) =>
      Object.entries(dict)
        .filter(([, text]) => bare.test(text))
        .map(([key]) => key),
    );
    expect(offenders).toEqual([]);
  });

  it("a message given a count but not showing it (the number stands beside it) still depends on it", () => {
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
        );
    const keys = new Set(
      files("app").flatMap((file) =>
        [...fs.readFileSync(file, "utf8").matchAll(/\bt\("([\w.]+)", \{ count\b/g)].map((m) => m[1]),
      ),
    );
    expect(keys.size).toBeGreaterThan(5);
    const ignoringCount = [...keys].filter((key) => !(en as Record<string, string>)[key]?.includes("{count"));
    expect(ignoringCount).toEqual([]);
  });

  it("chooses the form for one, many and an exact match", () => {
    const en = translator("en");
    const nl = translator("nl");
    expect(en("post.comments", { count: 1 })).toBe("1 comment");
    expect(en("post.comments", { count: 2 })).toBe("2 comments");
    expect(en("post.comments", { count: 0 })).toBe("0 comments");
    expect(nl("post.comments", { count: 1 })).toBe("1 reactie");
    expect(nl("profile.acceptedAnswers", { count: 3 })).toBe("3 geaccepteerde antwoorden");
    expect(en("events.seatsLeft", { count: 0 })).toBe("no seats left");
    expect(en("notification.accepted.many", { count: 1, title: "Keys" })).toBe(
      "1 of your answers to “Keys” was accepted",
    );
    expect(en("home.stats", { members: 1, orgs: 2 })).toBe("1 member from 2 organisations");
    // "0 of 0 came back" says nothing: with nobody nudged, /health says so.
    expect(en("health.comeback", { nudged: 0, back: 0, pending: 0 })).toBe("No member has been nudged yet.");
    expect(en("health.comeback", { nudged: 3, back: 1, pending: 2 })).toBe(
      "Nudged members: 1 of 3 came back, 2 still within their 4 weeks.",
    );
  });
});

describe("translator", () => {
  it("fills placeholders", () => {
    expect(translator("nl")("header.signedInAs", { name: "Sanne" })).toBe("Ingelogd als Sanne");
    expect(translator("en")("home.stats", { members: 3, orgs: 1 })).toBe("3 members from 1 organisation");
  });
});

describe("Accept-Language", () => {
  it("picks the supported language with the highest q", () => {
    expect(localeFromAcceptLanguage("nl-BE,nl;q=0.9,en;q=0.8")).toBe("nl");
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,en;q=0.5,nl;q=0.4")).toBe("en");
    expect(localeFromAcceptLanguage("en;q=0.2, nl;q=0.8")).toBe("nl");
    expect(localeFromAcceptLanguage("de-DE")).toBeUndefined();
    expect(localeFromAcceptLanguage(null)).toBeUndefined();
  });
});
