/**
 * Issue 8, budget: the health rollups cost O(1) per new activity. recordActivity runs the same fixed set
 * of statements whether the member, tag and community have no history or thousands of activities, and
 * none of them reads the activity log.
 */
import { describe, expect, it } from "vitest";
import { CONTRIBUTION_WEIGHTS } from "~/health/weights";
import { db } from "~/utils/db.server";
import { communityWeek } from "~/utils/time";
import { addToOrganisation, createRandom, makeOrganisation, makeUser } from "../../test/factories";
import { recordActivity } from "./activity.server";
import { acceptAnswer, castVote } from "./post-votes.server";
import { createAnswer, createArticle, createComment, createQuestion } from "./post.server";

function statementsOf(fn: () => void) {
  const proto = Object.getPrototypeOf(db.$client.prepare("select 1")) as Record<string, (...a: unknown[]) => unknown>;
  const methods = ["all", "get", "run", "iterate"] as const;
  const originals = Object.fromEntries(methods.map((m) => [m, proto[m]]));
  const seen: string[] = [];
  for (const method of methods) {
    proto[method] = function (this: { source: string }, ...params: unknown[]) {
      seen.push(this.source);
      return originals[method].apply(this, params);
    };
  }
  try {
    fn();
  } finally {
    for (const method of methods) proto[method] = originals[method];
  }
  return seen;
}

describe("health rollups per activity", () => {
  it("cost the same few statements with no history and with thousands of activities", async () => {
    const member = await makeUser();
    const tagIds = db.$client
      .prepare("insert into tags (name, description) values ('rollup-a', ''), ('rollup-b', '') returning id")
      .pluck()
      .all() as number[];
    const record = (at: Date) =>
      db.transaction((tx) => recordActivity(tx, { actorId: member.id, verb: "answer", tagIds, at }));
    const first = statementsOf(() => record(new Date("2026-01-05T10:00:00Z")));
    for (let i = 0; i < 3000; i++) record(new Date(Date.parse("2026-01-05T10:00:00Z") + i * 3_600_000));
    const later = statementsOf(() => record(new Date("2026-06-01T10:00:00Z")));
    console.info(`${first.length} statements per activity with two tags`);
    expect(later).toEqual(first);
    // Eleven with member_days, the daily rollup the member rule reads, and two deletes by key of the stored
    // member passes and weekly verdicts a write may void (docs/health.md, "How the report is made").
    expect(first.length).toBeLessThanOrEqual(13);
    expect(first.filter((s) => /from\s+"?activities"?/i.test(s))).toEqual([]);
  });
});

describe("member-by-tag rollup", () => {
  it("stays in step with the activity log: every (tag, week, member) recomputed from the log matches", async () => {
    const random = createRandom(17);
    const org = makeOrganisation();
    const members = [];
    for (let i = 0; i < 6; i++) members.push(await makeUser());
    for (const m of members.slice(0, 3)) addToOrganisation({ orgId: org.id, userId: m.id, relation: "employee" });
    const tags = ["mtw-exports", "mtw-lineage", "mtw-quality"];
    // Twenty weeks of posts at random hours (some on Sunday nights, across the week boundary), with answers,
    // comments, votes, and acceptances that move to another answer (a withdrawn acceptance subtracts).
    const start = Date.parse("2026-02-02T00:00:00Z");
    const at = () => new Date(start + Math.floor(random.next() * 140 * 24) * 3_600_000);
    for (let i = 0; i < 40; i++) {
      const author = random.pick(members);
      const own = tags.filter(() => random.next() < 0.5);
      const time = at();
      if (random.next() < 0.3) {
        const article = createArticle({
          authorId: author.id,
          title: `Article ${i} on rollups`,
          summary: "A summary.",
          body: "Some words.",
          tags: own,
          now: time,
        });
        createComment({ authorId: random.pick(members).id, postId: article.id, body: "Nice one.", now: time });
        continue;
      }
      const q = createQuestion({
        authorId: author.id,
        title: `Question ${i} on rollups`,
        body: "Why?",
        tags: own,
        now: time,
      });
      const answers = members
        .filter((m) => m.id !== author.id && random.next() < 0.4)
        .map((m, k) =>
          createAnswer({
            authorId: m.id,
            questionId: q.id,
            body: `Answer ${k}.`,
            now: new Date(time.getTime() + (k + 1) * 3_600_000),
          }),
        );
      for (const a of answers.map((x) => x!))
        castVote({ userId: author.id, postId: a.id, value: 1, now: new Date(time.getTime() + 10 * 3_600_000) });
      for (const [k, a] of answers
        .slice(0, 2)
        .map((x) => x!)
        .entries())
        acceptAnswer({
          questionId: q.id,
          answerId: a.id,
          askerId: author.id,
          now: new Date(time.getTime() + (20 + k) * 3_600_000),
        });
    }

    // From scratch: every activity with a weight, once per tag of its post, by the app's weights and weeks.
    const log = db.$client
      .prepare(
        "select a.actor_id as userId, a.verb, a.created_at as at, t.tag_id as tagId from activities a join activity_tags t on t.activity_id = a.id",
      )
      .all() as { userId: number; verb: keyof typeof CONTRIBUTION_WEIGHTS; at: number; tagId: number }[];
    const expected = new Map<string, { weighted: number; contributions: number }>();
    for (const row of log) {
      const weight = CONTRIBUTION_WEIGHTS[row.verb] ?? 0;
      if (!weight) continue;
      const key = `${row.tagId} ${communityWeek(row.at)} ${row.userId}`;
      const cell = expected.get(key) ?? { weighted: 0, contributions: 0 };
      cell.weighted += weight;
      cell.contributions += Math.sign(weight);
      expected.set(key, cell);
    }
    const kept = db.$client
      .prepare("select tag_id as tagId, week, user_id as userId, weighted, contributions from member_tag_weeks")
      .all() as { tagId: number; week: string; userId: number; weighted: number; contributions: number }[];
    const actual = new Map(
      kept.map((r) => [`${r.tagId} ${r.week} ${r.userId}`, { weighted: r.weighted, contributions: r.contributions }]),
    );
    expect(log.some((r) => r.verb === "answer_unaccepted")).toBe(true);
    expect(expected.size).toBeGreaterThan(50);
    expect(actual).toEqual(expected);

    // The tag and organisation rollups, written in the same statements' style, add up to the same sums.
    const sums = (query: string) =>
      db.$client.prepare(query).all() as { key: number; week: string; weighted: number; contributions: number }[];
    expect(sums("select tag_id as key, week, weighted, contributions from tag_weeks order by 1, 2")).toEqual(
      sums(
        "select tag_id as key, week, sum(weighted) as weighted, sum(contributions) as contributions from member_tag_weeks group by 1, 2 order by 1, 2",
      ),
    );
    expect(sums("select org_id as key, week, weighted, contributions from org_weeks order by 1, 2")).toEqual(
      sums(
        `select ${org.id} as key, week, sum(weighted) as weighted, sum(contributions) as contributions from member_weeks
         where user_id in (${members
           .slice(0, 3)
           .map((m) => m.id)
           .join(", ")}) and weighted != 0 group by 2 order by 1, 2`,
      ),
    );
  });
});
