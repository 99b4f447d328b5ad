import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it("keeps local paths", () => {
    expect(safeRedirect("/settings?tab=1")).toBe("/settings?tab=1");
  });
  it("refuses other sites and tricks", () => {
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, "/\nSet-Cookie"]) {
      expect(safeRedirect(bad, "/home")).toBe("/home");
    }
  });
});
