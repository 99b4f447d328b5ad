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
});
