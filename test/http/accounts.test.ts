import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

/** The error text tied to a field: the input points at it with aria-describedby, and it says `message`. */
function expectFieldError(html: string, field: string, message: string) {
  const input = new RegExp(`<input[^>]*id="${field}"[^>]*>`).exec(html)?.[0] ?? "";
  expect(input, `input ${field}`).toContain('aria-invalid="true"');
  expect(input).toMatch(new RegExp(`aria-describedby="[^"]*${field}-error`));
  expect(html).toContain(`<p class="field-error" id="${field}-error" role="alert">${message}</p>`);
}

const countUsers = () => (server.sqlite.prepare("select count(*) as n from users").get() as { n: number }).n;

describe("sign-up", () => {
  it("creates the account, signs in and redirects to the new profile", async () => {
    const client = await signUp(server, {
      name: "Noor Visser",
      handle: "noor",
      email: "Noor@Example.test",
      password: "noor-password-1",
    });
    expect(client.cookies.has("kring_session")).toBe(true);
    const home = await client.get("/");
    // Just joined: welcomed as new, not "back".
    const first = await home.text();
    expect(first).toContain("Welcome to Kring, Noor Visser");
    expect(first).not.toContain("Welcome back");
    const row = server.sqlite.prepare("select email, role from users where handle = 'noor'").get();
    expect(row).toEqual({ email: "noor@example.test", role: "member" });
    // A member who joined on an earlier day is returning.
    server.exec("update users set created_at = created_at - 2 * 86400000 where handle = 'noor'");
    const later = await (await client.get("/")).text();
    expect(later).toContain("Welcome back, Noor Visser");
    expect(later).not.toContain("Welcome to Kring");
  });

  it("a taken handle (any case), a bad email and a short password get 400 with the message at the field", async () => {
    const before = countUsers();
    const client = new Client(server.url);
    const taken = await client.post("/join", {
      name: "Other Noor",
      handle: "NOOR",
      email: "other@example.test",
      password: "long-enough-pw",
    });
    expect(taken.status).toBe(400);
    expectFieldError(await taken.text(), "handle", "That handle is already taken.");

    const badEmail = await client.post("/join", {
      name: "Bram",
      handle: "bram",
      email: "bram-at-example",
      password: "long-enough-pw",
    });
    expect(badEmail.status).toBe(400);
    expectFieldError(await badEmail.text(), "email", "Enter a valid email address.");

    const shortPassword = await client.post("/join", {
      name: "Bram",
      handle: "bram",
      email: "bram@example.test",
      password: "short",
    });
    expect(shortPassword.status).toBe(400);
    const html = await shortPassword.text();
    expectFieldError(html, "password", "Use at least 10 characters.");
    expect(html).toContain('value="bram@example.test"'); // what was typed is kept
    expect(html).not.toContain("short"); // passwords are never echoed

    const takenEmail = await client.post("/join", {
      name: "Bram",
      handle: "bram2",
      email: "NOOR@example.test",
      password: "long-enough-pw",
    });
    expect(takenEmail.status).toBe(400);
    expectFieldError(await takenEmail.text(), "email", "An account with this email address already exists.");

    const missing = await client.post("/join", {});
    expect(missing.status).toBe(400);
    expect(countUsers()).toBe(before);
    expect(client.cookies.has("kring_session")).toBe(false);
  });
});

