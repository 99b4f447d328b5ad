/**
 * Following and the newcomer's checklist over HTTP (issue 18, points 7 and 8): the follow form of each page
 * (`intent=follow`, `value` 1/0), /settings' list and auto-follow setting, and /welcome's checklist ticking from
 * real actions, hidden by "dismiss" and gone from the home page once complete.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amsterdamLocal } from "../factories";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let expert: Client;
let nina: Client;
let omar: Client;
let questionId: number;
let eventId: number;

const id = (handle: string) =>
  server.sqlite.prepare("select id from users where handle = ?").pluck().get(handle) as number;
const followRows = (handle: string) =>
  server.sqlite
    .prepare("select kind, target_id as targetId, auto from follows where user_id = ? order by kind, target_id")
    .all(id(handle)) as { kind: string; targetId: number; auto: number }[];
const html = async (client: Client, path: string) => {
  const response = await client.get(path);
  expect(response.status, path).toBe(200);
  return response.text();
};
/** The steps the checklist shows as done, by their data-step attribute. */
const ticked = (page: string) => [...page.matchAll(/<li class="done" data-step="(\w+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  server = await startServer();
  expert = await signUp(server, {
    name: "Erik Expert",
    handle: "erik",
    email: "erik@example.test",
    password: "erik-password-1",
  });
  nina = await signUp(server, {
    name: "Nina New",
    handle: "nina",
    email: "nina@example.test",
    password: "nina-password-1",
  });
  omar = await signUp(server, {
    name: "Omar Old",
    handle: "omar",
    email: "omar@example.test",
    password: "omar-password-1",
  });
  server.exec("update users set role = 'expert', created_at = ? where handle = 'erik'", Date.now() - 40 * 86_400_000);
  server.exec("update users set created_at = ? where handle in ('nina', 'omar')", Date.now() - 3 * 86_400_000);
  const asked = await expert.post("/questions/ask", {
    title: "How do I partition a lakehouse table?",
    body: "By day or by month, and why?",
    tags: "lakehouse, partitioning, storage",
  });
  expect(asked.status, await asked.clone().text()).toBe(302);
  questionId = Number(/\/questions\/(\d+)/.exec(asked.headers.get("location")!)![1]);
  const created = await expert.post("/events/new", {
    title: "Lakehouse evening",
    description: "Three talks about lakehouses, then drinks.",
    startsAt: amsterdamLocal(48),
    endsAt: amsterdamLocal(51),
    timezone: "Europe/Amsterdam",
    venue: "De Krook",
    address: "Miriam Makebaplein 1, Gent",
    city: "Gent",
    onlineUrl: "",
    capacity: "10",
    rsvpDeadline: "",
    tags: "lakehouse",
  });
  expect(created.status, await created.clone().text()).toBe(302);
  eventId = Number(/\/events\/(\d+)$/.exec(created.headers.get("location")!)![1]);
}, 60_000);

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("following", () => {
  it("follows and unfollows a tag, a member, a question and a meetup from their pages", async () => {
    const tagId = server.sqlite.prepare("select id from tags where name = 'lakehouse'").pluck().get() as number;
    for (const [path, kind, targetId] of [
      ["/tags/lakehouse", "tag", tagId],
      ["/members/erik", "member", id("erik")],
      [`/questions/${questionId}`, "question", questionId],
      [`/events/${eventId}`, "event", eventId],
    ] as const) {
      expect(await html(omar, path)).toContain('name="intent" value="follow"');
      const followed = await omar.post(path, { intent: "follow", value: "1" });
      expect(followed.status, path).toBe(303);
      expect(followed.headers.get("location")).toBe(path);
      expect(followRows("omar")).toContainEqual({ kind, targetId, auto: 0 });
      expect(await html(omar, path)).toContain('name="value" value="0"'); // now the button unfollows
      expect((await omar.post(path, { intent: "follow", value: "1" })).status).toBe(303); // twice: still one
    }
    expect(followRows("omar")).toHaveLength(4);
    expect((await omar.post("/tags/lakehouse", { intent: "follow", value: "2" })).status).toBe(400);
    expect((await omar.post("/tags/lakehouse", { intent: "follow", value: "0" })).status).toBe(303);
    expect(followRows("omar").map((f) => f.kind)).toEqual(["event", "member", "question"]);
    // Members cannot follow themselves; visitors are sent to log in; unknown tags are 404.
    expect((await expert.post("/members/erik", { intent: "follow", value: "1" })).status).toBe(403);
    const visitor = await new Client(server.url).post("/tags/lakehouse", { intent: "follow", value: "1" });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/login/);
    expect((await omar.post("/tags/no-such-tag", { intent: "follow", value: "1" })).status).toBe(404);
    // An erased member shows no follow button, and a hand-made post cannot follow them either.
    server.exec("update users set erased_at = ? where handle = 'nina'", Date.now());
    expect((await omar.post("/members/nina", { intent: "follow", value: "1" })).status).toBe(404);
    expect(followRows("omar").map((f) => f.kind)).toEqual(["event", "member", "question"]);
    server.exec("update users set erased_at = null where handle = 'nina'");
  });

  it("/settings lists what the member follows, unfollows, and turns auto-follow off", async () => {
    const page = await html(omar, "/settings");
    expect(page).toContain('id="following"');
    expect(page).toContain("Lakehouse evening");
    expect(page).toContain(`href="/questions/${questionId}"`);
    const unfollowed = await omar.post("/settings", { intent: "unfollow", kind: "event", targetId: String(eventId) });
    expect(unfollowed.status).toBe(303);
    expect(followRows("omar").map((f) => f.kind)).toEqual(["member", "question"]);
    expect((await omar.post("/settings", { intent: "unfollow", kind: "planet", targetId: "1" })).status).toBe(400);

    // Answering follows the question; with auto-follow off it does not.
    expect((await omar.post("/settings", { intent: "auto-follow", autoFollow: "off" })).status).toBe(200);
    expect(await html(omar, "/settings")).toMatch(/<option value="off" selected="">/);
    expect(
      (await nina.post(`/questions/${questionId}`, { intent: "answer", body: "Partition by day here." })).status,
    ).toBe(302);
    expect(followRows("nina")).toEqual([{ kind: "question", targetId: questionId, auto: 1 }]);
    server.exec("delete from follows where user_id = ?", id("omar"));
    expect(
      (await omar.post(`/questions/${questionId}`, { intent: "answer", body: "Or by month, if small." })).status,
    ).toBe(302);
    expect(followRows("omar")).toEqual([]);
    // Erik asked, so follows, and was told of Nina's answer by the "answer" notification only.
    const erikTold = server.sqlite
      .prepare("select kind from notifications where user_id = ? and title = 'How do I partition a lakehouse table?'")
      .pluck()
      .all(id("erik"));
    expect(erikTold).toEqual(["answer", "answer"]);
    // Nina follows it (by answering) and hears of Omar's answer as a follower.
    const ninaTold = server.sqlite.prepare("select kind from notifications where user_id = ?").pluck().all(id("nina"));
    expect(ninaTold).toEqual(["followed_question"]);
  });
});

