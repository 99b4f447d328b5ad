import fs from "node:fs";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { follows, jobs, notifications, users } from "~db/schema";
import { digestContent, scheduleWeeklyDigest } from "~/jobs/digest.server";
import { JOB_HANDLERS } from "~/jobs/index.server";
import { db, writeTransaction } from "~/utils/db.server";
import { runDueJobs } from "~/utils/jobs.server";
import { outboxDir } from "~/utils/mail.server";
import { DAY_MS } from "~/utils/time";
import { makeOrganisation, makeUser } from "../../test/factories";
import {
  autoFollowOn,
  follow,
  followersOf,
  followsOf,
  isFollowing,
  setAutoFollow,
  setFollowing,
  unfollow,
} from "./follow.server";
import { cancelEvent, createEvent } from "./event.server";
import { setChannels } from "./notification.server";
import { decide } from "./moderation.server";
import { eraseMember } from "./privacy.server";
import { createIdea } from "./idea.server";
import { createAnswer, createQuestion, setPostDeleted } from "./post.server";
import { rsvp } from "./rsvp.server";
import { getTagByName } from "./tag.server";

const notificationsOf = (userId: number) =>
  db.select().from(notifications).where(eq(notifications.userId, userId)).all();

describe("following", () => {
  it("follows once per member and thing, unfollows, and lists followers and what a member follows", async () => {
    const [a, b] = [await makeUser(), await makeUser()];
    const question = createQuestion({ authorId: b.id, title: "Which index?", body: "Body text here", tags: ["sql"] });
    writeTransaction((tx) => {
      expect(follow(tx, { userId: a.id, kind: "question", targetId: question.id })).toBe(true);
      expect(follow(tx, { userId: a.id, kind: "question", targetId: question.id })).toBe(false);
      follow(tx, { userId: a.id, kind: "idea", targetId: 999 });
    });
    setFollowing({ userId: a.id, kind: "tag", targetId: getTagByName("sql")!.id, value: true });
    setFollowing({ userId: a.id, kind: "member", targetId: b.id, value: true });
    expect(isFollowing(db, { userId: a.id, kind: "question", targetId: question.id })).toBe(true);
    expect(followersOf(db, "question", question.id).sort()).toEqual([a.id, b.id].sort()); // b by asking
    expect(followersOf(db, "idea", 999)).toEqual([a.id]);
    const listed = followsOf(a.id);
    expect(listed.map((f) => [f.kind, f.name, f.url]).sort()).toEqual(
      [
        ["member", b.handle, `/members/${b.handle}`],
        ["question", "Which index?", `/questions/${question.id}`],
        ["tag", "sql", "/tags/sql"],
      ].sort(),
    ); // the idea 999 does not exist, so it is not listed
    writeTransaction((tx) => unfollow(tx, { userId: a.id, kind: "question", targetId: question.id }));
    expect(isFollowing(db, { userId: a.id, kind: "question", targetId: question.id })).toBe(false);
    expect(db.select().from(follows).where(eq(follows.userId, a.id)).all()).toHaveLength(3);
  });

  it("asking or answering follows the question, unless the member turned auto-follow off", async () => {
    const [asker, answerer, quiet] = [await makeUser(), await makeUser(), await makeUser()];
    setAutoFollow(quiet.id, false);
    expect(autoFollowOn(quiet.id)).toBe(false);
    const q = createQuestion({ authorId: asker.id, title: "Auto follow?", body: "Body text here", tags: ["x"] });
    createAnswer({ authorId: answerer.id, questionId: q.id, body: "An answer with words" });
    createAnswer({ authorId: quiet.id, questionId: q.id, body: "Another answer here" });
    const quietQuestion = createQuestion({ authorId: quiet.id, title: "Quiet", body: "Body text here", tags: ["x"] });
    expect(followersOf(db, "question", q.id).sort()).toEqual([asker.id, answerer.id].sort());
    expect(followersOf(db, "question", quietQuestion.id)).toEqual([]);
    const auto = db.select().from(follows).where(eq(follows.userId, asker.id)).get();
    expect(auto?.auto).toBe(true);
  });

  it("a new answer tells the question's followers once, and the asker only by the answer notification", async () => {
    const [asker, follower, answerer] = [await makeUser(), await makeUser(), await makeUser()];
    const q = createQuestion({ authorId: asker.id, title: "Followed question", body: "Body text here", tags: ["y"] });
    setFollowing({ userId: follower.id, kind: "question", targetId: q.id, value: true });
    writeTransaction((tx) => setChannels(tx, follower.id, { followed_question: "email" }));
    const answer = createAnswer({ authorId: answerer.id, questionId: q.id, body: "Try this, @" + follower.handle })!;
    const toFollower = notificationsOf(follower.id);
    expect(toFollower).toHaveLength(1); // mentioned and following: told once
    const toAsker = notificationsOf(asker.id);
    expect(toAsker.map((n) => n.kind)).toEqual(["answer"]); // asks, so follows, but is told once
    expect(toAsker[0].dedupeKey).toBe(`post:${answer.id}`);
    // The answerer follows the question now and is told of the next answer, in the app and by email as chosen.
    writeTransaction((tx) => setChannels(tx, answerer.id, { followed_question: "email" }));
    const second = createAnswer({ authorId: follower.id, questionId: q.id, body: "A second answer here" })!;
    const toAnswerer = notificationsOf(answerer.id);
    expect(toAnswerer.map((n) => [n.kind, n.dedupeKey])).toEqual([["followed_question", `post:${second.id}`]]);
    expect(
      db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `notification-email:${toAnswerer[0].id}`))
        .get(),
    ).toBeDefined();
    // An asker who turned answers off is not told by following their own question instead.
    writeTransaction((tx) => setChannels(tx, asker.id, { answer: "off" }));
    createAnswer({ authorId: answerer.id, questionId: q.id, body: "A third answer here" });
    expect(notificationsOf(asker.id)).toHaveLength(2);
  });

  it("a followed tag's new question is told in the app and in the digest, never one email per post", async () => {
    const now = new Date("2026-11-23T08:00:00Z");
    const joined = new Date(now.getTime() - 60 * DAY_MS);
    const follower = await makeUser({ name: "Tag Follower", createdAt: joined });
    const author = await makeUser({ createdAt: joined });
    createQuestion({
      authorId: author.id,
      title: "Older post",
      body: "Body text here",
      tags: ["lakehouse"],
      now: new Date(now.getTime() - 30 * DAY_MS),
    });
    setFollowing({ userId: follower.id, kind: "tag", targetId: getTagByName("lakehouse")!.id, value: true });
    setFollowing({ userId: follower.id, kind: "member", targetId: author.id, value: true });
    // Even a member who asks for email for this kind gets none per post: the digest is its email.
    writeTransaction((tx) => setChannels(tx, follower.id, { following: "email" }));
    const q = createQuestion({
      authorId: author.id,
      title: "Delta or Iceberg for the lakehouse?",
      body: "Which table format do you use?",
      tags: ["lakehouse"],
      now: new Date(now.getTime() - DAY_MS),
    });
    const told = notificationsOf(follower.id).filter((n) => n.dedupeKey === `post:${q.id}`);
    expect(told.map((n) => n.kind)).toEqual(["following"]); // follows tag and author: once
    expect(
      db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `notification-email:${told[0].id}`))
        .all(),
    ).toEqual([]);

    db.update(jobs).set({ status: "done" }).where(eq(jobs.kind, "notification-email")).run();
    scheduleWeeklyDigest(now);
    await runDueJobs(JOB_HANDLERS, { now: () => now.getTime() + 1000 });
    const digestJob = db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, "digest-email"), eq(jobs.key, `digest-email:2026-11-23:${follower.id}`)))
      .get();
    expect(digestJob?.status).toBe("done");
    const mail = fs.readdirSync(outboxDir()).filter((f) => f === `digest-email-2026-11-23-${follower.id}.eml`);
    expect(mail).toHaveLength(1);
    const digest = fs.readFileSync(`${outboxDir()}/${mail[0]}`, "utf8").replace(/=\r\n/g, "");
    expect(digest).toContain("Delta or Iceberg for the lakehouse?");
    expect(digest).not.toContain("Older post"); // before the digest's week
    expect(fs.readdirSync(outboxDir())).not.toContain(`notification-email-${told[0].id}.eml`);
  });

  it("a followed tag's new idea is in the digest; a followed question taken down leaves the /settings list", async () => {
    const follower = await makeUser();
    const author = await makeUser();
    const vendor = await makeOrganisation({ kind: "vendor" });
    const question = createQuestion({ authorId: author.id, title: "Soon hidden", body: "Body text here", tags: [] });
    setFollowing({ userId: follower.id, kind: "question", targetId: question.id, value: true });
    const idea = createIdea({
      authorId: author.id,
      orgId: vendor.id,
      title: "Scheduled exports",
      body: "Every Monday.",
      tags: ["digest-ideas"],
    });
    const since = new Date(Date.now() - DAY_MS);
    expect(digestContent(follower.id, since).following).toEqual([]);
    setFollowing({ userId: follower.id, kind: "tag", targetId: getTagByName("digest-ideas")!.id, value: true });
    expect(digestContent(follower.id, since).following.map((p) => p.id)).toEqual([idea.id]);
    expect(followsOf(follower.id).map((f) => f.name)).toContain("Soon hidden");
    setPostDeleted({ postId: question.id, deleted: true, actorId: author.id });
    expect(followsOf(follower.id).map((f) => f.name)).not.toContain("Soon hidden");
  });

  it("an answer approved after its question was taken down tells the question's followers nothing", async () => {
    const [asker, follower, newcomer, lead] = [
      await makeUser(),
      await makeUser(),
      await makeUser(),
      await makeUser({ role: "lead" }),
    ];
    const question = createQuestion({
      authorId: asker.id,
      title: "Taken down later",
      body: "Body text here",
      tags: [],
    });
    setFollowing({ userId: follower.id, kind: "question", targetId: question.id, value: true });
    db.update(users).set({ reviewPosts: true }).where(eq(users.id, newcomer.id)).run();
    const answer = createAnswer({
      authorId: newcomer.id,
      questionId: question.id,
      body: "Held for review.",
      screen: true,
    })!;
    expect(answer.status).toBe("held");
    decide({ postId: question.id, moderatorId: lead.id, decision: "hide" });
    decide({ postId: answer.id, moderatorId: lead.id, decision: "dismiss" });
    expect(notificationsOf(follower.id).filter((n) => n.kind === "followed_question")).toEqual([]);
  });

  it("erasing a member removes what they follow and who follows them", async () => {
    const [fan, gone] = [await makeUser(), await makeUser()];
    setFollowing({ userId: fan.id, kind: "member", targetId: gone.id, value: true });
    setFollowing({ userId: gone.id, kind: "member", targetId: fan.id, value: true });
    expect(eraseMember({ userId: gone.id, actorId: gone.id, deletePosts: false }).ok).toBe(true);
    expect(followersOf(db, "member", gone.id)).toEqual([]);
    expect(followsOf(gone.id)).toEqual([]);
  });

  it("a followed meetup's change reaches its followers, once each, as it does those going", async () => {
    const [host, fan, goer] = [await makeUser({ role: "expert" }), await makeUser(), await makeUser()];
    const startsAt = new Date(Date.now() + 5 * DAY_MS);
    const event = createEvent({
      title: "Followed meetup",
      description: "Talks.",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      timezone: "Europe/Amsterdam",
      venue: "Hal 3",
      address: "Kade 1",
      city: "Utrecht",
      onlineUrl: "",
      capacity: null,
      rsvpDeadline: null,
      tags: [],
      hostIds: [host.id],
      createdBy: host.id,
    });
    setFollowing({ userId: fan.id, kind: "event", targetId: event.id, value: true });
    setFollowing({ userId: goer.id, kind: "event", targetId: event.id, value: true });
    rsvp({ eventId: event.id, userId: goer.id, status: "going" });
    cancelEvent(event.id, { actorId: host.id });
    for (const member of [fan, goer]) expect(notificationsOf(member.id).map((n) => n.kind)).toEqual(["event_changed"]);
  });
});
