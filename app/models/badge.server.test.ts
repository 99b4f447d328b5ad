import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, notifications, userBadges } from "~db/schema";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { awardBadges, badgeOverview, badgesOf, shownBadgesOf } from "./badge.server";
import { acceptAnswer, castVote } from "./post-votes.server";
import { createAnswer, createQuestion } from "./post.server";

describe("badges", () => {
  it("are awarded once by a job that can run twice; 10 accepted answers in a tag make a Tag Expert", async () => {
    const expert = await makeUser({ name: "Kube Expert" });
    const asker = await makeUser();
    const voter = await makeUser();
    for (let i = 0; i < 10; i++) {
      const question = createQuestion({
        authorId: asker.id,
        title: `Kubernetes question number ${i} here`,
        body: "Pods keep restarting.",
        tags: ["kubernetes"],
      });
      const answer = createAnswer({
        authorId: expert.id,
        questionId: question.id,
        body: `Check the liveness probe, case ${i}.`,
      })!;
      acceptAnswer({ questionId: question.id, answerId: answer.id, askerId: asker.id });
      if (i === 0) castVote({ userId: voter.id, postId: answer.id, value: 1 });
    }
    const first = awardBadges();
    const set = () =>
      db
        .select({ userId: userBadges.userId, badge: userBadges.badge, tag: userBadges.tag })
        .from(userBadges)
        .orderBy(userBadges.id)
        .all();
    const afterFirst = set();
    expect(first).toBe(afterFirst.length);
    expect(awardBadges()).toBe(0);
    expect(set()).toEqual(afterFirst);

    expect(
      badgesOf(expert.id)
        .map((b) => `${b.badge}:${b.tag}`)
        .sort(),
    ).toEqual(["first_answer:", "tag_expert:kubernetes", "teacher:"]);
    expect(badgesOf(asker.id)).toEqual([]);
    // Each award is an activity and a notification.
    const logged = db
      .select()
      .from(activities)
      .where(and(eq(activities.actorId, expert.id), eq(activities.verb, "badge")))
      .all();
    expect(logged).toHaveLength(3);
    const told = db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, expert.id), eq(notifications.kind, "badge")))
      .all();
    expect(told.map((n) => n.title).sort()).toEqual(["first_answer", "tag_expert:kubernetes", "teacher"]);
  });

  it("a member with 9 accepted answers in a tag is not yet its expert", async () => {
    const nearly = await makeUser();
    const asker = await makeUser();
    for (let i = 0; i < 9; i++) {
      const question = createQuestion({
        authorId: asker.id,
        title: `Terraform question number ${i} here`,
        body: "State is locked.",
        tags: ["terraform"],
      });
      const answer = createAnswer({
        authorId: nearly.id,
        questionId: question.id,
        body: `Force-unlock it, case ${i}.`,
      })!;
      acceptAnswer({ questionId: question.id, answerId: answer.id, askerId: asker.id });
    }
    awardBadges();
    expect(badgesOf(nearly.id).map((b) => b.badge)).not.toContain("tag_expert");
  });

  it("Tag Expert is per tag with levels: 25 accepted answers in sql make silver there, 20 upvoted posts make bronze in another tag", async () => {
    const expert = await makeUser({ name: "Sql Silver" });
    const asker = await makeUser();
    const voter = await makeUser();
    for (let i = 0; i < 25; i++) {
      const question = createQuestion({
        authorId: asker.id,
        title: `Window function question ${i} here`,
        body: "Ranking per customer.",
        tags: ["sql"],
      });
      const answer = createAnswer({
        authorId: expert.id,
        questionId: question.id,
        body: `Use row_number, case ${i}.`,
      })!;
      acceptAnswer({ questionId: question.id, answerId: answer.id, askerId: asker.id });
    }
    for (let i = 0; i < 20; i++) {
      const question = createQuestion({
        authorId: asker.id,
        title: `Dashboard question number ${i} here`,
        body: "Slow tiles.",
        tags: ["dashboards"],
      });
      const answer = createAnswer({
        authorId: expert.id,
        questionId: question.id,
        body: `Cache the tile, case ${i}.`,
      })!;
      castVote({ userId: voter.id, postId: answer.id, value: 1 });
    }
    awardBadges();
    const held = badgesOf(expert.id)
      .filter((b) => b.tag)
      .map((b) => `${b.badge}:${b.tag}`)
      .sort();
    expect(held).toEqual(["tag_expert:dashboards", "tag_expert:sql", "tag_expert_silver:sql"]);
    // The profile shows each tag once, at its highest level.
    expect(
      shownBadgesOf(expert.id)
        .filter((b) => b.tag)
        .map((b) => `${b.tier}:${b.tag}`)
        .sort(),
    ).toEqual(["bronze:dashboards", "silver:sql"]);
    // /badges lists per-tag badges per tag, with their holders.
    const bronze = badgeOverview().find((b) => b.id === "tag_expert")!;
    expect(bronze.tags.find((t) => t.tag === "sql")?.holders.map((h) => h.name)).toContain("Sql Silver");
    expect(bronze.tags.find((t) => t.tag === "dashboards")?.holders.map((h) => h.name)).toContain("Sql Silver");
    expect(
      badgeOverview()
        .find((b) => b.id === "tag_expert_gold")!
        .tags.some((t) => t.holders.some((h) => h.name === "Sql Silver")),
    ).toBe(false);
    // Each level is its own award: an activity and a notification.
    const told = db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, expert.id), eq(notifications.kind, "badge")))
      .all();
    expect(
      told
        .map((n) => n.title)
        .filter((t) => t.includes(":"))
        .sort(),
    ).toEqual(["tag_expert:dashboards", "tag_expert:sql", "tag_expert_silver:sql"]);
  });
});
