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
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe("");
      expect(nl[key].trim(), key).not.toBe("");
      expect(placeholders(nl[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

describe("translator", () => {
  it("fills placeholders", () => {
    expect(translator("nl")("header.signedInAs", { name: "Sanne" })).toBe("Ingelogd als Sanne");
    expect(translator("en")("home.stats", { members: 3, orgs: 1 })).toBe("3 members from 1 organisations");
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