describe("the newcomer's checklist", () => {
  it("shows on the home page and /welcome, ticks from real actions, hides on dismiss, and is gone once complete", async () => {
    const newcomer = await signUp(server, {
      name: "Fay First",
      handle: "fay",
      email: "fay@example.test",
      password: "fay-password-1",
    });
    expect(await html(newcomer, "/")).toContain('id="checklist-title"');
    expect(ticked(await html(newcomer, "/welcome"))).toEqual([]);
    expect((await newcomer.get("/welcome")).status).toBe(200);
    expect((await new Client(server.url).get("/welcome")).status).toBe(302); // visitors log in first

    const saved = await newcomer.post("/settings", {
      intent: "profile",
      name: "Fay First",
      headline: "Data engineer",
      bio: "",
      location: "",
      locale: "",
      theme: "system",
      expertise: "lakehouse",
    });
    expect(saved.status).toBe(200);
    expect(ticked(await html(newcomer, "/welcome"))).toEqual(["profile"]);

    // The suggested tags' follow buttons post to the tag's page and come back to /welcome.
    const welcome = await html(newcomer, "/welcome");
    expect(welcome).toContain('action="/tags/lakehouse"');
    for (const tag of ["lakehouse", "partitioning", "storage"]) {
      const followed = await newcomer.post(`/tags/${tag}`, {
        intent: "follow",
        value: "1",
        redirectTo: "/welcome#suggested-tags",
      });
      expect(followed.headers.get("location")).toBe("/welcome#suggested-tags");
    }
    expect(ticked(await html(newcomer, "/welcome"))).toEqual(["profile", "tags"]);

    const answerId = server.sqlite
      .prepare("select id from posts where kind = 'answer' and parent_id = ? order by id limit 1")
      .pluck()
      .get(questionId) as number;
    server.grantReputation("fay", 20); // the upvote privilege (15)
    expect(
      (await newcomer.post(`/questions/${questionId}`, { intent: "vote", postId: String(answerId), value: "1" }))
        .status,
    ).toBeLessThan(400);
    expect(ticked(await html(newcomer, "/welcome"))).toEqual(["profile", "tags", "vote"]);

    // Dismissed: gone from the home page, still at /welcome.
    const dismissed = await newcomer.post("/welcome", { intent: "dismiss", redirectTo: "/" });
    expect(dismissed.status).toBe(303);
    expect(dismissed.headers.get("location")).toBe("/");
    expect(await html(newcomer, "/")).not.toContain('id="checklist-title"');
    expect(await html(newcomer, "/welcome")).toContain('id="checklist-title"');
    expect((await newcomer.post("/welcome", { intent: "hide" })).status).toBe(400);

    // Nina has not dismissed it: it stays on her home page until every step is done.
    expect(await html(nina, "/")).toContain('id="checklist-title"');
    await nina.post("/settings", {
      intent: "profile",
      name: "Nina New",
      headline: "Analyst",
      bio: "",
      location: "",
      locale: "",
      theme: "system",
      expertise: "storage",
    });
    for (const tag of ["lakehouse", "partitioning", "storage"])
      await nina.post(`/tags/${tag}`, { intent: "follow", value: "1" });
    server.grantReputation("nina", 20);
    await nina.post(`/questions/${questionId}`, { intent: "vote", postId: String(questionId), value: "1" });
    expect(ticked(await html(nina, "/welcome"))).toEqual(["profile", "tags", "vote", "contribute"]);
    expect(await html(nina, "/")).toContain('id="checklist-title"');
    expect((await nina.post(`/events/${eventId}`, { intent: "rsvp", status: "going", note: "" })).status).toBe(303);
    expect(ticked(await html(nina, "/welcome"))).toHaveLength(5);
    expect(await html(nina, "/")).not.toContain('id="checklist-title"');

    // /health's funnel counts the members who joined in the period and did the whole checklist: Nina.
    server.exec("update users set role = 'lead' where handle = 'omar'");
    server.exec("delete from health_snapshots"); // the hourly job's report from before Nina's steps
    const health = await html(omar, "/health");
    expect(health).toMatch(/Completed the newcomer checklist<\/td><td class="number">1<\/td>/);
    const csv = await (await omar.get("/health/export/funnel")).text();
    expect(csv).toContain(`"Completed the newcomer checklist","1"`);
  });
});
