/**
 * Posting limits (docs/limits.md) through the real server, as a browser without JavaScript posts: the
 * refusal is a 429 with Retry-After (a 400 for too many links), says the limit and when it lifts, and
 * gives back what was typed. The server runs several processes, so parallel posts meet in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amsterdamLocal } from "../factories";
import { signUp, startServer, type TestServer } from "../server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { WEB_CONCURRENCY: "3" } });
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

const DAY = 24 * 60 * 60 * 1000;
const idOf = (handle: string) =>
  server.sqlite.prepare("select id from users where handle = ?").pluck().get(handle) as number;
const postsBy = (handle: string) =>
  server.sqlite.prepare("select count(*) from posts where author_id = ?").pluck().get(idOf(handle)) as number;
/** Moves the member's posts `ms` into the past, as if they had been written that much earlier. */
const age = (handle: string, ms: number) =>
  server.exec("update posts set created_at = created_at - ? where author_id = ?", ms, idOf(handle));
const questionId = (response: Response) =>
  Number(/\/questions\/(\d+)/.exec(response.headers.get("location") ?? "")?.[1]);

let n = 0;
async function member(role: "member" | "lead" = "member", { established = false } = {}) {
  const handle = `poster${++n}`;
  const client = await signUp(server, {
    name: `Poster ${n}`,
    handle,
    email: `${handle}@example.test`,
    password: `${handle}-password`,
  });
  if (role !== "member") server.exec("update users set role = ? where handle = ?", role, handle);
  if (established) server.exec("update users set created_at = ? where handle = ?", Date.now() - 2 * DAY, handle);
  return { client, handle };
}

const question = (i: number | string) => ({
  title: `Where do I start with question ${i}`,
  body: `Body of question ${i}, long enough to post.`,
  tags: "limits, start",
});

