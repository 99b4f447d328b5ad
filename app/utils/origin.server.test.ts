import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./origin.server";

const base = { method: "POST", host: "kring.example", origin: undefined, referer: undefined };

describe("cross-site request check", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(isCrossSiteRequest({ ...base, method: "GET", origin: "https://evil.example" })).toBe(false);
  });

  it("accepts a POST from the same host, by Origin or by Referer", () => {
    expect(isCrossSiteRequest({ ...base, origin: "https://kring.example" })).toBe(false);
    expect(isCrossSiteRequest({ ...base, referer: "https://kring.example/join" })).toBe(false);
  });

  it("refuses a POST from another site, a null origin or a lookalike host", () => {
    expect(isCrossSiteRequest({ ...base, origin: "https://evil.example" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, origin: "null" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, origin: "https://kring.example.evil.example" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, referer: "https://evil.example/kring.example" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "DELETE", origin: "https://evil.example" })).toBe(true);
  });
});
