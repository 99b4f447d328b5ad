import { describe, expect, it } from "vitest";
import { makeOrganisation } from "../../test/factories";
import { counted } from "../../test/statements";
import { organisationNames } from "./organisation.server";

describe("organisation names (the /health filter's choices)", () => {
  it("are read once per process and read again as soon as an organisation is added, by any process", () => {
    const before = organisationNames();
    const { result: again, statements } = counted(() => organisationNames());
    expect(again).toBe(before);
    expect(statements).toBe(1); // the "orgs" version only
    // createOrganisation moves the "orgs" version in the database, which every process reads.
    const org = makeOrganisation({ name: "Aardvark Analytics", slug: "aardvark-analytics" });
    const after = organisationNames();
    expect(after).toContainEqual({ id: org.id, slug: "aardvark-analytics", name: "Aardvark Analytics" });
    expect(after.length).toBe(before.length + 1);
    expect(Object.isFrozen(after) && Object.isFrozen(after[0])).toBe(true);
  });
});
