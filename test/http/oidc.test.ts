/**
 * Sign in with your company (issue 20, docs/accounts.md) against a real OpenID provider the test starts
 * (test/oidc-provider.ts): an admin sets it up, the sign-in creates the member as an employee, signs out and
 * in again; each tampering is refused with nothing written; an existing password account is never taken
 * over: linking needs its password.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProvider, type TestAccount, type TestProvider } from "../oidc-provider";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let acme: TestProvider;
/** Globex's provider signs its ID tokens with a key it does not publish. */
let globex: TestProvider;
/** Initech's provider issues ID tokens that expired an hour before. */
let initech: TestProvider;
let admin: Client;

const accounts: Record<string, TestAccount> = {
  jan: { email: "jan@acme.example", name: "Jan de Vries" },
  noor: { email: "noor@acme.example", name: "Noor Visser" },
  kees: { email: "kees@acme.example", name: "Kees Bakker" },
  outsider: { email: "olga@elsewhere.example", name: "Olga Outsider" },
  unverified: { email: "uma@acme.example", name: "Uma Unverified", email_verified: false },
  /** A provider that does not say whether it verified the address: it may be one the user typed in. */
  unstated: { email: "ulla@acme.example", name: "Ulla Unstated", email_verified: undefined },
};

beforeAll(async () => {
  server = await startServer();
  [acme, globex, initech] = await Promise.all([
    startProvider({ redirectUri: `${server.url}/auth/oidc/acme/callback`, accounts }),
    startProvider({ redirectUri: `${server.url}/auth/oidc/globex/callback`, accounts, foreignKeys: true }),
    startProvider({ redirectUri: `${server.url}/auth/oidc/initech/callback`, accounts, idTokenTtl: -3600 }),
  ]);
  admin = await signUp(server, {
    name: "Ada Admin",
    handle: "ada",
    email: "ada@kring.test",
    password: "ada-password-1",
  });
  server.exec("update users set role = 'admin' where handle = 'ada'");
  server.exec(
    "insert into organisations (slug, name, kind) values ('acme', 'Acme', 'vendor'), ('globex', 'Globex', 'customer'), ('initech', 'Initech', 'partner')",
  );
}, 60_000);

afterAll(async () => {
  await Promise.all([acme?.stop(), globex?.stop(), initech?.stop()]);
  expect(server.stderr()).toBe("");
  await server.stop();
});

