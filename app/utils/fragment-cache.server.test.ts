import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { fragmentCache } from "./fragment-cache.server";

const paragraph = (text: string) => () => createElement("p", null, text);

describe("fragment cache", () => {
  it("renders a piece once per set of inputs and returns the same HTML after", () => {
    const cache = fragmentCache();
    let renders = 0;
    const render = () => {
      renders++;
      return createElement("p", null, "a ", createElement("b", null, "piece"));
    };
    expect(cache.html(["answer", 1, { score: 2 }], render)).toBe("<p>a <b>piece</b></p>");
    expect(cache.html(["answer", 1, { score: 2 }], render)).toBe("<p>a <b>piece</b></p>");
    expect(renders).toBe(1);
    cache.html(["answer", 1, { score: 3 }], render);
    expect(renders).toBe(2);
  });

  it("stays within its size, dropping the least recently used piece first", () => {
    const cache = fragmentCache(200);
    const text = "x".repeat(40);
    cache.html(["a"], paragraph(text));
    cache.html(["b"], paragraph(text));
    cache.html(["a"], paragraph("changed?")); // a hit: "a" is now the most recently used
    cache.html(["c"], paragraph(text));
    expect(cache.size()).toBe(2);
    expect(cache.html(["a"], paragraph("rendered again"))).toBe(`<p>${text}</p>`);
    expect(cache.html(["b"], paragraph("rendered again"))).toBe("<p>rendered again</p>");
  });
});
