/**
 * Flags, the review queue, suspension and silence over HTTP (docs/moderation.md), and the state-aware
 * permissions: a post that is not published takes no comment, vote, edit or answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let author: Client;
let lead: Client;
const flaggers: Client[] = [];
let newcomer: Client;

const one = <T>(sql: string, ...params: unknown[]) =>
  server.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as T;
const count = (sql: string, ...params: unknown[]) => one<number>(`select count(*) from ${sql}`, ...params);
const idFrom = (response: Response) => Number(/\/questions\/(\d+)/.exec(response.headers.get("location") ?? "")?.[1]);
const userId = (handle: string) => one<number>("select id from users where handle = ?", handle);

const member = (handle: string) =>
  signUp(server, {
    name: `Member ${handle}`,
    handle,
    email: `${handle}@example.test`,
    password: `${handle}-password-1`,
  });

async function ask(client: Client, title: string) {
  const response = await client.post("/questions/ask", {
    title,
    // Its own text: the same text twice in a day is held by the spam rules (docs/moderation.md).
    body: `${title} What is the right way to do this in our setup? Details follow.`,
    tags: "moderation",
  });
  expect(response.status).toBe(302);
  return idFrom(response);
}

async function answer(client: Client, questionId: number, body: string) {
  const response = await client.post(`/questions/${questionId}`, { intent: "answer", body });
  expect(response.status).toBe(302);
  return Number(/#post-(\d+)/.exec(response.headers.get("location")!)![1]);
}

const flag = (client: Client, questionId: number, postId: number, reason = "spam", note = "") =>
  client.post(`/questions/${questionId}`, { intent: "flag", postId: String(postId), reason, note });

beforeAll(async () => {
  server = await startServer({ env: { WEB_CONCURRENCY: "1" } });
  author = await member("arno");
  lead = await member("lotte");
  newcomer = await member("nina");
  for (const handle of ["femke", "fleur", "floor"]) flaggers.push(await member(handle));
  server.exec("update users set role = 'lead' where handle = 'lotte'");
  server.exec("update users set role = 'expert' where handle in ('femke', 'fleur', 'floor')");
  // Older accounts: these tests post faster than a brand-new member may (docs/limits.md).
  server.exec("update users set created_at = ?", Date.now() - 10 * 24 * 3600_000);
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("flags", () => {
  it("three flags from established members hide a post before any lead acts, and tell its author", async () => {
    const questionId = await ask(author, "Which connector should we use for the warehouse?");
    const answerId = await answer(author, questionId, "Buy my course at https://spam.example now, best deal.");

    const first = await flag(flaggers[0], questionId, answerId, "spam");
    expect(first.status).toBe(303);
    const page = await (await flaggers[0].get(`/questions/${questionId}`)).text();
    expect(page).toContain("You flagged this post; a community lead will look at it.");
    // One open flag per member per post: a second one changes nothing.
    await flag(flaggers[0], questionId, answerId, "offensive");
    expect(count("flags where post_id = ?", answerId)).toBe(1);

    await flag(flaggers[1], questionId, answerId, "spam");
    expect(one("select status from posts where id = ?", answerId)).toBe("published");
    await flag(flaggers[2], questionId, answerId, "off_topic");
    expect(one("select status from posts where id = ?", answerId)).toBe("hidden");
    expect(one("select answer_count from posts where id = ?", questionId)).toBe(0);

    const anonymous = await (await new Client(server.url).get(`/questions/${questionId}`)).text();
    expect(anonymous).not.toContain("spam.example");
    expect(
      count("notifications where user_id = ? and kind = 'moderation' and title like 'postHidden:%'", userId("arno")),
    ).toBe(1);
    expect(one("select status from posts where id = ?", answerId)).not.toBe("deleted");
  });

  it("a newcomer's flag weighs less: one flag hides nothing", async () => {
    const questionId = await ask(author, "How do we rotate the API keys safely?");
    await flag(newcomer, questionId, questionId, "off_topic");
    expect(one("select weight from flags where post_id = ?", questionId)).toBe(1);
    expect(one("select status from posts where id = ?", questionId)).toBe("published");
  });

  it("'needs a lead's attention' without a note gets a field error; own posts cannot be flagged", async () => {
    const questionId = await ask(author, "Where are the audit settings documented?");
    const refused = await flag(newcomer, questionId, questionId, "other", "");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Say what a lead should look at.");
    const own = await flag(author, questionId, questionId, "spam");
    expect(own.status).toBe(403);
    expect(count("flags where post_id = ?", questionId)).toBe(0);
  });
});

describe("the review queue", () => {
  it("is for leads: a member gets 403", async () => {
    expect((await newcomer.get("/admin")).status).toBe(403);
    expect((await newcomer.post("/admin", { postId: "1", decision: "dismiss" })).status).toBe(403);
  });

  it("shows flags grouped by post with reasons, flaggers and the author's history; dismissing keeps the post and thanks the flaggers", async () => {
    const questionId = await ask(author, "Is there a bulk export for the ticket history?");
    await flag(newcomer, questionId, questionId, "other", "Looks like a duplicate of last week's question");
    await flag(flaggers[0], questionId, questionId, "off_topic");
    const html = await (await lead.get("/admin")).text();
    const item = html.slice(html.indexOf(`id="queue-post-${questionId}"`));
    expect(item).toContain("Is there a bulk export for the ticket history?");
    expect(item).toContain("Looks like a duplicate of last week&#x27;s question");
    expect(item).toContain("Member nina");
    expect(item).toContain("Member femke");
    expect(item).toContain("Off-topic here");
    expect(item).toMatch(/Joined .* reputation/);

    const decided = await lead.post("/admin", { postId: String(questionId), decision: "dismiss", reason: "fine" });
    expect(decided.status).toBe(303);
    expect(one("select status from posts where id = ?", questionId)).toBe("published");
    expect(count("flags where post_id = ? and status = 'dismissed'", questionId)).toBe(2);
    expect(count("notifications where user_id = ? and title like 'flagDismissed:%'", userId("nina"))).toBeGreaterThan(
      0,
    );
    expect(count("audit_log where action = 'flag.dismiss' and subject = ?", `post:${questionId}`)).toBe(1);
    expect(await (await lead.get("/admin")).text()).not.toContain(`id="queue-post-${questionId}"`);
  });

  it("suspending the author from the queue needs a reason", async () => {
    const questionId = await ask(author, "Can we get a discount for the annual plan?");
    await flag(newcomer, questionId, questionId, "spam");
    const refused = await lead.post("/admin", { postId: String(questionId), decision: "suspend", reason: "" });
    expect(refused.status).toBe(400);
    expect(one("select suspended_at from users where handle = 'arno'")).toBeNull();
  });
});

describe("suspension and silence", () => {
  it("ends every session, shows the reason and end date at log-in, lifts itself at the end date", async () => {
    const spammer = await member("sven");
    const questionId = await ask(spammer, "Cheap licences available, write to me for details");
    await flag(newcomer, questionId, questionId, "spam");
    const until = Date.now() + 7 * 24 * 3600_000;
    const decided = await lead.post("/admin", {
      postId: String(questionId),
      decision: "suspend",
      reason: "Selling licences",
      days: "7",
    });
    expect(decided.status).toBe(303);
    expect(count("sessions where user_id = ?", userId("sven"))).toBe(0);
    expect(one("select status from posts where id = ?", questionId)).toBe("hidden");
    expect(Math.abs(one<number>("select suspended_until from users where handle = 'sven'") - until)).toBeLessThan(
      60_000,
    );

    const login = await new Client(server.url).post("/login", {
      email: "sven@example.test",
      password: "sven-password-1",
    });
    expect(login.status).toBe(403);
    const page = await login.text();
    expect(page).toContain("Reason: Selling licences");
    expect(page).toContain("Your suspension ends on");
    const profile = await (await lead.get("/members/sven")).text();
    expect(profile).toContain("Suspended until");
    expect(await (await newcomer.get("/members/sven")).text()).not.toContain("Suspended until");
    expect(count("audit_log where action = 'user.suspend' and subject = ?", `user:${userId("sven")}`)).toBe(1);

    server.exec("update users set suspended_until = ? where handle = 'sven'", Date.now() - 1000);
    const back = await new Client(server.url).post("/login", {
      email: "sven@example.test",
      password: "sven-password-1",
    });
    expect(back.status).toBe(302);
  });

  it("a lead silences a member from the profile: they read but cannot post, answer or vote", async () => {
    const quiet = await member("quinten");
    server.grantReputation("quinten", 200);
    const questionId = await ask(author, "What is the retention of the access logs?");
    const silenced = await lead.post("/members/quinten", {
      intent: "silence",
      "silence-reason": "Cooling off",
      "silence-days": "3",
    });
    expect(silenced.status).toBe(200);
    expect((await quiet.get(`/questions/${questionId}`)).status).toBe(200);
    const before = count("posts");
    expect(
      (await quiet.post(`/questions/${questionId}`, { intent: "answer", body: "An answer while silenced." })).status,
    ).toBe(403);
    expect(
      (await quiet.post(`/questions/${questionId}`, { intent: "vote", postId: String(questionId), value: "1" })).status,
    ).toBe(403);
    expect(count("posts")).toBe(before);
    expect(count("votes where user_id = ?", userId("quinten"))).toBe(0);
    expect(count("audit_log where action = 'user.silence'")).toBe(1);
    // Members cannot silence anyone.
    expect(
      (await newcomer.post("/members/arno", { intent: "silence", "silence-reason": "x", "silence-days": "1" })).status,
    ).toBe(403);
  });
});

describe("a deleted or hidden post is read-only", () => {
  it("offers no comment, vote or edit form, and refuses those actions (403, nothing written)", async () => {
    server.grantReputation("nina", 200);
    for (const status of ["deleted", "hidden"]) {
      const questionId = await ask(author, `A question that will be ${status} by a lead`);
      await lead.post("/admin", { postId: String(questionId), decision: status === "deleted" ? "delete" : "hide" });
      // The author still sees it, with no controls that write.
      const html = await (await author.get(`/questions/${questionId}`)).text();
      expect(html).not.toContain('name="intent" value="comment"');
      expect(html).not.toContain("?comment=");
      expect(html).not.toContain(`/posts/${questionId}/edit`);
      expect(html).not.toContain('id="your-answer"');
      expect(html).toMatch(/aria-pressed="false" disabled=""/);

      const before = { posts: count("posts"), votes: count("votes"), revisions: count("post_revisions") };
      const attempts = [
        author.post(`/questions/${questionId}`, { intent: "comment", postId: String(questionId), body: "A comment" }),
        newcomer.post(`/questions/${questionId}`, { intent: "vote", postId: String(questionId), value: "1" }),
        author.post(`/questions/${questionId}`, { intent: "answer", body: "Answering my own hidden question." }),
        author.post(`/posts/${questionId}/edit`, {
          title: "An edited title for the question",
          body: "An edited body that is long enough.",
          tags: "moderation",
        }),
        newcomer.post(`/questions/${questionId}`, { intent: "flag", postId: String(questionId), reason: "spam" }),
      ];
      for (const response of await Promise.all(attempts)) expect([403, 404]).toContain(response.status);
      expect((await author.get(`/posts/${questionId}/edit`)).status).toBe(403);
      expect({ posts: count("posts"), votes: count("votes"), revisions: count("post_revisions") }).toEqual(before);
    }
  });
});
