import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, flags, notifications } from "~db/schema";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { flagPost, HIDE_AT } from "./flag.server";
import { decide, reviewQueue } from "./moderation.server";
import { getPost } from "./post-queries.server";
import { createQuestion, setPostDeleted } from "./post.server";

let n = 0;
const ask = (authorId: number) =>
  createQuestion({
    authorId,
    title: `Moderation question number ${++n}`,
    body: `Body of moderation question ${n}, long enough.`,
    tags: ["moderation"],
  });
const outcomes = (userId: number) =>
  db
    .select({ title: notifications.title })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "moderation")))
    .all()
    .map((row) => row.title.split(":")[0]);

describe("flags and decisions", () => {
  it("flags add up by weight to HIDE_AT; an expert's weighs 2, a newcomer's 1", async () => {
    const author = await makeUser();
    const question = ask(author.id);
    const experts = await Promise.all([1, 2, 3].map(() => makeUser({ role: "expert" })));
    const newcomer = await makeUser();
    expect(flagPost({ postId: question.id, flaggerId: newcomer.id, reason: "spam" })).toEqual({
      status: "flagged",
      hidden: false,
    });
    expect(flagPost({ postId: question.id, flaggerId: experts[0].id, reason: "spam" }).hidden).toBe(false);
    expect(flagPost({ postId: question.id, flaggerId: experts[1].id, reason: "spam" }).hidden).toBe(false); // 5
    expect(flagPost({ postId: question.id, flaggerId: experts[2].id, reason: "spam" }).hidden).toBe(true); // 7
    expect(HIDE_AT).toBe(6);
    expect(getPost(question.id)!.status).toBe("hidden");
    expect(outcomes(author.id)).toEqual(["postHidden"]);
    // A hidden post takes no more flags.
    expect(flagPost({ postId: question.id, flaggerId: (await makeUser()).id, reason: "spam" }).status).toBe("missing");
  });

  it("dismissing puts a post the flags hid back, thanks the flaggers, and writes the audit log", async () => {
    const [author, lead] = [await makeUser(), await makeUser({ role: "lead" })];
    const question = ask(author.id);
    const flaggers = await Promise.all([1, 2, 3].map(() => makeUser({ role: "expert" })));
    for (const f of flaggers) flagPost({ postId: question.id, flaggerId: f.id, reason: "off_topic" });
    expect(decide({ postId: question.id, moderatorId: lead.id, decision: "dismiss", reason: "on topic" })).toBe(true);
    expect(getPost(question.id)!.status).toBe("published");
    for (const f of flaggers) expect(outcomes(f.id)).toEqual(["flagDismissed"]);
    expect(
      db
        .select()
        .from(flags)
        .where(eq(flags.postId, question.id))
        .all()
        .map((f) => f.status),
    ).toEqual(["dismissed", "dismissed", "dismissed"]);
    expect(
      db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subject, `post:${question.id}`))
        .all(),
    ).toMatchObject([{ actorId: lead.id, action: "flag.dismiss", detail: "on topic" }]);
    expect(reviewQueue().items.map((i) => i.post.id)).not.toContain(question.id);
  });

  it("a post its author deleted stays deleted when a lead dismisses its flags", async () => {
    const [author, flagger, lead] = [await makeUser(), await makeUser(), await makeUser({ role: "lead" })];
    const question = ask(author.id);
    flagPost({ postId: question.id, flaggerId: flagger.id, reason: "spam" });
    setPostDeleted({ postId: question.id, deleted: true, actorId: author.id });
    decide({ postId: question.id, moderatorId: lead.id, decision: "dismiss" });
    expect(getPost(question.id)!.status).toBe("deleted");
    decide({ postId: question.id, moderatorId: lead.id, decision: "hide" });
    expect(getPost(question.id)!.status).toBe("deleted");
  });

  it("deleting upholds the flags: flaggers hear it was taken down, the author that it was removed", async () => {
    const [author, flagger, lead] = [await makeUser(), await makeUser(), await makeUser({ role: "lead" })];
    const question = ask(author.id);
    flagPost({ postId: question.id, flaggerId: flagger.id, reason: "offensive" });
    decide({ postId: question.id, moderatorId: lead.id, decision: "delete" });
    expect(getPost(question.id)).toMatchObject({ status: "deleted", deletedBy: lead.id });
    expect(outcomes(flagger.id)).toEqual(["flagUpheld"]);
    expect(outcomes(author.id)).toEqual(["postRemoved"]);
  });

  it("suspending with 'delete their recent posts' removes a spam run in one click, and nothing older", async () => {
    const [spammer, flagger, lead] = [await makeUser(), await makeUser(), await makeUser({ role: "lead" })];
    const old = createQuestion({
      authorId: spammer.id,
      title: "An old question from before the spam run",
      body: "Asked ten days ago, long enough.",
      tags: ["moderation"],
      now: new Date(Date.now() - 10 * 24 * 3600_000),
    });
    const run = [ask(spammer.id), ask(spammer.id), ask(spammer.id)];
    flagPost({ postId: run[0].id, flaggerId: flagger.id, reason: "spam" });
    flagPost({ postId: run[2].id, flaggerId: flagger.id, reason: "spam" });
    decide({ postId: run[0].id, moderatorId: lead.id, decision: "suspend", reason: "spam run", purgeRecent: true });
    expect(run.map((p) => getPost(p.id)!.status)).toEqual(["deleted", "deleted", "deleted"]);
    expect(getPost(old.id)!.status).toBe("published");
    expect(
      db
        .select()
        .from(flags)
        .where(eq(flags.flaggerId, flagger.id))
        .all()
        .map((f) => f.status),
    ).toEqual(["upheld", "upheld"]);
    expect(
      db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subject, `user:${spammer.id}`))
        .all(),
    ).toMatchObject([{ action: "user.suspend" }, { action: "user.purge", detail: "3 posts" }]);
  });

  it("the queue shows each author's own history: their post count, latest posts and earlier flags", async () => {
    const [a, b, flagger, lead] = [
      await makeUser(),
      await makeUser(),
      await makeUser(),
      await makeUser({ role: "lead" }),
    ];
    const old = ask(a.id);
    flagPost({ postId: old.id, flaggerId: flagger.id, reason: "spam" });
    decide({ postId: old.id, moderatorId: lead.id, decision: "hide" });
    const [a1, a2, b1] = [ask(a.id), ask(a.id), ask(b.id)];
    for (const post of [a2, b1]) flagPost({ postId: post.id, flaggerId: flagger.id, reason: "off_topic" });
    const items = reviewQueue().items;
    const author = (postId: number) => items.find((i) => i.post.id === postId)!.author;
    expect(author(a2.id)).toMatchObject({ id: a.id, postCount: 3, earlierFlags: { upheld: 1, dismissed: 0 } });
    expect(
      author(a2.id)
        .recent.map((p) => p.id)
        .sort(),
    ).toEqual([old.id, a1.id, a2.id].sort());
    expect(author(b1.id)).toMatchObject({ id: b.id, postCount: 1, earlierFlags: { upheld: 0, dismissed: 0 } });
    expect(author(b1.id).recent.map((p) => p.id)).toEqual([b1.id]);
  });
});