describe("sessions over HTTP", () => {
  it("never store the cookie's value; a password change ends the member's other sessions", async () => {
    const phone = await signUp(server, {
      name: "Koen Maes",
      handle: "koen",
      email: "koen@example.test",
      password: "koen-password-1",
    });
    const laptop = new Client(server.url);
    await laptop.login("koen@example.test", "koen-password-1");
    const ids = (server.sqlite.prepare("select id from sessions").all() as { id: string }[]).map((r) => r.id);
    for (const client of [phone, laptop]) expect(ids).not.toContain(client.cookies.get("kring_session"));

    const change = await laptop.post("/settings", {
      intent: "password",
      currentPassword: "koen-password-1",
      newPassword: "koen-password-2",
      confirmPassword: "koen-password-2",
    });
    expect(change.status).toBe(200);
    expect(await change.text()).toContain("Your password is changed");
    expect((await laptop.get("/settings")).status).toBe(200);
    const stale = await phone.get("/settings");
    expect(stale.status).toBe(302);
    expect(stale.headers.get("location")).toBe("/login?redirectTo=%2Fsettings");
    expect(
      (await new Client(server.url).post("/login", { email: "koen@example.test", password: "koen-password-1" })).status,
    ).toBe(400);
    await new Client(server.url).login("koen@example.test", "koen-password-2");
  });

  it("a wrong current password or a mismatched repeat changes nothing", async () => {
    const client = await signUp(server, {
      name: "Ines Bos",
      handle: "ines",
      email: "ines@example.test",
      password: "ines-password-1",
    });
    const hash = () => server.sqlite.prepare("select password_hash from users where handle = 'ines'").pluck().get();
    const before = hash();
    const wrong = await client.post("/settings", {
      intent: "password",
      currentPassword: "nope-nope-nope",
      newPassword: "ines-password-2",
      confirmPassword: "ines-password-2",
    });
    expect(wrong.status).toBe(400);
    expectFieldError(await wrong.text(), "currentPassword", "Your current password is not correct.");
    const mismatch = await client.post("/settings", {
      intent: "password",
      currentPassword: "ines-password-1",
      newPassword: "ines-password-2",
      confirmPassword: "ines-password-3",
    });
    expect(mismatch.status).toBe(400);
    expectFieldError(await mismatch.text(), "confirmPassword", "The two passwords are not the same.");
    expect(hash()).toBe(before);
  });

  it("log-out is POST only", async () => {
    const client = await signUp(server, {
      name: "Wim Smit",
      handle: "wim",
      email: "wim@example.test",
      password: "wim-password-1",
    });
    await client.get("/logout");
    expect((await client.get("/settings")).status).toBe(200);
    const out = await client.post("/logout", {});
    expect(out.status).toBe(302);
    expect((await client.get("/settings")).status).toBe(302);
  });

  it("log-in honours a local redirectTo and ignores a foreign one", async () => {
    await signUp(server, {
      name: "Femke Vos",
      handle: "femke",
      email: "femke@example.test",
      password: "femke-password-1",
    });
    const local = await new Client(server.url).post("/login", {
      email: "femke@example.test",
      password: "femke-password-1",
      redirectTo: "/settings",
    });
    expect(local.headers.get("location")).toBe("/settings");
    const foreign = await new Client(server.url).post("/login", {
      email: "femke@example.test",
      password: "femke-password-1",
      redirectTo: "//evil.example",
    });
    expect(foreign.headers.get("location")).toBe("/");
  });
});

describe("language", () => {
  const lang = async (response: Response) => /<html lang="(\w+)"/.exec(await response.text())?.[1];

  it("follows the member's setting, else the cookie, else Accept-Language", async () => {
    const visitor = new Client(server.url);
    expect(await lang(await visitor.get("/", { "Accept-Language": "nl-BE,nl;q=0.9" }))).toBe("nl");
    expect(await lang(await visitor.get("/", { "Accept-Language": "en-GB" }))).toBe("en");
    await visitor.post("/preferences", { intent: "locale", locale: "nl", redirectTo: "/" });
    const dutch = await visitor.get("/members", { "Accept-Language": "en-GB" });
    const html = await dutch.text();
    expect(html).toContain('<html lang="nl"');
    expect(html).toContain("<h1>Leden</h1>");

    const member = await signUp(server, {
      name: "Sem Kuipers",
      handle: "sem",
      email: "sem@example.test",
      password: "sem-password-1",
    });
    const save = await member.post("/settings", {
      intent: "profile",
      name: "Sem Kuipers",
      headline: "",
      bio: "",
      location: "",
      locale: "nl",
      theme: "dark",
    });
    expect(save.status).toBe(200);
    member.cookies.delete("kring_locale");
    member.cookies.delete("kring_theme");
    const page = await (await member.get("/", { "Accept-Language": "en" })).text();
    expect(page).toContain('<html lang="nl" data-theme="dark"');
  });

  it("the theme switch is remembered in a cookie and rendered by the server", async () => {
    const visitor = new Client(server.url);
    expect(await (await visitor.get("/")).text()).toContain('data-theme="system"');
    const switched = await visitor.post("/preferences", { intent: "theme", theme: "dark", redirectTo: "/orgs" });
    expect(switched.headers.get("location")).toBe("/orgs");
    expect(await (await visitor.get("/")).text()).toContain('data-theme="dark"');
    expect((await visitor.post("/preferences", { intent: "theme", theme: "purple" })).status).toBe(400);
  });
});