describe("new members", () => {
  it("post 3 times an hour: the 4th is a 429 with Retry-After, the message, and the question as typed", async () => {
    const { client, handle } = await member();
    const asked = await client.post("/questions/ask", question(1));
    expect(asked.status).toBe(302);
    const id = questionId(asked);
    age(handle, 2 * 60_000);
    expect(
      (await client.post(`/questions/${id}`, { intent: "answer", body: "Answering my own question here." })).status,
    ).toBe(302);
    age(handle, 2 * 60_000);
    expect(
      (await client.post(`/questions/${id}`, { intent: "comment", postId: String(id), body: "A comment of mine." }))
        .status,
    ).toBe(302);
    age(handle, 2 * 60_000);
    // The first of the three was written 6 minutes ago: the limit lifts in 54 minutes.
    const fourth = await client.post("/questions/ask", {
      title: "My fourth post within the hour",
      body: "Typed with care & not to be lost.",
      tags: "limits, typed",
    });
    expect(fourth.status).toBe(429);
    const retryAfter = Number(fourth.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(53 * 60);
    expect(retryAfter).toBeLessThanOrEqual(54 * 60);
    const html = await fourth.text();
    expect(html).toContain(
      '<p class="form-error" role="alert">New members may post 3 times an hour. You can post again within 54 minutes.</p>',
    );
    expect(html).toContain('value="My fourth post within the hour"');
    expect(html).toContain(">Typed with care &amp; not to be lost.</textarea>");
    expect(html).toContain('value="limits, typed"');
    expect(postsBy(handle)).toBe(3);
  });

  it("wait a minute between posts: a comment seconds after a question is refused for the seconds left, its text back in its form", async () => {
    const { client, handle } = await member();
    const asked = await client.post("/questions/ask", question(2));
    const id = questionId(asked);
    const comment = await client.post(`/questions/${id}`, {
      intent: "comment",
      postId: String(id),
      body: "Quick follow-up thought.",
    });
    expect(comment.status).toBe(429);
    const retryAfter = Number(comment.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(45);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const html = await comment.text();
    expect(html).toMatch(
      new RegExp(
        `<textarea id="comment-body-${id}" name="body"[^>]*aria-invalid="true" aria-describedby="comment-error-${id}"[^>]*>Quick follow-up thought.</textarea>`,
      ),
    );
    expect(html).toContain(
      `<p class="field-error" id="comment-error-${id}" role="alert">New members wait 60 seconds between posts. You can post again in ${retryAfter} seconds.</p>`,
    );
    // An answer is refused the same way, and keeps its text in the answer editor.
    const answer = await client.post(`/questions/${id}`, { intent: "answer", body: "An answer typed too soon." });
    expect(answer.status).toBe(429);
    expect(await answer.text()).toContain(">An answer typed too soon.</textarea>");
    expect(postsBy(handle)).toBe(1);
    // Once the minute has passed, the same comment goes through.
    age(handle, 60_000);
    expect(
      (
        await client.post(`/questions/${id}`, {
          intent: "comment",
          postId: String(id),
          body: "Quick follow-up thought.",
        })
      ).status,
    ).toBe(302);
  });

  it("put at most 2 links in a post: more is a 400 saying so, in the member's language, the text kept; 2 is fine", async () => {
    const { client, handle } = await member();
    const spam = {
      title: "Cheap watches and more offers",
      body: "Visit https://a.example, www.b.example and [this](https://c.example).",
      tags: "offers",
    };
    const refused = await client.post("/questions/ask", spam);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain(
      '<p class="form-error" role="alert">New members may put at most 2 links in a post, and this one has 3. Remove some, or wait: this limit lifts within 24 hours, or as soon as you have 15 reputation.</p>',
    );
    expect(html).toContain('value="Cheap watches and more offers"');
    expect(html).toContain(">Visit https://a.example, www.b.example and [this](https://c.example).</textarea>");
    const dutch = await client.post("/questions/ask", spam, { "Accept-Language": "nl" });
    expect(await dutch.text()).toContain(
      "Nieuwe leden mogen hoogstens 2 links in een bericht zetten, en dit bericht heeft er 3.",
    );
    expect(postsBy(handle)).toBe(0);
    expect(
      (
        await client.post("/questions/ask", {
          ...spam,
          // Links in a real sentence: two that are most of the text would be held as spam (docs/moderation.md).
          body: "Visit https://a.example and www.b.example for the price list of every watch we sell this year.",
        })
      ).status,
    ).toBe(302);
    // An edit cannot add the links the post could not have had.
    const id = Number(server.sqlite.prepare("select id from posts where author_id = ?").pluck().get(idOf(handle)));
    const edit = await client.post(`/posts/${id}/edit`, { ...spam });
    expect(edit.status).toBe(400);
    expect(await edit.text()).toContain("this one has 3");
  });

  it("a day after joining, or with 15 reputation, the new-member limits no longer apply", async () => {
    const { client, handle } = await member();
    const links = { ...question(3), body: "See https://a.example, https://b.example and https://c.example." };
    expect((await client.post("/questions/ask", links)).status).toBe(400);
    server.grantReputation(handle, 15);
    expect((await client.post("/questions/ask", links)).status).toBe(302);
    expect((await client.post("/questions/ask", question(4))).status).toBe(302);
    const day = await member("member", { established: true });
    for (let i = 0; i < 5; i++)
      expect(
        (await day.client.post("/questions/ask", { ...links, title: `An established question number ${i}` })).status,
      ).toBe(302);
  });
});

describe("everyone", () => {
  it("an established member posts at most 30 times in 10 minutes, even with 40 answers sent at once", async () => {
    const { client, handle } = await member("member", { established: true });
    const id = questionId(await client.post("/questions/ask", question(5)));
    // Long answers take a while to render: a check that is not in the inserting transaction lets several through.
    const long = "A **long** answer with [a link](https://a.example), `code` and www.b.example in it.\n\n".repeat(110);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.post(`/questions/${id}`, { intent: "answer", body: `Parallel answer ${i}. ${long}` }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(29);
    expect(statuses.filter((s) => s === 429)).toHaveLength(11);
    expect(postsBy(handle)).toBe(30);
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(9 * 60);
    expect(await refused.text()).toContain(
      "You may post at most 30 times in 10 minutes. You can post again within 10 minutes.",
    );
    await Promise.all(responses.filter((r) => !r.bodyUsed).map((r) => r.body?.cancel()));
    // Ten minutes later there is room again.
    age(handle, 10 * 60_000);
    expect(
      (await client.post(`/questions/${id}`, { intent: "comment", postId: String(id), body: "Later comment" })).status,
    ).toBe(302);
  });

  it("leads are exempt: a new lead posts quickly, often and with links", async () => {
    const { client, handle } = await member("lead");
    const body = "Links: https://a.example https://b.example https://c.example https://d.example";
    for (let i = 0; i < 35; i++) {
      expect((await client.post("/questions/ask", { ...question(`lead ${i}`), body })).status).toBe(302);
    }
    expect(postsBy(handle)).toBe(35);
  });

  it("a meetup counts as a post: an expert at the cap cannot create one", async () => {
    const { client, handle } = await member("member", { established: true });
    server.exec("update users set role = 'expert' where handle = ?", handle);
    for (let i = 0; i < 30; i++)
      expect((await client.post("/questions/ask", question(`expert ${i}`))).status).toBe(302);
    const meetup = {
      title: "A meetup over the limit",
      description: "Three talks, then drinks; bring your questions.",
      startsAt: amsterdamLocal(48),
      endsAt: amsterdamLocal(51),
      timezone: "Europe/Amsterdam",
      venue: "De Krook",
      address: "Miriam Makebaplein 1, Gent",
      city: "Gent",
      onlineUrl: "",
      capacity: "",
      rsvpDeadline: "",
      tags: "data",
    };
    const refused = await client.post("/events/new", meetup);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(await refused.text()).toContain('value="A meetup over the limit"');
    age(handle, 10 * 60_000);
    expect((await client.post("/events/new", meetup)).status).toBe(302);
  });
});
