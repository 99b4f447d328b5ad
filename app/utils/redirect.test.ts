import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it("keeps local paths", () => {
    expect(safeRedirect("/settings?tab=1")).toBe("/settings?tab=1");
  });
  it("percent-encodes what a Location header cannot carry", () => {
    expect(safeRedirect("/tags/één?q=€ 漢#ü")).toBe("/tags/%C3%A9%C3%A9n?q=%E2%82%AC%20%E6%BC%A2#%C3%BC");
  });
  it("refuses other sites and tricks", () => {
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      null,
      "/\nSet-Cookie",
      "/.//evil.example",
      "/..//evil.example",
      "/%2e//evil.example",
      "/a/..//evil.example",
    ]) {
      expect(safeRedirect(bad, "/home")).toBe("/home");
    }
  });
});
