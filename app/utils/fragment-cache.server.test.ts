import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { fragmentCache } from "./fragment-cache.server";

const paragraph = (text: string) => () => createElement("p", null, text);

const text = (bytes: Buffer) => bytes.toString("utf8");

describe("fragment cache", () => {
  it("renders a piece once per set of inputs and returns the same HTML after", () => {
    const cache = fragmentCache();
    let renders = 0;
    const render = () => {
      renders++;
      return createElement("p", null, "a ", createElement("b", null, "piece"));
    };
    expect(text(cache.html(["answer", 1, { score: 2 }], render))).toBe("<p>a <b>piece</b></p>");
    expect(text(cache.html(["answer", 1, { score: 2 }], render))).toBe("<p>a <b>piece</b></p>");
    expect(renders).toBe(1);
    cache.html(["answer", 1, { score: 3 }], render);
    expect(renders).toBe(2);
  });

  it("stays within its size, dropping the least recently used piece first", () => {
    const cache = fragmentCache(200);
    const long = "x".repeat(40);
    cache.html(["a"], paragraph(long));
    cache.html(["b"], paragraph(long));
    cache.html(["a"], paragraph("changed?")); // a hit: "a" is now the most recently used
    cache.html(["c"], paragraph(long));
    expect(cache.size()).toBe(2);
    expect(text(cache.html(["a"], paragraph("rendered again")))).toBe(`<p>${long}</p>`);
    expect(text(cache.html(["b"], paragraph("rendered again")))).toBe("<p>rendered again</p>");
  });

  it("puts a page's fragments into its bytes where their markers are, and only there", () => {
    const cache = fragmentCache();
    const page = cache.forPage();
    const first = page.html(["a"], paragraph("zoë ▲ “quoted”"));
    const second = page.html(["b"], paragraph("second"));
    const again = page.html(["a"], paragraph("not rendered"));
    // Text that looks like a marker, without the page's random token, stays text.
    const fake = "<!--fragment:0123456789abcdef01234567:0-->";
    const markup = `<main>${first}<hr>${second}${fake}<div>${again}</div>✔</main>`;
    expect(text(page.bytes(markup))).toBe(
      `<main><p>zoë ▲ “quoted”</p><hr><p>second</p>${fake}<div><p>zoë ▲ “quoted”</p></div>✔</main>`,
    );
    expect(text(page.bytes("<p>no fragments</p>"))).toBe("<p>no fragments</p>");
    expect(cache.forPage().html(["a"], paragraph("x"))).not.toBe(first);
  });
});
