/**
 * The question page keeps each answer's HTML per version of its inputs (app/utils/fragment.tsx, docs/decisions/
 * 009-signed-in-rendering.md). These tests look for what a shared fragment would leak or keep stale: one viewer's
 * votes, flags, own-post controls or open forms shown to another, and an answer's old text or author's old name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let alice: Client;
let bob: Client;
let carol: Client;
let questionId: number;
let bobAnswer: number;
let carolAnswer: number;

const member = (name: string) => ({
  name,
  handle: name.toLowerCase(),
  email: `${name.toLowerCase()}@example.test`,
  password: `${name.toLowerCase()}-password-1`,
});
const page = async (client: Client, search = "") =>
  (await client.get(`/questions/${questionId}${search}`)).text() as Promise<string>;
/** The HTML of one answer's list item. */
const answerHtml = (html: string, id: number) => {
  const start = html.indexOf(`<li id="post-${id}"`);
  expect(start).toBeGreaterThan(-1);
  const next = html.indexOf('<li id="post-', html.indexOf("</li>", start));
  return html.slice(start, next === -1 ? html.indexOf("</ol>", start) : next);
};
const pressedUp = (html: string) => /value="[01]" aria-pressed="(true|false)"/.exec(html)![1];
const answerId = (response: Response) => Number(/#post-(\d+)$/.exec(response.headers.get("location")!)![1]);

beforeAll(async () => {
  server = await startServer();
  alice = await signUp(server, member("Alice"));
  bob = await signUp(server, member("Bob"));
  carol = await signUp(server, member("Carol"));
  for (const handle of ["alice", "bob", "carol"]) server.grantReputation(handle, 300);
  server.exec("update users set created_at = ?", Date.now() - 10 * 24 * 3600_000);
  const asked = await alice.post("/questions/ask", {
    title: "How do fragments stay per viewer?",
    body: "A question with answers from two members.",
    tags: "rendering",
  });
  questionId = Number(/\/questions\/(\d+)/.exec(asked.headers.get("location")!)![1]);
  bobAnswer = answerId(
    await bob.post(`/questions/${questionId}`, { intent: "answer", body: "Bob's answer, long enough to post." }),
  );
  carolAnswer = answerId(
    await carol.post(`/questions/${questionId}`, { intent: "answer", body: "Carol's answer, long enough too." }),
  );
  await alice.post(`/questions/${questionId}`, { intent: "comment", postId: String(bobAnswer), body: "A comment." });
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("answers rendered once, shown per viewer", () => {
  it("each viewer sees their own vote, flags and controls on the same answer, whoever asked first", async () => {
    // Everyone renders the page first, so every kind of fragment is in the cache before anything changes.
    for (const client of [alice, bob, carol, new Client(server.url)])
      expect(await page(client)).toContain("Bob's answer");
    expect(
      (await alice.post(`/questions/${questionId}`, { intent: "vote", postId: String(bobAnswer), value: "1" })).status,
    ).toBe(303);
    expect(
      (
        await carol.post(`/questions/${questionId}`, {
          intent: "flag",
          postId: String(bobAnswer),
          reason: "off_topic",
          note: "",
        })
      ).status,
    ).toBe(303);
    for (let round = 0; round < 2; round++) {
      const [forAlice, forBob, forCarol, forVisitor] = await Promise.all(
        [alice, bob, carol, new Client(server.url)].map(async (c) => answerHtml(await page(c), bobAnswer)),
      );
      expect(pressedUp(forAlice)).toBe("true");
      expect(pressedUp(forCarol)).toBe("false");
      expect(forBob).toContain('aria-pressed="false"');
      expect(forBob).toContain(`/posts/${bobAnswer}/edit`);
      for (const other of [forAlice, forCarol, forVisitor]) expect(other).not.toContain(`/posts/${bobAnswer}/edit`);
      expect(forCarol).toContain(`id="flag-${bobAnswer}"`);
      expect(forCarol).not.toContain(`?flag=${bobAnswer}#flag-${bobAnswer}`);
      expect(forAlice).toContain(`?flag=${bobAnswer}#flag-${bobAnswer}`);
      expect(forBob).not.toContain(`?flag=${bobAnswer}`);
      expect(forVisitor).toContain("long enough to post");
      expect(score(forAlice)).toBe("1");
      expect(score(forVisitor)).toBe("1");
    }
  });

  it("ids stay unique in a page of fragments (each was rendered on its own, where useId would repeat)", async () => {
    for (const client of [alice, bob]) {
      const ids = [...(await page(client)).matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids).toContain(`body-${bobAnswer}`);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    }
  });

  it("an edited answer and a renamed author show at once, to every viewer", async () => {
    await page(alice);
    const edited = await carol.post(`/posts/${carolAnswer}/edit`, { body: "Carol changed her answer, at length." });
    expect(edited.status).toBe(302);
    const renamed = await carol.post("/settings", { intent: "profile", name: "Carola", locale: "", theme: "system" });
    expect(renamed.status).toBeLessThan(400);
    for (const client of [alice, bob, carol]) {
      const html = answerHtml(await page(client), carolAnswer);
      expect(html).toContain("Carol changed her answer, at length.");
      expect(html).toContain(">Carola</a>");
    }
  });

  it("the comment form opens only on the answer the URL names, only for that request", async () => {
    const open = answerHtml(await page(alice, `?comment=${carolAnswer}`), carolAnswer);
    expect(open).toContain(`id="comment-body-${carolAnswer}"`);
    expect(answerHtml(await page(alice), carolAnswer)).not.toContain(`id="comment-body-${carolAnswer}"`);
    expect(answerHtml(await page(bob, `?comment=${carolAnswer}`), bobAnswer)).not.toContain("comment-body-");
  });

  it("a refused comment comes back in its answer's form with the message (action data is never cached)", async () => {
    const refused = await bob.post(`/questions/${questionId}`, {
      intent: "comment",
      postId: String(carolAnswer),
      body: "x",
    });
    expect(refused.status).toBe(400);
    const html = answerHtml(await refused.text(), carolAnswer);
    expect(html).toContain(`id="comment-error-${carolAnswer}"`);
    expect(answerHtml(await page(bob), carolAnswer)).not.toContain("comment-error-");
  });
});

const score = (html: string) => /class="score"[^>]*>(-?\d+)</.exec(html)![1];

describe("the header, rendered once per member, language, theme and URL (app/root.tsx)", () => {
  const header = (html: string) => html.slice(html.indexOf('<header class="site-header">'), html.indexOf("</header>"));
  const unread = (html: string) => /<span class="badge-count">(\d+)/.exec(header(html))?.[1] ?? "0";

  it("shows each viewer their own name and unread count, and the section of the URL", async () => {
    const bobs = header(await page(bob));
    expect(bobs).toContain(">Bob</a>");
    expect(bobs).not.toContain("Alice");
    expect(header(await page(alice))).toContain(">Alice</a>");
    expect(bobs).toMatch(/aria-current="page" class="active" href="\/questions"/);
    const profile = header(await (await bob.get("/members/bob")).text());
    expect(profile).toMatch(/aria-current="page" class="active" href="\/members"/);
    expect(profile).not.toMatch(/aria-current="page"[^>]*href="\/questions"/);

    // A new comment on Bob's answer notifies him: the next page shows the new count at once.
    const before = Number(unread(await page(bob)));
    await carol.post(`/questions/${questionId}`, {
      intent: "comment",
      postId: String(bobAnswer),
      body: "Another comment.",
    });
    expect(Number(unread(await page(bob)))).toBe(before + 1);
  });
});
