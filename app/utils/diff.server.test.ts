import { describe, expect, it } from "vitest";
import { wordDiff } from "./diff.server";

describe("word diff", () => {
  it("marks the words added and removed, keeps the rest", () => {
    expect(wordDiff("Use the bulk loader today.", "Use the fast bulk loader.")).toEqual([
      { text: "Use the " },
      { text: "fast ", change: "added" },
      { text: "bulk loader" },
      { text: " today", change: "removed" },
      { text: "." },
    ]);
  });

  it("an unchanged text is one unchanged part; an empty one none", () => {
    expect(wordDiff("same", "same")).toEqual([{ text: "same" }]);
    expect(wordDiff("", "")).toEqual([]);
    expect(wordDiff("", "new")).toEqual([{ text: "new", change: "added" }]);
  });

  it("two unrelated long versions are shown as replaced: the diff gives up instead of holding the server", () => {
    const words = (seed: number) => Array.from({ length: 3_000 }, (_, i) => `w${(i * seed) % 997}`).join(" ");
    const parts = wordDiff(words(7), words(13));
    expect(parts).toEqual([
      { text: words(7), change: "removed" },
      { text: words(13), change: "added" },
    ]);
  });
});
