import { afterAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../scripts/seed";
import { Client, startServer, type TestServer } from "../server";

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) {
    expect(server.stderr()).toBe("");
    expect(await server.stop()).toBe(0); // SIGTERM is a clean exit
  }
});

describe("first start on an empty database", () => {
  it("migrates, seeds the demo community and serves the seeded home page", async () => {
    const server = await startServer({ seed: true });
    servers.push(server);
    const home = await new Client(server.url).get("/");
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain("Nordlicht Data");
    expect(html).toMatch(/\d{2,} members from \d+ organisations/);
    const count = (table: string) => server.sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number;
    expect(count("users")).toBeGreaterThanOrEqual(80);
    expect(count("organisations")).toBeGreaterThanOrEqual(6);
    // The seeded history notified its members in the app, but sends no email about the past.
    expect(count("notifications")).toBeGreaterThan(100);
    expect(count("jobs where kind = 'notification-email'")).toBe(0);
    expect(server.outbox()).toEqual([]);
    // Every demo account in the README can log in.
    for (const account of DEMO_ACCOUNTS) {
      const client = new Client(server.url);
      await client.login(account.email, DEMO_PASSWORD);
      const page = await (await client.get("/")).text();
      expect(page).toContain(`Welcome back, ${account.name}`);
    }
  }, 300_000);
});

describe("first start of a real deployment", () => {
  it("with PUBLIC_URL=https://… and an empty database, seeds no demo accounts unless SEED=true", async () => {
    const server = await startServer({ env: { PUBLIC_URL: "https://kring.example", SEED: "" } });
    servers.push(server);
    expect(server.sqlite.prepare("select count(*) from users").pluck().get()).toBe(0);
    const login = await new Client(server.url).post(
      "/login",
      { email: DEMO_ACCOUNTS[0].email, password: DEMO_PASSWORD },
      { Origin: "https://kring.example", "X-Forwarded-Host": "kring.example" },
    );
    expect(login.status).toBe(400);
  });
});

describe("cookies behind HTTPS", () => {
  it("are Secure when PUBLIC_URL is https, and not on plain http://localhost", async () => {
    const https = await startServer({ env: { PUBLIC_URL: "https://kring.example" } });
    servers.push(https);
    const plain = await startServer();
    servers.push(plain);
    const fields = { name: "Secure Sam", handle: "sam", email: "sam@example.test", password: "sam-password-1" };
    // As behind a reverse proxy that passes the public host on (with PUBLIC_URL set, the server trusts that instead).
    const secureJoin = await new Client(https.url).post("/join", fields, {
      Origin: "https://kring.example",
      "X-Forwarded-Host": "kring.example",
    });
    expect(secureJoin.headers.get("set-cookie")).toMatch(/kring_session=[^;]+;.*Secure/);
    const plainJoin = await new Client(plain.url).post("/join", fields);
    expect(plainJoin.headers.get("set-cookie")).toMatch(/kring_session=/);
    expect(plainJoin.headers.get("set-cookie")).not.toMatch(/Secure/);
  });

  it("are Secure behind a trusted proxy that says the request came over https", async () => {
    const proxied = await startServer({ env: { TRUST_PROXY: "true" } });
    servers.push(proxied);
    const fields = { name: "Proxy Pam", handle: "pam", email: "pam@example.test", password: "pam-password-1" };
    const join = await new Client(proxied.url).post("/join", fields, { "X-Forwarded-Proto": "https" });
    expect(join.headers.get("set-cookie")).toMatch(/Secure/);
    // Behind a trusted proxy, the forwarded host and scheme are the page's origin, and part of the cache key.
    const viaProxy = { "X-Forwarded-Host": "kring.example", "X-Forwarded-Proto": "https" };
    for (let i = 0; i < 3; i++) {
      const html = await (await new Client(proxied.url).get("/members/pam", viaProxy)).text();
      expect(html).toContain('<link rel="canonical" href="https://kring.example/members/pam"/>');
      const direct = await (await new Client(proxied.url).get("/members/pam")).text();
      expect(direct).toContain(`<link rel="canonical" href="${proxied.url}/members/pam"/>`);
    }
  });
});
