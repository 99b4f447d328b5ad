import { describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories";
import { findMembersByPrefix } from "./user.server";

describe("findMembersByPrefix", () => {
  it("finds members whose handle or name starts with the prefix, in any case", async () => {
    await makeUser({ name: "Sanne Bakker", handle: "sanne_b" });
    await makeUser({ name: "Bram Sanders", handle: "bram" });
    await makeUser({ name: "Ruben Visser", handle: "ruben" });
    expect(
      findMembersByPrefix("SAN", 10)
        .map((m) => m.handle)
        .sort(),
    ).toEqual(["sanne_b"]);
    expect(findMembersByPrefix("bra", 10).map((m) => m.handle)).toEqual(["bram"]);
    expect(findMembersByPrefix("ruben v", 10).map((m) => m.handle)).toEqual(["ruben"]);
    expect(findMembersByPrefix("  ", 10)).toEqual([]);
    expect(findMembersByPrefix("%", 10)).toEqual([]);
  });
});
