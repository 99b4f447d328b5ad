/**
 * The browser build (made by the global set-up) holds no server code, no schema and one dictionary per page.
 * Reads esbuild's metafile: which source files put bytes into which browser chunk. docs/frontend.md
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { firstLoadFiles } from "../scripts/bundle-size";

type Metafile = { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
const metafile = JSON.parse(fs.readFileSync("build/metafile.js.json", "utf8")) as Metafile;
// A worktree's node_modules may be a link to another checkout's: its inputs read "../main/node_modules/…".
const SERVER_ONLY =
  /^(app\/.*\.server\.tsx?|db\/schema\.ts|(\.\.\/[^/]+\/)?node_modules\/(drizzle-orm|better-sqlite3|lucia|@node-rs|nodemailer|marked|sanitize-html)\/.*)$/;

const inputsWithBytes = (output: string) =>
  Object.entries(metafile.outputs[output].inputs)
    .filter(([, i]) => i.bytesInOutput > 0)
    .map(([input]) => input);

describe("browser bundle", () => {
  it("has no .server module, schema or server-only package in any chunk", () => {
    const leaks = Object.keys(metafile.outputs).flatMap((output) =>
      inputsWithBytes(output)
        .filter((i) => SERVER_ONLY.test(i))
        .map((i) => `${output}: ${i}`),
    );
    expect(leaks).toEqual([]);
  });

  it("loads no zod on a question or article page: the actions' schemas live in a .server module", () => {
    for (const route of ["routes/questions.$id", "routes/articles.$slug"]) {
      const outputs = firstLoadFiles(route).map((f) => `public${f.replace(/\\/g, "/").split("/public")[1]}`);
      const zod = outputs
        .filter((o) => o in metafile.outputs) // not the route manifest
        .flatMap((o) => inputsWithBytes(o).filter((i) => /(^|\/)node_modules\/zod\//.test(i)));
      expect(zod, route).toEqual([]);
    }
  });

  it("ships each dictionary in a chunk of its own, and a page loads only its language's", () => {
    const chunksWith = (locale: string) =>
      Object.keys(metafile.outputs).filter(
        (o) => o.endsWith(".js") && inputsWithBytes(o).includes(`app/locales/${locale}.ts`),
      );
    expect(chunksWith("en")).toHaveLength(1);
    expect(chunksWith("nl")).toHaveLength(1);
    expect(chunksWith("en")[0]).not.toBe(chunksWith("nl")[0]);
    const files = firstLoadFiles("routes/questions.$id", "nl").map((f) => f.replace(/\\/g, "/"));
    expect(files.some((f) => f.endsWith(chunksWith("nl")[0].replace("public", "")))).toBe(true);
    // The static imports of the page (everything but the dictionary) never pull in a dictionary.
    const staticOnes = files.filter((f) => !f.endsWith(chunksWith("nl")[0].replace("public", "")));
    for (const file of staticOnes) expect(fs.readFileSync(file, "utf8"), file).not.toContain("Ingelogd als");
  });
});
