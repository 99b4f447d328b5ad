/**
 * The log-in and sign-up throttles (docs/security.md) against a server with two processes behind a trusted
 * proxy: X-Forwarded-For stands in for the client addresses that loopback cannot give.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type TestServer, waitFor } from "../server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { WEB_CONCURRENCY: "2", TRUST_PROXY: "true" } });
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

const from = (address: string) => new Client(server.url, { "X-Forwarded-For": address });

async function join(client: Client, handle: string, password = `${handle}-password-1`) {
  const response = await client.post("/join", {
    name: `Member ${handle}`,
    handle,
    email: `${handle}@example.test`,
    password,
  });
  if (response.status !== 302) throw new Error(`sign-up failed with ${response.status}`);
}

const statuses = (responses: Response[]) =>
  responses.map((r) => r.status).reduce<Record<number, number>>((n, s) => ({ ...n, [s]: (n[s] ?? 0) + 1 }), {});

describe("log-in throttle", () => {
  it("300 parallel wrong passwords for one account from one address: 10 are checked, the rest get 429", async () => {
    await join(from("203.0.113.1"), "target");
    const attacker = from("198.51.100.1");
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        attacker.post("/login", { email: "target@example.test", password: `guess-${i}-wrong` }),
      ),
    );
    expect(statuses(responses)).toEqual({ 400: 10, 429: 290 });
    for (const response of responses.filter((r) => r.status === 429)) {
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
    const sessions = server.sqlite
      .prepare("select count(*) as n from sessions s join users u on u.id = s.user_id where u.handle = 'target'")
      .get() as { n: number };
    expect(sessions.n).toBe(1); // only the sign-up's
  });

  it("an attack from many addresses throttles them, but not the owner's browser that signed in before", async () => {
    const owner = from("203.0.113.20");
    await join(owner, "owner");
    await owner.login("owner@example.test", "owner-password-1");
    owner.cookies.delete("kring_session"); // the session ended; the browser is still known

    // 10 addresses, 6 guesses each: under the per-address limits, over the account-wide one (50).
    const attack = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        from(`198.51.100.${10 + (i % 10)}`).post("/login", { email: "owner@example.test", password: `guess-${i}` }),
      ),
    );
    expect(statuses(attack)).toEqual({ 400: 50, 429: 10 });

    // Every other browser is refused, wherever it comes from; with the right password too.
    const fresh = await from("198.51.100.99").post("/login", {
      email: "owner@example.test",
      password: "owner-password-1",
    });
    expect(fresh.status).toBe(429);
    expect(Number(fresh.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(fresh.headers.get("set-cookie")).toBeNull();
    expect(await fresh.text()).toContain("Too many failed log-ins. Please try again in 15 minutes.");

    // A browser known for another account, or a forged known-device cookie, does not help.
    const other = from("198.51.100.98");
    await join(other, "mallory");
    other.cookies.delete("kring_session");
    expect((await other.post("/login", { email: "owner@example.test", password: "guess-x" })).status).toBe(429);
    const forged = from("198.51.100.97");
    const ownerId = (server.sqlite.prepare("select id from users where handle = 'owner'").get() as { id: number }).id;
    forged.cookies.set("kring_device", `${Buffer.from(`known-device:${ownerId}`).toString("base64url")}.forged`);
    expect((await forged.post("/login", { email: "owner@example.test", password: "guess-y" })).status).toBe(429);

    // The owner's browser gets in, from its usual address and from a new one.
    const ownerElsewhere = from("192.0.2.33");
    ownerElsewhere.cookies.set("kring_device", owner.cookies.get("kring_device")!);
    await ownerElsewhere.login("owner@example.test", "owner-password-1");
    await owner.login("owner@example.test", "owner-password-1");
    expect((await owner.get("/settings")).status).toBe(200);
  });

  it("a password reset works while the account is under attack, and lets that browser in", async () => {
    await join(from("203.0.113.30"), "besieged");
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        from(`198.51.101.${i % 10}`).post("/login", { email: "besieged@example.test", password: `guess-${i}` }),
      ),
    );
    const newLaptop = from("192.0.2.44");
    expect(
      (await newLaptop.post("/login", { email: "besieged@example.test", password: "besieged-password-1" })).status,
    ).toBe(429);

    expect((await newLaptop.post("/forgot-password", { email: "besieged@example.test" })).status).toBe(200);
    const email = await waitFor(
      () =>
        server
          .outbox()
          .map((raw) => raw.replace(/=\r\n/g, "").replace(/=3D/g, "="))
          .find((raw) => raw.includes("To: besieged@example.test") && raw.includes("reset-password")),
      "the reset email",
    );
    const link = /\/reset-password\/[\w-]+/.exec(email)![0];
    const done = await newLaptop.post(link, {
      newPassword: "besieged-new-password",
      confirmPassword: "besieged-new-password",
    });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?reset=1");
    await newLaptop.login("besieged@example.test", "besieged-new-password");
    // The attack goes on being refused.
    expect(
      (
        await from("198.51.101.50").post("/login", {
          email: "besieged@example.test",
          password: "besieged-new-password",
        })
      ).status,
    ).toBe(429);
  });
});

describe("password reset requests", () => {
  it("parallel requests from one address: 10 per 15 minutes, the rest get 429", async () => {
    const responses = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        from("203.0.113.50").post("/forgot-password", { email: `nobody${i}@example.test` }),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 10, 429: 5 });
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(await refused.text()).toContain(
      "Too many requests for a new password from your network. Please try again in 15 minutes.",
    );
  });
});

describe("sign-up throttle", () => {
  it("parallel sign-ups from one address: 20 per hour, the rest get 429 with the form filled in again", async () => {
    const venue = from("203.0.113.40");
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        venue.post("/join", {
          name: `Crowd ${i}`,
          handle: `crowd${i}`,
          email: `crowd${i}@example.test`,
          password: `crowd-secret-${i}`,
        }),
      ),
    );
    expect(statuses(responses)).toEqual({ 302: 20, 429: 10 });
    const created = server.sqlite.prepare("select count(*) as n from users where handle like 'crowd%'").get() as {
      n: number;
    };
    expect(created.n).toBe(20);
    for (const [i, response] of responses.entries()) {
      if (response.status !== 429) continue;
      const retryAfter = Number(response.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(59 * 60);
      expect(retryAfter).toBeLessThanOrEqual(60 * 60);
      expect(response.headers.get("set-cookie")).toBeNull();
      const html = await response.text();
      expect(html).toContain("Too many accounts were created from your network. Please try again in 60 minutes.");
      expect(html).toContain(`value="crowd${i}"`);
      expect(html).toContain(`value="crowd${i}@example.test"`);
      expect(html).not.toContain(`crowd-secret-${i}`);
    }
    // Forms with errors are not counted, and other addresses are not affected.
    expect(
      (await from("203.0.113.40").post("/join", { name: "X", handle: "x", email: "bad", password: "short" })).status,
    ).toBe(400);
    await join(from("203.0.113.41"), "elsewhere");
  });
});
