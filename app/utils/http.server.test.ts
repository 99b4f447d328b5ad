import { describe, expect, it } from "vitest";
import { forbidden, notFound, parseId } from "./http.server";

describe("http helpers", () => {
  it("reads only plain positive integers as ids", () => {
    expect(["12", "1", "999999999999999"].map(parseId)).toEqual([12, 1, 999999999999999]);
    expect(
      [undefined, "", "0", "012", "12abc", "1e3", "-1", "0x10", " 12", "1.5", "9999999999999999"].map(parseId),
    ).toEqual(Array(11).fill(0));
  });

  it("builds the 404 and 403 answers", () => {
    expect([notFound().status, forbidden().status]).toEqual([404, 403]);
  });
});
