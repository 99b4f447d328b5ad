import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { Client, rawRequest, signUp, startServer, type TestServer } from "../server";

let server: TestServer;

beforeAll(async () => {
  // No job scheduler: "nothing changed" below compares whole tables, which a periodic job may write to.
  server = await startServer({ env: { JOBS: "false" } });
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

/** Every table's row count plus a digest of its contents: "nothing changed" means this is equal. */
function snapshot() {
  const tables = server.sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, JSON.stringify(server.sqlite.prepare(`select * from "${name}"`).all())]),
  );
}

describe("cross-site requests", () => {
  it("a POST with a foreign Origin to any action is refused with 403 and changes nothing", async () => {
    const member = await signUp(server, {
      name: "Eva Maes",
      handle: "eva",
      email: "eva@example.test",
      password: "eva-password-1",
    });
    server.exec("update users set role = 'admin' where handle = 'eva'");
    const evil = { Origin: "https://evil.example" };
    const before = snapshot();
    const attempts: [string, Record<string, string>][] = [
      ["/join", { name: "Mallory", handle: "mallory", email: "mallory@example.test", password: "mallory-password" }],
      ["/login", { email: "eva@example.test", password: "eva-password-1" }],
      ["/logout", {}],
      [
        "/settings",
        { intent: "profile", name: "Hacked", headline: "", bio: "", location: "", locale: "nl", theme: "dark" },
      ],
      [
        "/settings",
        {
          intent: "password",
          currentPassword: "eva-password-1",
          newPassword: "attacker-chosen-1",
          confirmPassword: "attacker-chosen-1",
        },
      ],
      ["/preferences", { intent: "locale", locale: "nl" }],
      ["/orgs/new", { name: "Evil Corp", slug: "evil", kind: "vendor", website: "", description: "" }],
    ];
    for (const [path, fields] of attempts) {
      const response = await member.post(path, fields, evil);
      expect(response.status, path).toBe(403);
      expect(response.headers.get("set-cookie"), path).toBeNull();
    }
    const viaReferer = await fetch(`${server.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Referer: "https://evil.example/page",
        Cookie: [...member.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      },
    });
    expect(viaReferer.status).toBe(403);
    const after = snapshot();
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    // The same requests from the site itself do work.
    expect((await member.post("/preferences", { intent: "locale", locale: "nl" })).status).toBe(302);
  });
});

describe("headers on every response", () => {
  it("feeds, calendars, CSV, SVG and static files are nosniff; exports are not stored; HSTS only on https", async () => {
    const lead = await signUp(server, {
      name: "Hedda Headers",
      handle: "hedda",
      email: "hedda@example.test",
      password: "hedda-password-1",
    });
    server.exec("update users set role = 'lead' where handle = 'hedda'");
    const anonymous = new Client(server.url);
    for (const path of ["/feed.xml", "/favicon.svg", "/members/hedda/avatar.svg", "/", "/no-such-page"]) {
      const response = await anonymous.get(path);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("strict-transport-security"), path).toBeNull();
    }
    const csv = await lead.get("/health/export/members");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("cache-control")).toBe("no-store");
    expect(csv.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("security headers on pages", () => {
  it("CSP with a fresh nonce and no inline scripts, no framing, nosniff, Referrer- and Permissions-Policy", async () => {
    const visitor = new Client(server.url);
    const pages = [
      await visitor.get("/"),
      await visitor.get("/login"),
      await visitor.get("/no-such-page"),
      await visitor.post("/login", {}, { "Content-Type": "text/plain" }),
    ];
    const nonces = new Set<string>();
    for (const page of pages) {
      const csp = page.headers.get("content-security-policy")!;
      const directives = new Map(
        csp.split(";").map((part) => {
          const [name, ...values] = part.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      const nonce = /'nonce-([A-Za-z0-9+/=]{16,})'/.exec(csp)?.[1];
      expect(nonce, page.url).toBeTruthy();
      nonces.add(nonce!);
      expect(directives.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
      expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
      expect(directives.get("object-src")).toEqual(["'none'"]);
      expect(directives.get("base-uri")).toEqual(["'self'"]);
      expect(csp).not.toContain("unsafe-inline");
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
      expect(page.headers.get("x-frame-options")).toBe("DENY");
      expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"])
        expect(page.headers.get("permissions-policy")).toContain(`${feature}=()`);
      const html = await page.text();
      // Every script the page carries has this response's nonce.
      for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) expect(tag, page.url).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(pages.length);
  });
});

describe("headers behind an https PUBLIC_URL", () => {
  // A server of its own, started in a hook: starting one inside a test can pass the test timeout on a busy CI machine.
  let https: TestServer;
  beforeAll(async () => {
    https = await startServer({ env: { PUBLIC_URL: "https://kring.example" } });
  });
  afterAll(async () => {
    expect(https.stderr()).toBe("");
    await https.stop();
  });

  it("sends HSTS", async () => {
    const page = await new Client(https.url).get("/feed.xml", { "X-Forwarded-Host": "kring.example" });
    expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });
});

describe("log-in", () => {
  it("wrong password and unknown email get the same status and message", async () => {
    await signUp(server, { name: "Jan Claes", handle: "jan", email: "jan@example.test", password: "jan-password-1" });
    const client = new Client(server.url, { "X-Test": "1" });
    const wrongPassword = await client.post("/login", { email: "jan@example.test", password: "not-his-password" });
    const unknownEmail = await client.post("/login", { email: "nobody@example.test", password: "not-his-password" });
    expect(wrongPassword.status).toBe(400);
    expect(unknownEmail.status).toBe(wrongPassword.status);
    const message = (html: string) => /<p class="form-error" role="alert">([^<]+)<\/p>/.exec(html)?.[1];
    const a = message(await wrongPassword.text());
    const b = message(await unknownEmail.text());
    expect(a).toBe("Wrong email address or password.");
    expect(b).toBe(a);
  });

  it("the 11th log-in for one account from one address within 15 minutes gets 429, even with the right password", async () => {
    await signUp(server, {
      name: "Lies Wouters",
      handle: "lies",
      email: "lies@example.test",
      password: "lies-password-1",
    });
    clearIpFailures();
    const client = new Client(server.url);
    for (let i = 0; i < 10; i++) {
      expect((await client.post("/login", { email: "lies@example.test", password: `guess-${i}-wrong` })).status).toBe(
        400,
      );
    }
    const eleventh = await client.post("/login", { email: "lies@example.test", password: "lies-password-1" });
    expect(eleventh.status).toBe(429);
    const retryAfter = Number(eleventh.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await eleventh.text()).toContain("Too many failed log-ins. Please try again in 15 minutes.");
    expect(eleventh.headers.get("set-cookie")).toBeNull();
  });

  it("the 31st failed log-in from one address within 15 minutes gets 429, across accounts", async () => {
    clearIpFailures();
    const client = new Client(server.url);
    for (let i = 0; i < 30; i++) {
      expect((await client.post("/login", { email: `spray${i}@example.test`, password: "Winter2026!!" })).status).toBe(
        400,
      );
    }
    const refused = await client.post("/login", { email: "jan@example.test", password: "jan-password-1" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("set-cookie")).toBeNull();
    clearIpFailures();
    expect((await client.post("/login", { email: "jan@example.test", password: "jan-password-1" })).status).toBe(302);
  });
});

function clearIpFailures() {
  server.exec("delete from login_failures where key like 'ip:%'");
}

describe("requests the server refuses", () => {
  it("PUT, PATCH and DELETE get 405 with Allow, on pages with and without a form", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      for (const path of ["/login", "/questions/ask", "/questions", "/feed.xml"]) {
        const response = await rawRequest(server.url, path, {
          method,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "a=b",
        });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.allow).toBe("GET, HEAD, POST");
        expect(response.text).toContain("This address only answers GET and POST requests.");
      }
    }
  });

  it("a POST to a page without a form gets 405 and logs nothing", async () => {
    const response = await new Client(server.url).post("/questions", { a: "b" });
    expect(response.status).toBe(405);
    expect(server.stderr()).toBe("");
  });

  it("posts that are not forms get 415, in the visitor's language", async () => {
    const bodies: [string | undefined, string][] = [
      ["application/json", '{"email":"a@b.c"}'],
      ["text/plain", "email=a"],
      [undefined, ""],
    ];
    for (const [type, body] of bodies) {
      const headers: Record<string, string> = { Origin: server.url, "Accept-Language": "nl" };
      if (type) headers["Content-Type"] = type;
      const response = await rawRequest(server.url, "/login", { method: "POST", headers, body });
      expect(response.status, type).toBe(415);
      expect(response.text).toContain('<html lang="nl"');
      expect(response.text).toContain("Kring aanvaardt alleen formulieren");
    }
  });

  it("a form without a length (chunked) gets 411", async () => {
    const response = await rawRequest(server.url, "/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
      body: "email=a%40b.c&password=x",
    });
    expect(response.status).toBe(411);
  });

  it("a 10 MB form gets 413 before its body is sent", async () => {
    // Only the headers and 1 KB go out: an answer proves the server did not wait to read 10 MB.
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${server.url}/login`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(10 * 1024 * 1024),
          Origin: server.url,
        },
      });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode!);
        request.destroy();
      });
      request.on("error", reject);
      request.write("email=" + "a".repeat(1024));
    });
    expect(status).toBe(413);
    // A form just under the limit is read and answered as a form.
    const large = await new Client(server.url).post("/login", {
      email: "x@example.test",
      password: "p".repeat(400 * 1024),
    });
    expect(large.status).toBe(400);
  });

  it("a redirectTo with any characters logs in and redirects there, percent-encoded", async () => {
    await signUp(server, {
      name: "Ünal Ürün",
      handle: "unal",
      email: "unal@example.test",
      password: "unal-password-1",
    });
    const client = new Client(server.url);
    const response = await client.post("/login", {
      email: "unal@example.test",
      password: "unal-password-1",
      redirectTo: "/search?q=één €漢",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/search?q=%C3%A9%C3%A9n%20%E2%82%AC%E6%BC%A2");
    expect(client.cookies.get("kring_session")).toBeTruthy();
    expect(await (await client.get("/")).text()).toContain("Log out");
  });
});
