/**
 * The lint rule that keeps server values out of browser code (eslint.config.js) refuses a planted example:
 * a component that imports a value from a `.server` module. Importing only a type from one is fine.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function lint(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((message) => message.ruleId);
}

describe("lint", () => {
  it("refuses a value from a .server module in a component, and allows a type", async () => {
    const planted = `import { QUESTION_STATES } from "~/models/post.server";\nexport const states = QUESTION_STATES;\n`;
    expect(await lint(planted, "app/components/Planted.tsx")).toContain("@typescript-eslint/no-restricted-imports");
    const typeOnly = `import type { Cause } from "~/health/causes";\nimport type { User } from "~/utils/auth.server";\nexport type Row = { cause: Cause; user: User };\n`;
    expect(await lint(typeOnly, "app/components/Planted.tsx")).toEqual([]);
  });

  it("refuses the database schema in browser code", async () => {
    const planted = `import { THEMES } from "~db/schema";\nexport const themes = THEMES;\n`;
    expect(await lint(planted, "app/utils/planted.ts")).toContain("@typescript-eslint/no-restricted-imports");
  });
});
