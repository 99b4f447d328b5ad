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
  const handoff = (actionData: unknown = null) => ({
    basename: "/",
    future: { v3_fetcherPersist: true },
    isSpaMode: false,
    state: {
      loaderData: {
        root: { user: null, locale: "en" },
        "routes/questions.$id": {
          question: {
            id: 1,
            title: 'Fish & <chips> "titleHtml":"not a field" \\',
            bodyHtml: '<p>A "quoted" \\</p><script>x</script>',
            lang: null,
          },
          answers: [{ id: 2, bodyHtml: "<p>B \u2028 &amp;</p>", score: 3 }],
          comments: { 2: [{ id: 3, bodyHtml: "<p>C</p>" }] },
          bioHtml: "",
          summaryHtml: null,
        },
      },
      actionData,
      errors: null,
    },
  });

  it("sets non-empty *Html strings of a GET document's loader data to null, keeping Remix's escaping", () => {
    const trimmed = trimHandoff(remixEscape(JSON.stringify(handoff())));
    expect(trimmed).not.toMatch(/[<>&\u2028\u2029]/);
    const back = JSON.parse(trimmed) as ReturnType<typeof handoff>;
    const page = back.state.loaderData["routes/questions.$id"];
    expect(page.question).toEqual({ ...handoff().state.loaderData["routes/questions.$id"].question, bodyHtml: null });
    expect(page.answers).toEqual([{ id: 2, bodyHtml: null, score: 3 }]);
    expect(page.comments).toEqual({ 2: [{ id: 3, bodyHtml: null }] });
    expect(page.bioHtml).toBe(""); // a page may test an empty one
    expect(page.summaryHtml).toBeNull();
    expect(back.future).toEqual(handoff().future);
  });

  it("leaves other documents alone: a form posted without JavaScript (action data), no HTML fields", () => {
    const posted = remixEscape(JSON.stringify(handoff({ previewHtml: "<p>kept</p>" })));
    expect(trimHandoff(posted)).toBe(posted);
    const plain = remixEscape(
      JSON.stringify({ state: { loaderData: { root: { a: "<b>" } }, actionData: null, errors: null } }),
    );
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
    // The fragment store inserts HTML React rendered itself (its children), never a loader field.
    expect(offenders.sort()).toEqual(["components/ServerHtml.tsx", "utils/fragment.tsx"]);
  });
});
