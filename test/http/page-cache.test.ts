import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, rawRequest, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let asker: Client;
let helper: Client;
let questionId: number;

beforeAll(async () => {
  // Two processes, as in production: a write in one must invalidate what the other cached.
  server = await startServer({ env: { WEB_CONCURRENCY: "2" } });
  asker = await signUp(server, {
    name: "Cato Cache",
    handle: "cato",
    email: "cato@example.test",
    password: "cato-password-1",
  });
  helper = await signUp(server, {
    name: "Hugo Helper",
    handle: "hugo",
    email: "hugo@example.test",
    password: "hugo-password-1",
  });
  const asked = await asker.post("/questions/ask", {
    title: "Does the page cache notice new answers?",
    body: "Asking for a benchmark.",
    tags: "caching",
  });
  questionId = Number(/\/questions\/(\d+)/.exec(asked.headers.get("location")!)![1]);
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

/** Enough requests that both worker processes have served (and cached) the page. */
async function warm(path: string, visitor = new Client(server.url)) {
  const states = new Set<string | null>();
  for (let i = 0; i < 8; i++) states.add((await visitor.get(path)).headers.get("x-page-cache"));
  return states;
}

describe("anonymous page cache", () => {
  it("serves repeat visits from the cache and shows a new answer immediately, in every process", async () => {
    const visitor = new Client(server.url);
    const pages = [`/questions/${questionId}`, "/questions", "/tags/caching", "/"];
    for (const page of pages) expect(await warm(page, visitor), page).toContain("hit");

    const answered = await helper.post(`/questions/${questionId}`, {
      intent: "answer",
      body: "Yes: answers bump the question's cache tags.",
    });
    expect(answered.status).toBe(302);
    for (let i = 0; i < 6; i++) {
      const html = await (await visitor.get(`/questions/${questionId}`)).text();
      expect(html).toContain("answers bump the question's cache tags");
      const list = await (await visitor.get("/questions?state=answered")).text();
      expect(list).toContain("Does the page cache notice new answers?");
      const tag = await (await visitor.get("/tags/caching")).text();
      expect(tag).toMatch(/<strong>1<\/strong><span>answer<\/span>/);
    }
  });

  it("never serves a signed-in member from the cache", async () => {
    await warm(`/questions/${questionId}`);
    for (let i = 0; i < 4; i++) {
      const response = await asker.get(`/questions/${questionId}`);
      expect(response.headers.get("x-page-cache")).toBeNull();
      expect(await response.text()).toContain("Log out");
    }
  });

  it("never puts anything personal in a cached page, and gives every response its own CSP nonce", async () => {
    // A member visits first; visitors then fill and hit the cache for the same URLs.
    const paths = ["/", `/questions/${questionId}`, "/members/cato", "/search?q=cache"];
    for (const path of paths) await asker.get(path);
    const visitor = new Client(server.url);
    const nonces = new Set<string>();
    for (const path of paths) {
      for (let i = 0; i < 4; i++) {
        const response = await visitor.get(path);
        const html = await response.text();
        expect(response.headers.get("set-cookie"), path).toBeNull();
        expect(html, path).not.toContain("Log out");
        expect(html, path).not.toContain("Settings");
        expect(html, path).not.toContain(asker.cookies.get("kring_session")!);
        expect(html, path).toContain("Log in");
        const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy")!)![1];
        expect(html).toContain(`nonce="${nonce}"`);
        nonces.add(nonce);
      }
    }
    expect(nonces.size).toBe(paths.length * 4);
  });

  it("keys by language: a Dutch visitor never gets the English page", async () => {
    const english = new Client(server.url, { "Accept-Language": "en" });
    const dutch = new Client(server.url, { "Accept-Language": "nl" });
    await warm("/questions", english);
    for (let i = 0; i < 4; i++) expect(await (await dutch.get("/questions")).text()).toContain('<html lang="nl"');
  });

  it("a forged Host header cannot plant its links in the page other visitors get", async () => {
    // fetch silently drops a Host header: node:http sends it.
    for (let i = 0; i < 6; i++) await rawRequest(server.url, "/members/cato", { headers: { Host: "evil.example" } });
    const html = await (await new Client(server.url).get("/members/cato")).text();
    expect(html).not.toContain("evil.example");
    expect(html).toMatch(/<meta property="og:url" content="http:\/\/localhost:\d+\/members\/cato"/);
  });

  it("without TRUST_PROXY a forged X-Forwarded-Host changes no cached page", async () => {
    const realHost = new URL(server.url).host;
    for (let i = 0; i < 6; i++) {
      // Keyed as the real host, rendered for another: the combination that used to poison the cache.
      await rawRequest(server.url, "/members/hugo", {
        headers: { Host: "evil.example", "X-Forwarded-Host": realHost },
      });
      await rawRequest(server.url, "/members/hugo", { headers: { "X-Forwarded-Host": "evil.example:8443" } });
    }
    for (let i = 0; i < 4; i++) {
      const html = await (await new Client(server.url).get("/members/hugo")).text();
      expect(html).not.toContain("evil.example");
      expect(html).not.toContain(":8443");
      expect(html).toContain(`<link rel="canonical" href="http://${realHost}/members/hugo"/>`);
    }
  });
});
