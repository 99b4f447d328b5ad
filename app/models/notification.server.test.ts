import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, notificationPreferences, notifications, users } from "~db/schema";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { listNotifications, markRead, MAX_MENTIONS_NOTIFIED, unreadCount } from "./notification.server";
import { acceptAnswer } from "./post-votes.server";
import { createAnswer, createComment, createQuestion, editPost } from "./post.server";
import { readUnsubscribeToken, unsubscribe, unsubscribeUrl } from "./unsubscribe.server";

const notificationsOf = (userId: number) =>
  db.select().from(notifications).where(eq(notifications.userId, userId)).all();
const ask = (authorId: number, title = "How do we rotate connector keys?") =>
  createQuestion({ authorId, title, body: "Our security team wants it every 90 days.", tags: ["security"] });

describe("notifications from posts", () => {
  it("an erased member is told nothing more", async () => {
    const [asker, answerer] = [await makeUser(), await makeUser()];
    const question = createQuestion({
      authorId: asker.id,
      title: "Who reads this after erasure?",
      body: "Long enough body for a question.",
      tags: ["privacy"],
    });
    db.update(users).set({ erasedAt: new Date() }).where(eq(users.id, asker.id)).run();
    createAnswer({ authorId: answerer.id, questionId: question.id, body: "An answer nobody is told about." });
    expect(db.select().from(notifications).where(eq(notifications.userId, asker.id)).all()).toEqual([]);
  });

  it("an answer that mentions the asker notifies the asker once; an edit notifies nobody again", async () => {
    const anna = await makeUser({ handle: "anna_n" });
    const ben = await makeUser({ handle: "ben_n" });
    const cas = await makeUser({ handle: "cas_n" });
    const question = ask(anna.id);
    const answer = createAnswer({
      authorId: ben.id,
      questionId: question.id,
      body: "@anna_n press Rotate in the connector settings.",
    })!;
    expect(notificationsOf(anna.id)).toMatchObject([
      { kind: "answer", actorId: ben.id, url: `/questions/${question.id}#post-${answer.id}` },
    ]);
    expect(answer.bodyHtml).toContain('<a href="/members/anna_n"');

    editPost({ postId: answer.id, editorId: ben.id, body: "@anna_n press Rotate. @cas_n knows more." });
    editPost({ postId: answer.id, editorId: ben.id, body: "@anna_n press Rotate. @cas_n knows more, really." });
    expect(notificationsOf(anna.id)).toHaveLength(1);
    expect(notificationsOf(cas.id)).toMatchObject([{ kind: "mention" }]);
  });

  it("links and notifies only existing members, at most ten per post, never inside code", async () => {
    const author = await makeUser();
    const mentioned = await Promise.all(Array.from({ length: 12 }, (_, i) => makeUser({ handle: `many_${i}` })));
    const body = `${mentioned.map((m) => `@${m.handle}`).join(" ")} and @nobody_here and \`@many_0\` in code.`;
    const question = createQuestion({
      authorId: author.id,
      title: "Who here knows the billing export?",
      body,
      tags: ["billing"],
    });
    const notified = mentioned.filter((m) => notificationsOf(m.id).length === 1);
    expect(notified).toHaveLength(MAX_MENTIONS_NOTIFIED);
    expect(question.bodyHtml).not.toContain("/members/nobody_here");
    expect(question.bodyHtml).toContain("<code>@many_0</code>");
  });

  it("comments notify the post's author; acceptance notifies the answerer once", async () => {
    const anna = await makeUser();
    const ben = await makeUser();
    const question = ask(anna.id, "Can the export run twice a day?");
    const answer = createAnswer({
      authorId: ben.id,
      questionId: question.id,
      body: "Yes, set the schedule to 12 hours.",
    })!;
    createComment({ authorId: anna.id, postId: answer.id, body: "Thanks, which setting exactly?" });
    expect(notificationsOf(ben.id)).toMatchObject([{ kind: "comment", actorId: anna.id }]);
    acceptAnswer({ questionId: question.id, answerId: answer.id, askerId: anna.id });
    expect(notificationsOf(ben.id).map((n) => n.kind)).toEqual(["comment", "accepted"]);
    createComment({ authorId: anna.id, postId: question.id, body: "Note to self: own posts do not notify." });
    expect(notificationsOf(anna.id).filter((n) => n.kind === "comment")).toEqual([]);
  });

  it("follows the member's channel: email enqueues a job, in-app does not, off writes nothing", async () => {
    const anna = await makeUser();
    const ben = await makeUser();
    const q1 = ask(anna.id, "First question about channels here");
    createAnswer({ authorId: ben.id, questionId: q1.id, body: "An answer that goes by email." });
    const [first] = notificationsOf(anna.id);
    expect(
      db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `notification-email:${first.id}`))
        .get(),
    ).toBeDefined();

    db.insert(notificationPreferences).values({ userId: anna.id, kind: "answer", channel: "in_app" }).run();
    createAnswer({ authorId: ben.id, questionId: q1.id, body: "An answer shown in the app only." });
    const second = notificationsOf(anna.id)[1];
    expect(
      db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `notification-email:${second.id}`))
        .get(),
    ).toBeUndefined();

    db.update(notificationPreferences)
      .set({ channel: "off" })
      .where(and(eq(notificationPreferences.userId, anna.id), eq(notificationPreferences.kind, "answer")))
      .run();
    createAnswer({ authorId: ben.id, questionId: q1.id, body: "An answer nobody is told about." });
    expect(notificationsOf(anna.id)).toHaveLength(2);
  });

  it("groups unread ones of a kind about one thing, and marks read", async () => {
    const anna = await makeUser();
    const question = ask(anna.id, "Which answers will be grouped together?");
    for (let i = 0; i < 5; i++) {
      const helper = await makeUser({ name: `Helper ${i}` });
      createAnswer({ authorId: helper.id, questionId: question.id, body: `Answer number ${i} to the question.` });
    }
    const [group] = listNotifications(anna.id);
    expect(group).toMatchObject({ kind: "answer", count: 5, unread: true });
    expect(group.actors).toHaveLength(5);
    expect(unreadCount(anna.id)).toBe(5);
    markRead(anna.id, group.ids.slice(0, 2));
    expect(unreadCount(anna.id)).toBe(3);
    markRead(anna.id);
    expect(unreadCount(anna.id)).toBe(0);
    expect(listNotifications(anna.id)).toHaveLength(5); // read ones are history, one line each
  });
});

describe("unsubscribe links", () => {
  it("are signed: a changed token is refused; a valid one turns that email off and keeps the app", async () => {
    const anna = await makeUser();
    const token = unsubscribeUrl(anna.id, "answer").split("/unsubscribe/")[1];
    expect(readUnsubscribeToken(token)).toEqual({ userId: anna.id, scope: "answer" });
    const [payload, signature] = token.split(".");
    const forged = `${Buffer.from(`unsubscribe:${anna.id + 1}:answer`).toString("base64url")}.${signature}`;
    expect(readUnsubscribeToken(forged)).toBeNull();
    expect(readUnsubscribeToken(`${payload}.${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`)).toBeNull();
    unsubscribe(anna.id, "answer");
    expect(
      db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, anna.id)).all(),
    ).toMatchObject([{ kind: "answer", channel: "in_app" }]);
  });
});
