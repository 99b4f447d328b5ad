import { describe, expect, it } from "vitest";
import { makeOrganisation, makeUser } from "../../test/factories";
import {
  findOrganisationForEmail,
  getProviderBySlug,
  getProviderSettings,
  parseDomains,
  proposeHandle,
  recordLoginStart,
  saveProvider,
  takeLogin,
} from "./oidc.server";

describe("OIDC providers and sign-ins", () => {
  it("keeps the secret sealed, shows settings without it, finds the organisation by email domain", async () => {
    const admin = await makeUser({ role: "admin" });
    const org = makeOrganisation({ slug: "acme", name: "Acme" });
    const settings = {
      actorId: admin.id,
      orgId: org.id,
      issuer: "https://login.acme.example",
      clientId: "kring",
      domains: parseDomains("acme.example, @ACME.nl acme.example"),
      joinAsEmployee: true,
    };
    // The first set-up needs a secret; later a blank one keeps it.
    expect(saveProvider({ ...settings, clientSecret: "" })).toBe(false);
    expect(saveProvider({ ...settings, clientSecret: "s3cret" })).toBe(true);
    expect(saveProvider({ ...settings, clientSecret: "" })).toBe(true);
    expect(getProviderBySlug("acme")).toMatchObject({ clientSecret: "s3cret", domains: ["acme.example", "acme.nl"] });
    expect(getProviderSettings(org.id)).not.toHaveProperty("clientSecretSealed");
    expect(findOrganisationForEmail("Jan@ACME.nl")?.slug).toBe("acme");
    expect(findOrganisationForEmail("jan@notacme.nl")).toBeNull();
    expect(findOrganisationForEmail("jan@sub.acme.example")).toBeNull();
  });

  it("a sign-in under way is taken once, and not after ten minutes", () => {
    const org = makeOrganisation();
    const login = { orgId: org.id, nonce: "n", codeVerifier: "v", redirectTo: "/" };
    recordLoginStart({ ...login, state: "s1" });
    expect(takeLogin("s1")).toMatchObject({ nonce: "n", codeVerifier: "v" });
    expect(takeLogin("s1")).toBeNull();
    recordLoginStart({ ...login, state: "s2" });
    expect(takeLogin("s2", Date.now() + 11 * 60 * 1000)).toBeNull();
  });

  it("proposes a free handle from the name, else the email", async () => {
    await makeUser({ handle: "jan-de-vries" });
    expect(proposeHandle("Jan de Vries", "jan@acme.example")).toBe("jan-de-vries-2");
    expect(proposeHandle("Zoë Ærø", "z@acme.example")).toBe("zoe-r");
    expect(proposeHandle("李", "li.wei@acme.example")).toBe("li-wei");
  });
});
