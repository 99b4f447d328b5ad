import fs from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reputationMonths, tagStandingCounts, tagStandingTotals } from "~db/schema";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { acceptAnswer, castVote } from "./post-votes.server";
import { createAnswer, createArticle, createQuestion, setPostDeleted } from "./post.server";
import { eraseMember } from "./privacy.server";
import { monthlyReputation, reputationMismatches, rollupMismatches, tagStandings } from "./reputation.server";

const NOW = new Date("2026-11-20T10:00:00Z");
const monthsAgo = (n: number) => new Date(Date.UTC(2026, 10 - n, 12, 10));

/** The chart as the ledger gives it, read the slow way. */
function chartFromLedger(userId: number) {
  const rows = db.all<{ month: string; points: number }>(sql`
    select strftime('%Y-%m', created_at / 1000, 'unixepoch') as month, sum(points) as points
    from reputation_events where user_id = ${userId} group by 1`);
  const byMonth = new Map(rows.map((r) => [r.month, r.points]));
  return monthlyReputation(userId, { now: NOW }).map(({ month }) => ({ month, points: byMonth.get(month) ?? 0 }));
}

/** Standings as tag_reputation gives them, counting every member of the tag. */
function standingsFromTagReputation(userId: number) {
  return db
    .all<{ tag: string; points: number; acceptedAnswers: number; above: number; total: number }>(
      sql`
    select t.name as tag, m.points, m.accepted_answers as acceptedAnswers,
      (select count(*) from tag_reputation o where o.tag_id = m.tag_id and o.points > m.points) as above,
      (select count(*) from tag_reputation o where o.tag_id = m.tag_id and o.points > 0) as total
    from tag_reputation m join tags t on t.id = m.tag_id
    where m.user_id = ${userId} and m.points > 0
    order by m.points desc limit 6`,
    )
    .map(({ above, total, ...row }) => ({
      ...row,
      rank: above + 1,
      of: total,
      topPercent: Math.max(1, Math.ceil(((above + 1) / total) * 100)),
    }));
}

function expectRollupsAgree(memberIds: number[]) {
  expect(rollupMismatches()).toEqual({ months: [], standings: [], totals: [] });
  expect(reputationMismatches()).toEqual([]);
  for (const id of memberIds) {
    expect(monthlyReputation(id, { now: NOW }), `chart of ${id}`).toEqual(chartFromLedger(id));
    expect(tagStandings(id), `standings of ${id}`).toEqual(standingsFromTagReputation(id));
  }
}

/** Several members earning and losing points over several months in two tags (one question carries both). */
async function community() {
  const members = await Promise.all([1, 2, 3, 4, 5, 6].map(() => makeUser()));
  const [asker, a, b, c, voter1, voter2] = members;
  const both = createQuestion({
    authorId: asker.id,
    title: "Rolling upgrades of a database cluster",
    body: "How do we upgrade without downtime?",
    tags: ["postgres", "kubernetes"],
    now: monthsAgo(3),
  });
  const one = createQuestion({
    authorId: asker.id,
    title: "Vacuum settings for a busy table",
    body: "Autovacuum never keeps up.",
    tags: ["postgres"],
    now: monthsAgo(2),
  });
  const answer = (authorId: number, questionId: number, body: string, now: Date) =>
    createAnswer({ authorId, questionId, body, now })!;
  const answers = {
    a1: answer(a.id, both.id, "One replica at a time, then fail over.", monthsAgo(3)),
    b1: answer(b.id, both.id, "Use logical replication to a new cluster.", monthsAgo(3)),
    c1: answer(c.id, one.id, "Lower the scale factor for that table.", monthsAgo(2)),
    a2: answer(a.id, one.id, "Partition it so each part vacuums quickly.", monthsAgo(2)),
  };
  const article = createArticle({
    authorId: c.id,
    title: "What we learnt running Postgres on Kubernetes",
    body: "Operators help, storage is the hard part.",
    summary: "Storage is the hard part.",
    tags: ["kubernetes"],
    now: monthsAgo(1),
  });
  return { members, asker, a, b, c, voter1, voter2, both, one, answers, article };
}

