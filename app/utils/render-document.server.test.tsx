import { execFileSync } from "node:child_process";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderDocument } from "./render-document.server";

function Page({ items }: { items: string[] }) {
  return (
    <html lang="nl">
      <head>
        <title>Één · Kring</title>
      </head>
      <body>
        <ul>
          {items.map((item) => (
            <li key={item}>
              {item} {"&"} <b>{item.length}</b>
            </li>
          ))}
        </ul>
      </body>
    </html>
  );
}

function Broken(): never {
  throw new Error("a component failed");
}

describe("renderDocument", () => {
  it("gives the bytes of the same HTML as renderToString, with the doctype, for a page of many chunks", async () => {
    const items = Array.from({ length: 3000 }, (_, i) => `vraag ${i} — “antwoord”`);
    const page = await renderDocument(<Page items={items} />);
    expect(page.length).toBeGreaterThan(100_000);
    expect(page.toString("utf8")).toBe(`<!DOCTYPE html>${renderToString(<Page items={items} />)}`);
  });

  // React 18's stream renderer wrote a whole 2 KB view where a character did not fit, zeros included (react#31134):
  // scripts/patches fixes both of its builds. The tests above run the development build; this one the production one.
  it("writes no NUL bytes where a multi-byte character meets a chunk's end, in the production build too", () => {
    const script = `
      import React from "react";
      import { renderDocument } from "./app/utils/render-document.server.ts";
      const items = Array.from({ length: 3000 }, (_, i) => React.createElement("li", { key: i }, "vraag " + i + " — “antwoord”"));
      const page = await renderDocument(React.createElement("html", null, React.createElement("body", null, items)));
      process.stdout.write(String(page.includes(0)) + " " + page.length);`;
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      env: { ...process.env, NODE_ENV: "production" },
      encoding: "utf8",
    });
    const [hasNul, length] = output.split(" ");
    expect(Number(length)).toBeGreaterThan(100_000);
    expect(hasNul).toBe("false");
  });

  it("fails with the component's error, so Remix renders the error page instead", async () => {
    await expect(
      renderDocument(
        <html lang="en">
          <body>
            <Broken />
          </body>
        </html>,
      ),
    ).rejects.toThrow("a component failed");
  });
});
