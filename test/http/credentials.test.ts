/**
 * Open Badges 3.0 credentials over HTTP (docs/credentials.md): issued on the member's profile, verified by an
 * independent library against the served JWKS, refused when changed, revoked when the badge is taken back.
 * And the share links on profiles, articles and answers.
 */
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let bea: Client;
let lars: Client;
let ada: Client;
let credentialId: string;

const unescape = (html: string) => html.replace(/&amp;/g, "&");

beforeAll(async () => {
  server = await startServer();
  bea = await signUp(server, {
    name: "Badge Bea",
    handle: "bea",
    email: "bea@example.test",
    password: "bea-password-1",
  });
  lars = await signUp(server, {
    name: "Lead Lars",
    handle: "lars",
    email: "lars@example.test",
    password: "lars-pass-1",
  });
  ada = await signUp(server, {
    name: "Asker Ada",
    handle: "ada",
    email: "ada@example.test",
    password: "ada-password-1",
  });
  server.exec("update users set role = 'lead' where handle = 'lars'");
  server.exec("update users set role = 'expert' where handle = 'bea'");
  server.exec("update users set created_at = ?", Date.now() - 3 * 24 * 3600_000);
  // As the badge job writes them (its rules: app/models/badge.server.test.ts).
  server.exec(
    "insert into user_badges (user_id, badge, tag, awarded_at) select id, 'tag_expert', 'security', ? from users where handle = 'bea'",
    Date.UTC(2026, 2, 14),
  );
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

/** An independent verifier: jose with the key set the server publishes. */
const verify = (jwt: string) =>
  jwtVerify(jwt, createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`)), { algorithms: ["EdDSA"] });

describe("credentials", () => {
  it("the member's own profile lists their credential with an 'Add to LinkedIn profile' link", async () => {
    const html = await (await bea.get("/members/bea")).text();
    const match = /href="\/credentials\/([A-Za-z0-9_-]{22})"[^>]*>Tag Expert: security</.exec(html);
    expect(match).not.toBeNull();
    credentialId = match![1];
    const linkedIn = new URL(unescape(/href="(https:\/\/www\.linkedin\.com\/profile\/add\?[^"]+)"/.exec(html)![1]));
    expect(Object.fromEntries(linkedIn.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Tag Expert: security",
      organizationName: "Kring",
      issueYear: "2026",
      issueMonth: "3",
      certUrl: `${server.url}/credentials/${credentialId}`,
      certId: credentialId,
    });
    expect(html).toContain('aria-label="Add “Tag Expert: security” to your LinkedIn profile (opens in a new tab)"');
    // Others see no credentials section (and issue nothing).
    expect(await (await ada.get("/members/bea")).text()).not.toContain("/credentials/");
  });

  it("the raw VC-JWT verifies with jose against /.well-known/jwks.json; one changed byte does not", async () => {
    const response = await new Client(server.url).get(`/credentials/${credentialId}/jwt`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/jwt");
    const jwt = await response.text();
    const { payload, protectedHeader } = await verify(jwt);
    expect(protectedHeader.alg).toBe("EdDSA");
    expect(payload).toMatchObject({
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      id: `${server.url}/credentials/${credentialId}`,
      credentialSubject: { id: `${server.url}/members/bea`, achievement: { name: "Tag Expert: security" } },
      credentialStatus: { id: `${server.url}/credentials/${credentialId}/status` },
    });

    const [header, body, signature] = jwt.split(".");
    const bytes = Buffer.from(body, "base64url");
    bytes[bytes.indexOf("Tag Expert")] ^= 0x01;
    await expect(verify(`${header}.${bytes.toString("base64url")}.${signature}`)).rejects.toThrow(/signature/);

    const alias = await new Client(server.url).get(`/credentials/${credentialId}.jwt`);
    expect(alias.status).toBe(301);
    expect(alias.headers.get("location")).toBe(`/credentials/${credentialId}/jwt`);

    const did = await (await new Client(server.url).get("/.well-known/did.json")).json();
    const { keys } = await (await new Client(server.url).get("/.well-known/jwks.json")).json();
    expect(did.id).toBe(decodeJwt(jwt).iss);
    expect(did.verificationMethod[0].publicKeyJwk.x).toBe(keys[0].x);
    expect(did.verificationMethod[0].id).toBe(keys[0].kid);
    expect(protectedHeader.kid).toBe(keys[0].kid);
    expect(keys[0].kid).toMatch(/^did:web:localhost%3A\d+#[A-Za-z0-9_-]{43}$/);
  });

  it("its page shows the achievement, criteria, issuer, recipient and that it verifies; a tampered store says it does not", async () => {
    const page = await new Client(server.url).get(`/credentials/${credentialId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const text of [
      "Credential: Tag Expert: security",
      "10 accepted answers, or 20 posts with a positive score, in one tag.",
      "did:web:",
      'href="/members/bea">Badge Bea<',
      "Verified: signed with the community",
    ])
      expect(html).toContain(text);
    expect(html).not.toContain("linkedin.com/profile/add"); // only for the member
    expect(html).not.toContain('name="intent" value="take-back"'); // only for leads
    expect((await new Client(server.url).get("/credentials/no-such-credential")).status).toBe(404);

    const jwt = await (await new Client(server.url).get(`/credentials/${credentialId}/jwt`)).text();
    const [header, body, signature] = jwt.split(".");
    const bytes = Buffer.from(body, "base64url");
    bytes[bytes.indexOf("security")] ^= 0x01;
    server.exec(
      "update credentials set jwt = ? where id = ?",
      `${header}.${bytes.toString("base64url")}.${signature}`,
      credentialId,
    );
    expect(await (await new Client(server.url).get(`/credentials/${credentialId}`)).text()).toContain(
      "This credential does not verify",
    );
    server.exec("update credentials set jwt = ? where id = ?", jwt, credentialId);
  });

  it("a lead takes the badge back: the page and /status say revoked, the profile drops the badge", async () => {
    const status = async () => (await new Client(server.url).get(`/credentials/${credentialId}/status`)).json();
    expect(await status()).toEqual({ id: credentialId, revoked: false, revokedAt: null, reason: null });
    expect(await (await new Client(server.url).get("/badges")).text()).toContain('href="/members/bea"');

    expect((await bea.post(`/credentials/${credentialId}`, { intent: "take-back", reason: "mine" })).status).toBe(403);
    const empty = await lars.post(`/credentials/${credentialId}`, { intent: "take-back", reason: " " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("This field is required.");
    const done = await lars.post(`/credentials/${credentialId}`, { intent: "take-back", reason: "vote ring" });
    expect(done.status).toBe(302);

    expect(await status()).toMatchObject({ id: credentialId, revoked: true, reason: "taken_back" });
    const html = await (await new Client(server.url).get(`/credentials/${credentialId}`)).text();
    expect(html).toContain("Revoked on");
    expect(html).toContain("The badge was taken back.");
    expect(html).not.toContain("Verified: signed");
    const own = await (await bea.get("/members/bea")).text();
    expect(own).toContain("(revoked)");
    expect(own).not.toContain("linkedin.com/profile/add");
    expect(await (await new Client(server.url).get("/badges")).text()).not.toContain('href="/members/bea"');
  });

  it("profiles, articles and answers carry plain LinkedIn and e-mail share links", async () => {
    const linkedInShare = (url: string) =>
      `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`;
    const profile = unescape(await (await new Client(server.url).get("/members/bea")).text());
    expect(profile).toContain(`href="${linkedInShare(`${server.url}/members/bea`)}"`);
    expect(profile).toContain(
      `href="mailto:?subject=Badge%20Bea&body=${encodeURIComponent(`${server.url}/members/bea`)}"`,
    );
    expect(profile).toContain('aria-label="Share “Badge Bea” on LinkedIn (opens in a new tab)"');

    const article = await bea.post("/articles/new", {
      title: "Rotating signing keys without downtime",
      summary: "Overlap windows.",
      body: "Create the new key first, then switch.",
      tags: "security",
    });
    const articleUrl = article.headers.get("location")!;
    const articleHtml = unescape(await (await new Client(server.url).get(articleUrl)).text());
    expect(articleHtml).toContain(`href="${linkedInShare(`${server.url}${articleUrl}`)}"`);

    const question = (
      await ada.post("/questions/ask", {
        title: "How often should we rotate keys?",
        body: "Our auditors ask for a yearly rotation.",
        tags: "security",
      })
    ).headers.get("location")!;
    const answer = await bea.post(question, { intent: "answer", body: "Yearly, with an overlap." });
    const answerId = /#post-(\d+)/.exec(answer.headers.get("location")!)![1];
    const questionHtml = unescape(await (await new Client(server.url).get(question)).text());
    expect(questionHtml).toContain(`href="${linkedInShare(`${server.url}${question}#post-${answerId}`)}"`);
    expect(questionHtml).toContain('aria-label="Share “Answer to “How often should we rotate keys?”” by e-mail"');

    // The Dutch page says it in Dutch.
    const nl = await new Client(server.url, { "Accept-Language": "nl" }).get("/members/bea");
    expect(await nl.text()).toContain("Delen:");
  });
});