describe("the profile's rollups (points per month, members per total in a tag)", () => {
  it("equal the ledger and tag_reputation after awards, undone votes, switched acceptances, deletions and erasure", async () => {
    const { members, asker, a, b, c, voter1, voter2, both, one, answers, article } = await community();
    const ids = members.map((m) => m.id);
    expectRollupsAgree(ids);

    castVote({ userId: voter1.id, postId: answers.a1.id, value: 1, now: monthsAgo(3) });
    castVote({ userId: voter2.id, postId: answers.a1.id, value: 1, now: monthsAgo(2) });
    castVote({ userId: voter1.id, postId: answers.b1.id, value: 1, now: monthsAgo(2) });
    castVote({ userId: voter2.id, postId: answers.c1.id, value: -1, now: monthsAgo(1) });
    castVote({ userId: voter1.id, postId: article.id, value: 1, now: monthsAgo(1) });
    castVote({ userId: voter2.id, postId: article.id, value: 1, now: NOW });
    acceptAnswer({ questionId: both.id, answerId: answers.b1.id, askerId: asker.id, now: monthsAgo(2) });
    acceptAnswer({ questionId: one.id, answerId: answers.a2.id, askerId: asker.id, now: monthsAgo(1) });
    expectRollupsAgree(ids);
    // Two members tied in postgres at 25 (a: 10 + 15; b: 10 + 15), one below: ranks share the histogram row.
    expect(db.select().from(tagStandingCounts).all().length).toBeGreaterThan(2);
    expect(monthlyReputation(a.id, { now: NOW }).slice(-4)).toEqual([
      { month: "2026-08", points: 10 },
      { month: "2026-09", points: 10 },
      { month: "2026-10", points: 15 },
      { month: "2026-11", points: 0 },
    ]);

    // Take-backs: votes undone and turned around, an acceptance switched, a vote on a post then undone today.
    castVote({ userId: voter2.id, postId: answers.a1.id, value: 0, now: NOW });
    castVote({ userId: voter2.id, postId: answers.c1.id, value: 1, now: NOW });
    castVote({ userId: voter1.id, postId: answers.b1.id, value: -1, now: NOW });
    acceptAnswer({ questionId: both.id, answerId: answers.a1.id, askerId: asker.id, now: NOW });
    expectRollupsAgree(ids);
    // b fell to 0 in kubernetes and postgres: out of the counts; the undone vote shows in this month.
    expect(tagStandings(b.id)).toEqual([]);
    expect(monthlyReputation(a.id, { now: NOW }).at(-1)).toEqual({ month: "2026-11", points: -10 + 15 });

    // A deleted accepted answer gives its acceptance back.
    setPostDeleted({ postId: answers.a2.id, deleted: true, now: NOW });
    expectRollupsAgree(ids);
    // An erased member who takes their posts down: their accepted answer's points go too.
    expect(eraseMember({ userId: a.id, actorId: a.id, deletePosts: true, reason: "" }).ok).toBe(true);
    expectRollupsAgree(ids);
    expect(tagStandings(c.id).map((s) => s.tag)).toEqual(["kubernetes", "postgres"]);
  });

  it("the checks notice a rollup that drifted from what it summarises", async () => {
    const { a, voter1, answers } = await community();
    castVote({ userId: voter1.id, postId: answers.a1.id, value: 1, now: NOW });
    expect(rollupMismatches()).toEqual({ months: [], standings: [], totals: [] });
    db.update(reputationMonths)
      .set({ points: 11 })
      .where(sql`${reputationMonths.userId} = ${a.id}`)
      .run();
    const tens = db
      .select()
      .from(tagStandingCounts)
      .where(sql`${tagStandingCounts.points} = 10`)
      .all();
    db.update(tagStandingCounts)
      .set({ members: 7 })
      .where(sql`${tagStandingCounts.points} = 10`)
      .run();
    const [total] = db.select().from(tagStandingTotals).orderBy(tagStandingTotals.tagId).limit(1).all();
    db.update(tagStandingTotals)
      .set({ members: total.members + 5 })
      .where(sql`${tagStandingTotals.tagId} = ${total.tagId}`)
      .run();
    const drift = rollupMismatches();
    expect(drift.totals).toEqual([{ tagId: total.tagId, members: total.members, counted: total.members + 5 }]);
    db.update(tagStandingTotals)
      .set({ members: total.members })
      .where(sql`${tagStandingTotals.tagId} = ${total.tagId}`)
      .run();
    expect(drift.months).toEqual([{ userId: a.id, month: "2026-11", ledger: 10, rollup: 11 }]);
    expect(drift.standings.map((s) => [s.points, s.counted])).toEqual([
      [10, 7],
      [10, 7],
    ]);
    db.update(reputationMonths)
      .set({ points: 10 })
      .where(sql`${reputationMonths.userId} = ${a.id}`)
      .run();
    for (const row of tens)
      db.update(tagStandingCounts)
        .set({ members: row.members })
        .where(sql`${tagStandingCounts.tagId} = ${row.tagId} and ${tagStandingCounts.points} = 10`)
        .run();
    expect(rollupMismatches()).toEqual({ months: [], standings: [], totals: [] });
  });

  it("migration 0030 fills them from an existing ledger with the same figures", async () => {
    const { members, asker, voter1, voter2, both, answers, article } = await community();
    castVote({ userId: voter1.id, postId: answers.a1.id, value: 1, now: monthsAgo(3) });
    castVote({ userId: voter2.id, postId: answers.b1.id, value: -1, now: monthsAgo(2) });
    castVote({ userId: voter2.id, postId: article.id, value: 1, now: monthsAgo(1) });
    acceptAnswer({ questionId: both.id, answerId: answers.b1.id, askerId: asker.id, now: monthsAgo(1) });
    const ids = members.map((m) => m.id);
    const kept = {
      months: db.select().from(reputationMonths).orderBy(reputationMonths.userId, reputationMonths.month).all(),
      counts: db.select().from(tagStandingCounts).orderBy(tagStandingCounts.tagId, tagStandingCounts.points).all(),
      totals: db.select().from(tagStandingTotals).orderBy(tagStandingTotals.tagId).all(),
      shown: ids.map((id) => [monthlyReputation(id, { now: NOW }), tagStandings(id)]),
    };
    expect(kept.months.length).toBeGreaterThan(3);
    // As before the migration: the tables exist, empty; then the migration's own statements fill them.
    db.delete(reputationMonths).run();
    db.delete(tagStandingCounts).run();
    db.delete(tagStandingTotals).run();
    const migration = fs.readFileSync("db/migrations/0030_profile_rollups.sql", "utf8");
    const fills = migration
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter((s) => s.startsWith("INSERT"));
    expect(fills).toHaveLength(3);
    for (const statement of fills) db.run(sql.raw(statement));
    expect(db.select().from(reputationMonths).orderBy(reputationMonths.userId, reputationMonths.month).all()).toEqual(
      kept.months,
    );
    expect(
      db.select().from(tagStandingCounts).orderBy(tagStandingCounts.tagId, tagStandingCounts.points).all(),
    ).toEqual(kept.counts);
    expect(db.select().from(tagStandingTotals).orderBy(tagStandingTotals.tagId).all()).toEqual(kept.totals);
    expect(ids.map((id) => [monthlyReputation(id, { now: NOW }), tagStandings(id)])).toEqual(kept.shown);
    expectRollupsAgree(ids);
  });
});