const count = (table: string) => (server.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
const written = () => ["users", "sessions", "oidc_identities", "memberships"].map((t) => `${t}: ${count(t)}`);

/** Starts a sign-in with the organisation's button and signs in at the provider: Kring's callback path. */
async function signInAtProvider(client: Client, slug: string, login: string, provider = acme) {
  const start = await client.post(`/auth/oidc/${slug}`, { redirectTo: "" });
  expect(start.status).toBe(302);
  const callback = await provider.authorize(start.headers.get("location")!, login);
  expect(callback.origin).toBe(server.url);
  return callback.pathname + callback.search;
}

describe("setting up a provider", () => {
  it("an admin configures issuer, client, secret (stored encrypted, never shown) and domains; others may not", async () => {
    const member = await signUp(server, {
      name: "Mo Member",
      handle: "momo",
      email: "mo@kring.test",
      password: "mo-password-1",
    });
    const fields = {
      intent: "oidc",
      issuer: acme.issuer,
      clientId: acme.clientId,
      clientSecret: acme.clientSecret,
      domains: "acme.example, @ACME.nl",
      joinAsEmployee: "on",
    };
    expect((await member.post("/orgs/acme", fields)).status).toBe(403);
    expect(await (await member.get("/orgs/acme")).text()).not.toContain("Client secret");
    const badIssuer = await admin.post("/orgs/acme", { ...fields, issuer: "http://idp.example" });
    expect(badIssuer.status).toBe(400);
    expect(await badIssuer.text()).toContain("Enter the provider&#x27;s https address.");

    expect((await admin.post("/orgs/acme", fields)).status).toBe(200);
    const row = server.sqlite.prepare("select * from oidc_providers").get() as Record<string, unknown>;
    expect(row).toMatchObject({ issuer: acme.issuer, client_id: acme.clientId, domains: "acme.example,acme.nl" });
    expect(String(row.client_secret_sealed)).toMatch(/^v1\./);
    expect(String(row.client_secret_sealed)).not.toContain(acme.clientSecret);
    const page = await (await admin.get("/orgs/acme")).text();
    expect(page).toContain(`Configured for ${acme.issuer}.`);
    expect(page).not.toContain(acme.clientSecret);
    // A blank secret keeps the stored one.
    expect((await admin.post("/orgs/acme", { ...fields, clientSecret: "" })).status).toBe(200);
    expect(server.sqlite.prepare("select client_secret_sealed from oidc_providers").pluck().get()).toBe(
      row.client_secret_sealed,
    );
    for (const [slug, provider] of [
      ["globex", globex],
      ["initech", initech],
    ] as const) {
      const { issuer, clientId, clientSecret } = provider;
      expect((await admin.post(`/orgs/${slug}`, { ...fields, issuer, clientId, clientSecret })).status).toBe(200);
    }
  });
});

describe("/login", () => {
  it("offers each organisation's sign-in, lets its provider receive the form, and finds it from an email", async () => {
    const client = new Client(server.url);
    const login = await client.get("/login");
    const html = await login.text();
    expect(html).toContain("Sign in with Acme");
    expect(html).toContain('action="/auth/oidc/acme"');
    expect(login.headers.get("content-security-policy")).toContain(`form-action 'self' ${acme.issuer}`);
    expect(login.headers.get("x-kring-form-targets")).toBeNull();

    const found = await client.post("/login", { intent: "sso", ssoEmail: "jan@ACME.example", redirectTo: "" });
    expect(found.status).toBe(302);
    expect(found.headers.get("location")).toMatch(new RegExp(`^${acme.issuer}/auth\\?`));
    const location = new URL(found.headers.get("location")!);
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(location.searchParams.get("nonce")).toBeTruthy();

    const none = await client.post("/login", { intent: "sso", ssoEmail: "jan@unknown.example" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("No company sign-in is set up for that email address.");
  });
});

describe("the journey", () => {
  it("signs in, creates the member as an employee, signs out (offering the provider's sign-out) and in again", async () => {
    const client = new Client(server.url);
    const callback = await client.get(await signInAtProvider(client, "acme", "jan"));
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/auth/oidc/acme/finish");
    expect(client.cookies.has("kring_session")).toBe(false);
    const finish = await (await client.get("/auth/oidc/acme/finish")).text();
    expect(finish).toContain("Welcome, Jan de Vries");
    expect(finish).toContain('value="jan-de-vries"');

    const join = await client.post("/auth/oidc/acme/finish", {
      intent: "join",
      name: "Jan de Vries",
      handle: "jan-de-vries",
    });
    expect(join.status).toBe(302);
    expect(client.cookies.has("kring_session")).toBe(true);
    const user = server.sqlite.prepare("select id, email, name from users where handle = 'jan-de-vries'").get() as {
      id: number;
      email: string;
    };
    expect(user).toMatchObject({ email: "jan@acme.example", name: "Jan de Vries" });
    expect(server.sqlite.prepare("select relation from memberships where user_id = ?").pluck().get(user.id)).toBe(
      "employee",
    );
    expect(server.sqlite.prepare("select * from oidc_identities where user_id = ?").get(user.id)).toMatchObject({
      issuer: acme.issuer,
      subject: "jan",
    });
    expect(await (await client.get("/")).text()).toContain("Jan de Vries");

    const logout = await client.post("/logout", {});
    expect(logout.headers.get("location")).toBe("/logout?from=acme");
    expect(client.cookies.has("kring_session")).toBe(false);
    const signedOut = await (await client.get("/logout?from=acme")).text();
    expect(signedOut).toContain("You are logged out of Kring.");
    expect(signedOut).toMatch(new RegExp(`href="${acme.issuer}/session/end\\?client_id=kring-test"`));

    const users = count("users");
    const again = await client.get(await signInAtProvider(client, "acme", "jan"));
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/");
    expect(client.cookies.has("kring_session")).toBe(true);
    expect(count("users")).toBe(users);
    const sessionUser = server.sqlite
      .prepare("select user_id from sessions order by created_at desc limit 1")
      .pluck()
      .get();
    expect(sessionUser).toBe(user.id);
  });
});

describe("refusals write nothing", () => {
  it("a tampered state", async () => {
    const client = new Client(server.url);
    const path = await signInAtProvider(client, "acme", "kees");
    const before = written();
    const url = new URL(path, server.url);
    url.searchParams.set("state", "tampered-" + url.searchParams.get("state"));
    const answer = await client.get(url.pathname + url.search);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("This sign-in was not started in this browser");
    expect(written()).toEqual(before);
  });

  it("a state from another browser", async () => {
    const path = await signInAtProvider(new Client(server.url), "acme", "kees");
    const before = written();
    expect((await new Client(server.url).get(path)).status).toBe(400);
    expect(written()).toEqual(before);
  });

  it("a replayed authorization code: Kring's sign-in is used up, and the provider refuses the code again", async () => {
    const client = new Client(server.url);
    const path = await signInAtProvider(client, "acme", "jan");
    const state = new URL(path, server.url).searchParams.get("state")!;
    const pending = server.sqlite.prepare("select * from oidc_logins where state = ?").get(state) as Record<
      string,
      unknown
    >;
    expect((await client.get(path)).headers.get("location")).toBe("/");
    const before = written();
    const replay = new Client(server.url);
    replay.cookies.set("kring_oidc_state", state);
    expect((await replay.get(path)).status).toBe(400);
    // Even with the sign-in put back as it was, the provider will not redeem its code twice.
    server.exec(
      "insert into oidc_logins (state, org_id, nonce, code_verifier, redirect_to, created_at) values (?, ?, ?, ?, ?, ?)",
      pending.state,
      pending.org_id,
      pending.nonce,
      pending.code_verifier,
      pending.redirect_to,
      Date.now(),
    );
    replay.cookies.set("kring_oidc_state", state);
    const answer = await replay.get(path);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("could not be verified");
    expect(replay.cookies.has("kring_session")).toBe(false);
    expect(written()).toEqual(before);
  });

  it("a wrong nonce", async () => {
    const client = new Client(server.url);
    const path = await signInAtProvider(client, "acme", "kees");
    server.exec(
      "update oidc_logins set nonce = 'not-the-nonce' where state = ?",
      new URL(path, server.url).searchParams.get("state"),
    );
    const before = written();
    const answer = await client.get(path);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("could not be verified");
    expect(written()).toEqual(before);
  });

  it.each([
    ["signed by a key the issuer does not publish", "globex"],
    ["that has expired", "initech"],
  ] as const)("an ID token %s", async (_, slug) => {
    const client = new Client(server.url);
    const path = await signInAtProvider(client, slug, "kees", slug === "globex" ? globex : initech);
    const before = written();
    const answer = await client.get(path);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("could not be verified");
    expect(client.cookies.has("kring_session")).toBe(false);
    expect(written()).toEqual(before);
  });

  it("an expired sign-in (over ten minutes)", async () => {
    const client = new Client(server.url);
    const path = await signInAtProvider(client, "acme", "kees");
    server.exec("update oidc_logins set created_at = created_at - 11 * 60000");
    const before = written();
    expect((await client.get(path)).status).toBe(400);
    expect(written()).toEqual(before);
  });

  it("an email outside the vouched domains, and an unverified one", async () => {
    const before = written();
    const outsider = new Client(server.url);
    const refused = await outsider.get(await signInAtProvider(outsider, "acme", "outsider"));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Acme does not vouch for the domain of your email address");
    const unverified = new Client(server.url);
    const unverifiedAnswer = await unverified.get(await signInAtProvider(unverified, "acme", "unverified"));
    expect(unverifiedAnswer.status).toBe(403);
    expect(await unverifiedAnswer.text()).toContain("Your company has not verified your email address");
    const unstated = new Client(server.url);
    expect((await unstated.get(await signInAtProvider(unstated, "acme", "unstated"))).status).toBe(403);
    expect(written()).toEqual(before);
    // No way around it to the account step either.
    expect((await unverified.get("/auth/oidc/acme/finish")).headers.get("location")).toBe("/login");
  });
});

describe("a suspended member", () => {
  it("is refused at the callback, as on /login, and gets no session", async () => {
    server.exec(
      "update users set suspended_at = ?, suspend_reason = 'spam' where email = 'jan@acme.example'",
      Date.now(),
    );
    const before = written();
    const client = new Client(server.url);
    const answer = await client.get(await signInAtProvider(client, "acme", "jan"));
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain("Your account is suspended, so you cannot log in.");
    expect(client.cookies.has("kring_session")).toBe(false);
    expect(written()).toEqual(before);
    server.exec("update users set suspended_at = null, suspend_reason = '' where email = 'jan@acme.example'");
  });
});

describe("an existing password account", () => {
  it("is not taken over: the provider's sign-in asks for its password, and links only with the right one", async () => {
    await signUp(server, {
      name: "Noor Visser",
      handle: "noor",
      email: "noor@acme.example",
      password: "noor-password-1",
    });
    const noorId = server.sqlite.prepare("select id from users where handle = 'noor'").pluck().get();
    const client = new Client(server.url);
    const callback = await client.get(await signInAtProvider(client, "acme", "noor"));
    expect(callback.headers.get("location")).toBe("/auth/oidc/acme/finish");
    expect(client.cookies.has("kring_session")).toBe(false);
    const page = await (await client.get("/auth/oidc/acme/finish")).text();
    expect(page).toContain("Link your account");
    expect(page).toContain('type="password"');

    const before = written();
    // Choosing a handle instead would make a second account with the same email: refused.
    expect(
      (await client.post("/auth/oidc/acme/finish", { intent: "join", name: "Noor", handle: "noor-2" })).status,
    ).toBe(302);
    const wrong = await client.post("/auth/oidc/acme/finish", { intent: "link", password: "not-her-password" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Wrong email address or password.");
    expect(client.cookies.has("kring_session")).toBe(false);
    expect(written()).toEqual(before);

    const right = await client.post("/auth/oidc/acme/finish", { intent: "link", password: "noor-password-1" });
    expect(right.status).toBe(302);
    expect(client.cookies.has("kring_session")).toBe(true);
    expect(server.sqlite.prepare("select user_id from oidc_identities where subject = 'noor'").pluck().get()).toBe(
      noorId,
    );
    // Linked through Acme's sign-in, she is now Acme's employee, as its sign-in says.
    expect(
      server.sqlite
        .prepare(
          "select o.slug, m.relation from memberships m join organisations o on o.id = m.org_id where m.user_id = ?",
        )
        .get(noorId),
    ).toEqual({ slug: "acme", relation: "employee" });

    // From now on the provider signs her in directly.
    const later = new Client(server.url);
    expect((await later.get(await signInAtProvider(later, "acme", "noor"))).headers.get("location")).toBe("/");
    expect(later.cookies.has("kring_session")).toBe(true);
  });
});
