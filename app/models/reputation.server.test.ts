import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reputationEvents, users, postTags, tags } from "~db/schema";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { acceptAnswer, castVote } from "./post-votes.server";
import { createAnswer, createArticle, createQuestion, setPostDeleted } from "./post.server";
import { DAILY_VOTE_CAP, PERIODS } from "~/utils/reputation";
import { leaderboard, periodStart, reputationMismatches, tagStandings } from "./reputation.server";

const reputationOf = (id: number) => db.select({ r: users.reputation }).from(users).where(eq(users.id, id)).get()!.r;
const ledgerOf = (id: number) =>
  db
    .select()
    .from(reputationEvents)
    .where(eq(reputationEvents.userId, id))
    .all()
    .reduce((sum, e) => sum + e.points, 0);

async function thread(tag = "kubernetes") {
  const asker = await makeUser();
  const answerer = await makeUser();
  const question = createQuestion({
    authorId: asker.id,
    title: `A question about ${tag} upgrades`,
    body: "How do we upgrade without downtime?",
    tags: [tag],
  });
  const answer = createAnswer({
    authorId: answerer.id,
    questionId: question.id,
    body: "Drain one node at a time and wait.",
  })!;
  return { asker, answerer, question, answer };
}

describe("reputation ledger", () => {
  it("an upvote on an answer gives its author +10; undo returns to the previous total", async () => {
    const { answerer, answer } = await thread();
    const voter = await makeUser();
    const before = reputationOf(answerer.id);
    castVote({ userId: voter.id, postId: answer.id, value: 1 });
    expect(reputationOf(answerer.id)).toBe(before + 10);
    castVote({ userId: voter.id, postId: answer.id, value: 0 });
    expect(reputationOf(answerer.id)).toBe(before);
    castVote({ userId: voter.id, postId: answer.id, value: -1 });
    expect(reputationOf(answerer.id)).toBe(before - 2);
    expect(reputationOf(voter.id)).toBe(-1); // a downvote on an answer costs the voter 1
    castVote({ userId: voter.id, postId: answer.id, value: 1 }); // down → up in one step
    expect(reputationOf(answerer.id)).toBe(before + 10);
    expect(reputationOf(voter.id)).toBe(0);
    expect(ledgerOf(answerer.id)).toBe(reputationOf(answerer.id));
  });

  it("caps upvotes at 200 points a day; an acceptance the same day still counts", async () => {
    const author = await makeUser({ role: "expert" });
    const day = new Date("2026-11-20T10:00:00Z");
    const article = createArticle({
      authorId: author.id,
      title: "Twenty-five votes for this article",
      summary: "",
      body: "Worth reading.",
      tags: ["cap"],
      now: day,
    });
    for (let i = 0; i < 25; i++) {
      const voter = await makeUser();
      castVote({ userId: voter.id, postId: article.id, value: 1, now: new Date(day.getTime() + i * 60_000) });
    }
    expect(reputationOf(author.id)).toBe(DAILY_VOTE_CAP);
    const asker = await makeUser();
    const question = createQuestion({
      authorId: asker.id,
      title: "Same day question for the capped author",
      body: "Please help.",
      tags: ["cap"],
      now: day,
    });
    const answer = createAnswer({
      authorId: author.id,
      questionId: question.id,
      body: "Here is the answer to it.",
      now: day,
    })!;
    acceptAnswer({
      questionId: question.id,
      answerId: answer.id,
      askerId: asker.id,
      now: new Date(day.getTime() + 3_600_000),
    });
    expect(reputationOf(author.id)).toBe(DAILY_VOTE_CAP + 15);
    expect(reputationOf(asker.id)).toBe(2);
    // The next day the cap starts again.
    const voter = await makeUser();
    castVote({ userId: voter.id, postId: answer.id, value: 1, now: new Date(day.getTime() + 86_400_000) });
    expect(reputationOf(author.id)).toBe(DAILY_VOTE_CAP + 25);
  });

  it("switching the accepted answer moves the points; totals always equal the ledger", async () => {
    const { asker, answerer, question, answer } = await thread("helm");
    const other = await makeUser();
    const second = createAnswer({
      authorId: other.id,
      questionId: question.id,
      body: "Use a blue-green cluster instead.",
    })!;
    acceptAnswer({ questionId: question.id, answerId: answer.id, askerId: asker.id });
    acceptAnswer({ questionId: question.id, answerId: second.id, askerId: asker.id });
    expect(reputationOf(answerer.id)).toBe(0);
    expect(reputationOf(other.id)).toBe(15);
    expect(reputationOf(asker.id)).toBe(2);
    expect(reputationMismatches()).toEqual([]);
    expect(tagStandings(other.id)).toMatchObject([{ tag: "helm", points: 15, acceptedAnswers: 1, rank: 1 }]);
    expect(leaderboard({ period: "week", tagId: undefined }).find((r) => r.id === other.id)?.points).toBe(15);
    db.update(users).set({ reputation: 999 }).where(eq(users.id, other.id)).run();
    expect(reputationMismatches()).toMatchObject([{ id: other.id, cached: 999, ledger: 15 }]);
    db.update(users).set({ reputation: 15 }).where(eq(users.id, other.id)).run();
  });
});