describe("error pages", () => {
  it("unknown URLs get the 404 page, forbidden ones the 403 page, without stack traces", async () => {
    const visitor = new Client(server.url);
    const missing = await visitor.get("/no/such/page");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Page not found");
    expect((await visitor.get("/members/nobody-here")).status).toBe(404);
    expect((await visitor.post("/no/such/page", { x: "1" })).status).toBe(404);

    const member = await signUp(server, {
      name: "Lotte Mulder",
      handle: "lotte",
      email: "lotte@example.test",
      password: "lotte-password-1",
    });
    const forbidden = await member.get("/orgs/new");
    expect(forbidden.status).toBe(403);
    const html = await forbidden.text();
    expect(html).toContain("Not allowed");
    expect(html).not.toMatch(/at \w+ \(|node_modules/);
  });

  it("sends security headers with every page", async () => {
    const response = await new Client(server.url).get("/");
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});

describe("organisations", () => {
  it("an admin creates an organisation, adds people and vouches for an employee as expert; a member cannot", async () => {
    const admin = await signUp(server, {
      name: "Admin Anouk",
      handle: "admin_anouk",
      email: "anouk@example.test",
      password: "anouk-password-1",
    });
    server.exec("update users set role = 'admin' where handle = 'admin_anouk'");
    const employee = await signUp(server, {
      name: "Ruben Dekker",
      handle: "ruben",
      email: "ruben@example.test",
      password: "ruben-password-1",
    });

    const invalid = await admin.post("/orgs/new", {
      name: "",
      slug: "Not A Slug",
      kind: "vendor",
      website: "ftp://x",
      description: "",
    });
    expect(invalid.status).toBe(400);
    const invalidHtml = await invalid.text();
    expectFieldError(invalidHtml, "slug", "Use 2 to 60 lower-case letters, digits and dashes.");
    expectFieldError(invalidHtml, "website", "Enter a full web address starting with https://");

    const created = await admin.post("/orgs/new", {
      name: "Acme Data",
      slug: "acme",
      kind: "vendor",
      website: "https://acme.example",
      description: "Data tools.",
    });
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/orgs/acme");
    expect(
      (await admin.post("/orgs/new", { name: "Acme Two", slug: "acme", kind: "vendor", website: "", description: "" }))
        .status,
    ).toBe(400);

    expect((await admin.post("/orgs/acme", { intent: "assign", handle: "@ruben", relation: "employee" })).status).toBe(
      200,
    );
    const unknown = await admin.post("/orgs/acme", { intent: "assign", handle: "ghost", relation: "employee" });
    expect(unknown.status).toBe(400);
    expectFieldError(await unknown.text(), "handle", "There is no member with that handle.");

    const rubenId = server.sqlite.prepare("select id from users where handle = 'ruben'").pluck().get() as number;
    const page = await (await new Client(server.url).get("/orgs/acme")).text();
    expect(page).toContain("Ruben Dekker");
    expect(page).toContain("Employee");
    expect(page).not.toContain("Mark as expert"); // visitors see no controls

    const memberTry = await employee.post("/orgs/acme", { intent: "expert", userId: String(rubenId), expert: "1" });
    expect(memberTry.status).toBe(403);
    expect((await employee.post("/orgs/acme", { intent: "assign", handle: "ruben", relation: "partner" })).status).toBe(
      403,
    );

    expect((await admin.post("/orgs/acme", { intent: "expert", userId: String(rubenId), expert: "1" })).status).toBe(
      200,
    );
    expect(server.sqlite.prepare("select role from users where id = ?").pluck().get(rubenId)).toBe("expert");
    const profile = await (await new Client(server.url).get("/members/ruben")).text();
    expect(profile).toContain("Expert");
    expect(profile).toContain('href="/orgs/acme"');
    const audit = server.sqlite.prepare("select action from audit_log order by id").pluck().all();
    expect(audit).toEqual(expect.arrayContaining(["org.create", "org.member", "user.expert"]));
  });

  it("the directory searches by name and filters by organisation", async () => {
    const visitor = new Client(server.url);
    const byName = await (await visitor.get("/members?q=ruben")).text();
    expect(byName).toContain("Ruben Dekker");
    expect(byName).not.toContain("Lotte Mulder");
    const byOrg = await (await visitor.get("/members?org=acme")).text();
    expect(byOrg).toContain("Ruben Dekker");
    expect(byOrg).not.toContain("Noor Visser");
    const odd = await visitor.get("/members?q=%25_%5C&page=-4");
    expect(odd.status).toBe(200);
  });
});
