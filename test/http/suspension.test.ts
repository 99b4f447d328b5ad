import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer, waitFor } from "../server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { WEB_CONCURRENCY: "1" } });
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

const suspend = (handle: string) =>
  server.exec("update users set suspended_at = ? where handle = ?", Date.now(), handle);
const sessionsOf = (handle: string) =>
  server.sqlite
    .prepare("select count(*) from sessions where user_id = (select id from users where handle = ?)")
    .pluck()
    .get(handle);
const sessionCookies = (response: Response) =>
  response.headers.getSetCookie().filter((c) => c.startsWith("kring_session="));

describe("a suspended member", () => {
  it("who logs in with the right password is told the account is suspended (403) and gets no session", async () => {
    await signUp(server, {
      name: "Sam Suspended",
      handle: "sam",
      email: "sam@example.test",
      password: "sam-password-1",
    });
    suspend("sam");
    const before = sessionsOf("sam");

    const login = await new Client(server.url).post("/login", {
      email: "sam@example.test",
      password: "sam-password-1",
    });
    expect(login.status).toBe(403);
    expect(await login.text()).toContain("Your account is suspended, so you cannot log in.");
    expect(sessionCookies(login)).toEqual([]);
    expect(sessionsOf("sam")).toBe(before);

    const dutch = await new Client(server.url).post(
      "/login",
      { email: "sam@example.test", password: "sam-password-1" },
      { "Accept-Language": "nl" },
    );
    expect(await dutch.text()).toContain("Je account is geschorst, dus je kunt niet inloggen.");
    // Without the password nothing tells that the account exists, let alone that it is suspended.
    const wrong = await new Client(server.url).post("/login", {
      email: "sam@example.test",
      password: "not-sams-password",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).not.toContain("suspended");
    // A fresh account with the same address is impossible (any case).
    const again = await new Client(server.url).post("/join", {
      name: "Sam Again",
      handle: "sam_again",
      email: "SAM@example.test",
      password: "sam-password-2",
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("An account with this email address already exists.");
  });

  it("suspended while signed in is refused at the next page, told why in their language, and signed out everywhere", async () => {
    const phone = await signUp(server, {
      name: "Pien Paus",
      handle: "pien",
      email: "pien@example.test",
      password: "pien-password-1",
    });
    const laptop = new Client(server.url);
    await laptop.login("pien@example.test", "pien-password-1");
    server.exec("update users set locale = 'nl' where handle = 'pien'");
    expect((await phone.get("/")).status).toBe(200);
    suspend("pien");

    const refused = await phone.get("/");
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toContain('<html lang="nl"');
    expect(html).toContain(
      "Je account is geschorst: zolang dat zo is, kun je niet inloggen of meedoen. Je bent uitgelogd.",
    );
    expect(html).toContain("<title>Account geschorst · Kring</title>");
    expect(html).not.toContain("Pien Paus"); // not shown as signed in
    expect(sessionCookies(refused)).toEqual([expect.stringMatching(/^kring_session=; .*Max-Age=0/i)]);
    expect(sessionsOf("pien")).toBe(0);

    expect(phone.cookies.has("kring_session")).toBe(false);
    const elsewhere = await laptop.get("/settings");
    expect(elsewhere.status).toBe(302);
    expect(elsewhere.headers.get("location")).toBe("/login?redirectTo=%2Fsettings");
  });

  it("suspended while signed in cannot act: the post changes nothing", async () => {
    const member = await signUp(server, {
      name: "Olaf Oud",
      handle: "olaf",
      email: "olaf@example.test",
      password: "olaf-password-1",
    });
    suspend("olaf");
    const save = await member.post("/settings", {
      intent: "profile",
      name: "Olaf Renamed",
      headline: "",
      bio: "",
      location: "",
      locale: "",
      theme: "system",
    });
    expect(save.status).toBe(403);
    expect(await save.text()).toContain(
      "Your account is suspended: while it is, you cannot log in or take part. You have been logged out.",
    );
    expect(server.sqlite.prepare("select name from users where handle = 'olaf'").pluck().get()).toBe("Olaf Oud");
    expect(sessionsOf("olaf")).toBe(0);
    const ask = await member.post("/questions/ask", {
      title: "Can I still ask a question while suspended?",
      body: "Just checking.",
      tags: "meta",
    });
    expect(ask.status).toBe(302);
    expect(ask.headers.get("location")).toMatch(/^\/login/);
    expect(
      server.sqlite
        .prepare("select count(*) from posts where author_id = (select id from users where handle = 'olaf')")
        .pluck()
        .get(),
    ).toBe(0);
  });

  it("who resets the password is not signed in by the link; logging in after still says suspended", async () => {
    await signUp(server, { name: "Rik Reset", handle: "rik", email: "rik@example.test", password: "rik-password-1" });
    suspend("rik");
    const visitor = new Client(server.url);
    await visitor.post("/forgot-password", { email: "rik@example.test" });
    const email = await waitFor(
      () =>
        server
          .outbox()
          .map((raw) => raw.replace(/=\r\n/g, "").replace(/=3D/g, "="))
          .find((raw) => raw.includes("To: rik@example.test") && raw.includes("/reset-password/")),
      "the reset email",
    );
    const link = /\/reset-password\/[\w-]+/.exec(email)![0];
    const done = await visitor.post(link, { newPassword: "rik-new-password", confirmPassword: "rik-new-password" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?reset=1");
    expect(sessionCookies(done)).toEqual([]);
    expect(visitor.cookies.has("kring_session")).toBe(false);
    expect(sessionsOf("rik")).toBe(0);
    const login = await visitor.post("/login", { email: "rik@example.test", password: "rik-new-password" });
    expect(login.status).toBe(403);
    expect(sessionCookies(login)).toEqual([]);
  });
});
