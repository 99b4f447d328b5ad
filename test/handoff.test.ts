import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { trimHandoff } from "~/utils/handoff.server";

// What Remix writes into `window.__remixContext = …;` (@remix-run/server-runtime createServerHandoffString).
const remixEscape = (json: string) =>
  json.replace(
    /[&><\u2028\u2029]/g,
    (c) => ({ "&": "\\u0026", ">": "\\u003e", "<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029" })[c]!,
  );

describe("the document's handoff (app/utils/handoff.server.ts)", () => {
  const handoff = {
    basename: "/",
    future: { v3_fetcherPersist: true },
    isSpaMode: false,
    state: {
      loaderData: {
        root: { user: null, locale: "en" },
        "routes/questions.$id": {
          question: { id: 1, title: "Fish & <chips>", bodyHtml: "<p>A</p><script>x</script>", lang: null },
          answers: [{ id: 2, bodyHtml: "<p>B \u2028 &amp;</p>", score: 3 }],
          comments: { 2: [{ id: 3, bodyHtml: "<p>C</p>" }] },
          bioHtml: "",
        },
      },
      actionData: { previewHtml: "<p>kept</p>" },
      errors: null,
    },
  };

  it("leaves out non-empty *Html fields of loader data and escapes the rest as Remix does", () => {
    const trimmed = trimHandoff(remixEscape(JSON.stringify(handoff)));
    expect(trimmed).not.toMatch(/[<>&\u2028\u2029]/);
    const back = JSON.parse(trimmed) as typeof handoff;
    const page = back.state.loaderData["routes/questions.$id"];
    expect(page.question).toEqual({ id: 1, title: "Fish & <chips>", lang: null });
    expect(page.answers).toEqual([{ id: 2, score: 3 }]);
    expect(page.comments).toEqual({ 2: [{ id: 3 }] });
    expect(page.bioHtml).toBe(""); // a page may test an empty one
    expect(back.state.actionData).toEqual({ previewHtml: "<p>kept</p>" });
    expect(back.future).toEqual(handoff.future);
  });

  it("returns a handoff without HTML fields untouched", () => {
    const plain = remixEscape(JSON.stringify({ state: { loaderData: { root: { a: "<b>" } } } }));
    expect(trimHandoff(plain)).toBe(plain);
  });

  it("server HTML reaches React only through <ServerHtml>, which hydrates without the field", () => {
    const appDir = path.resolve(__dirname, "../app");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !/\.server\.tsx?$/.test(entry.name)) {
          if (fs.readFileSync(file, "utf8").includes("dangerouslySetInnerHTML"))
            offenders.push(path.relative(appDir, file));
        }
      }
    };
    walk(appDir);
    expect(offenders).toEqual(["components/ServerHtml.tsx"]);
  });
});