describe("acceptance points", () => {
  it("go when the accepted answer is deleted and are never earned twice for one answer", async () => {
    const { asker, answerer, question, answer } = await thread("ansible");
    acceptAnswer({ questionId: question.id, answerId: answer.id, askerId: asker.id });
    expect([reputationOf(answerer.id), reputationOf(asker.id)]).toEqual([15, 2]);
    setPostDeleted({ postId: answer.id, deleted: true });
    expect([reputationOf(answerer.id), reputationOf(asker.id)]).toEqual([0, 0]);
    setPostDeleted({ postId: answer.id, deleted: false });
    acceptAnswer({ questionId: question.id, answerId: answer.id, askerId: asker.id });
    expect([reputationOf(answerer.id), reputationOf(asker.id)]).toEqual([15, 2]);
    expect(reputationMismatches()).toEqual([]);
  });
});

describe("leaderboards", () => {
  it("agree with the ledger for every period and per tag, for a fixed clock", async () => {
    const now = new Date("2026-11-25T12:00:00Z"); // a Wednesday
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);
    const people = await Promise.all(Array.from({ length: 4 }, () => makeUser({ role: "expert" })));
    // Posts in two tags, voted on 1, 5, 20, 100 and 400 days ago.
    for (const [i, daysAgo] of [1, 5, 20, 100, 400].entries()) {
      const author = people[i % 3];
      const article = createArticle({
        authorId: author.id,
        title: `Board article number ${i} here`,
        summary: "",
        body: "Content.",
        tags: [i % 2 ? "board-a" : "board-b"],
        now: at(daysAgo + 1),
      });
      for (const voter of people.filter((p) => p.id !== author.id))
        castVote({ userId: voter.id, postId: article.id, value: 1, now: at(daysAgo) });
    }
    const ledger = db.select().from(reputationEvents).all();
    const tagOf = (rootId: number | null) =>
      db
        .select({ name: tags.name })
        .from(postTags)
        .innerJoin(tags, eq(tags.id, postTags.tagId))
        .where(eq(postTags.postId, rootId ?? -1))
        .get()?.name;
    for (const period of PERIODS) {
      for (const tag of [undefined, "board-a"]) {
        const since = periodStart(period, now)?.getTime() ?? -Infinity;
        const expected = new Map<number, number>();
        for (const e of ledger) {
          if (e.createdAt.getTime() < since || e.createdAt > now || (tag && tagOf(e.rootId) !== tag)) continue;
          expected.set(e.userId, (expected.get(e.userId) ?? 0) + e.points);
        }
        const tagId = tag ? db.select().from(tags).where(eq(tags.name, tag)).get()!.id : undefined;
        const board = leaderboard({ period, tagId, now, limit: 100 }).filter((r) => people.some((p) => p.id === r.id));
        const want = [...expected].filter(([id, points]) => points > 0 && people.some((p) => p.id === id));
        expect(new Map(board.map((r) => [r.id, r.points])), `${period} ${tag ?? "all tags"}`).toEqual(new Map(want));
      }
    }
    expect(periodStart("week", now)!.toISOString()).toBe("2026-11-22T23:00:00.000Z"); // Monday 00:00 in Amsterdam
  });
});
