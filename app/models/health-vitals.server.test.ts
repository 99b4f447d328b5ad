/**
 * A tag's and an organisation's own vital signs (filtered /health) come from their rollups; here they are
 * checked against the same signs computed from scratch: the activity log, the posts and the visits.
 */
import { describe, expect, it } from "vitest";
import { addToOrganisation, createRandom, makeOrganisation, makeUser } from "../../test/factories";
import { completeWeeks } from "~/health/series";
import { PERIODS, questionWeeks, visitWindows, vitalWeeks, type VitalRows } from "~/health/vitals";
import { CONTRIBUTION_WEIGHTS, PARTICIPATION_VERBS } from "~/health/weights";
import { db } from "~/utils/db.server";
import { communityWeek } from "~/utils/time";
import { scopedVitals } from "./health-vitals.server";
import { castVote } from "./post-votes.server";
import { createAnswer, createComment, createQuestion } from "./post.server";
import { recordVisit } from "./visit.server";

const now = new Date("2027-02-17T12:00:00Z");
const HOUR = 3_600_000;

type Log = { userId: number; verb: string; at: number; tagId: number | null };

/** vitalWeeks over rows counted from the log: per week, the chosen members' weighted sums, who contributed, who only took part. */
function fromScratch(log: Log[], questions: { at: number; answeredAt: number | null }[], visits: VitalRows["visits"]) {
  const weeks = completeWeeks(now, 2 * Math.max(...PERIODS));
  const cells = new Map<string, { weighted: number; participations: number }>();
  for (const a of log) {
    const key = `${communityWeek(a.at)} ${a.userId}`;
    const cell = cells.get(key) ?? { weighted: 0, participations: 0 };
    cell.weighted += CONTRIBUTION_WEIGHTS[a.verb as keyof typeof CONTRIBUTION_WEIGHTS] ?? 0;
    cell.participations += PARTICIPATION_VERBS.includes(a.verb as never) ? 1 : 0;
    cells.set(key, cell);
  }
  const rollups = new Map<string, { week: string; weighted: number; active: number; readers: number }>();
  const firstWeek = new Map<number, string>();
  for (const [key, cell] of [...cells].sort()) {
    const [week, user] = key.split(" ");
    const row = rollups.get(week) ?? { week, weighted: 0, active: 0, readers: 0 };
    row.weighted += cell.weighted;
    if (cell.weighted > 0) row.active++;
    else if (cell.participations > 0) row.readers++;
    rollups.set(week, row);
    if (cell.weighted > 0 && (!firstWeek.has(+user) || firstWeek.get(+user)! > week)) firstWeek.set(+user, week);
  }
  const newContributors = new Map<string, number>();
  for (const week of firstWeek.values()) newContributors.set(week, (newContributors.get(week) ?? 0) + 1);
  return vitalWeeks(now, weeks, {
    rollups: [...rollups.values()],
    newContributors: [...newContributors].map(([week, n]) => ({ week, n })),
    checkIns: [],
    questions: questionWeeks(
      questions.map((q) => [q.at, q.answeredAt]),
      (at) => communityWeek(at),
      now,
    ),
    visits,
  });
}

describe("a tag's and an organisation's own vital signs", () => {
  it("equal the same signs computed from the activity log, the posts and the visits", async () => {
    const random = createRandom(23);
    const org = makeOrganisation();
    const members = [];
    for (let i = 0; i < 8; i++) members.push(await makeUser());
    for (const m of members.slice(0, 4)) addToOrganisation({ orgId: org.id, userId: m.id, relation: "employee" });
    const tags = ["vit-exports", "vit-lineage"];
    // Sixty weeks of questions, answers, comments and votes at random hours; some questions stay unanswered.
    const span = 60 * 7 * 24;
    for (let i = 0; i < 120; i++) {
      const at = new Date(now.getTime() - Math.floor(random.next() * span) * HOUR);
      const author = random.pick(members);
      const q = createQuestion({
        authorId: author.id,
        title: `Vital question ${i}`,
        body: "How?",
        tags: tags.filter(() => random.next() < 0.6),
        now: at,
      });
      for (const m of members.filter((m) => m.id !== author.id && random.next() < 0.15)) {
        const when = new Date(at.getTime() + random.int(1, 96) * HOUR);
        if (when > now) continue;
        const answer = createAnswer({ authorId: m.id, questionId: q.id, body: "Like so.", now: when })!;
        if (random.next() < 0.5) castVote({ userId: author.id, postId: answer.id, value: 1, now: when });
        if (random.next() < 0.3) createComment({ authorId: author.id, postId: answer.id, body: "Thanks!", now: when });
      }
    }
    // A newcomer to the tag and the organisation, ten weeks ago.
    const late = await makeUser();
    addToOrganisation({ orgId: org.id, userId: late.id, relation: "employee" });
    members.push(late);
    createQuestion({
      authorId: late.id,
      title: "A newcomer's question",
      body: "Hi?",
      tags: [tags[0]],
      now: new Date(now.getTime() - 70 * 24 * HOUR),
    });
    for (const m of members)
      for (let d = 0; d < 40; d++) if (random.next() < 0.3) recordVisit(m.id, new Date(now.getTime() - d * 24 * HOUR));

    const log = db.$client
      .prepare(
        "select a.actor_id as userId, a.verb, a.created_at as at, t.tag_id as tagId from activities a left join activity_tags t on t.activity_id = a.id",
      )
      .all() as Log[];
    const questions = db.$client
      .prepare(
        "select p.id, p.author_id as authorId, p.created_at as at, p.first_answer_at as answeredAt, t.tag_id as tagId from posts p left join post_tags t on t.post_id = p.id where p.kind = 'question' and p.status = 'published'",
      )
      .all() as { id: number; authorId: number; at: number; answeredAt: number | null; tagId: number | null }[];

    // The tag: contributions in it (votes and visits belong to no tag: readers and DAU/MAU unknown).
    const tagId = db.$client.prepare("select id from tags where name = ?").pluck().get(tags[0]) as number;
    const tag = scopedVitals(now, { tagId });
    const tagLog = log.filter((a) => a.tagId === tagId && CONTRIBUTION_WEIGHTS[a.verb as "answer"]);
    const expected = fromScratch(
      tagLog,
      questions.filter((q) => q.tagId === tagId),
      [],
    ).map((v) => ({ ...v, readersPerProducer: null, dauMau: null }));
    expect(tag.unknown).toEqual(["readersPerProducer", "dauMau"]);
    expect(tag.vitals).toEqual(expected);
    expect(tag.vitals.filter((v) => v.active > 0).length).toBeGreaterThan(10);
    expect(tag.vitals.some((v) => v.newContributors > 0)).toBe(true);
    expect(tag.vitals.some((v) => v.returning > 0)).toBe(true);

    // The organisation: its members' contributions and participations, questions and visits.
    const ids = new Set([...members.slice(0, 4), late].map((m) => m.id));
    const ownVisits = (from: string, to: string, distinct: boolean) => {
      const rows = db.$client.prepare("select user_id as userId, day from user_visits").all() as {
        userId: number;
        day: string;
      }[];
      const inWindow = rows.filter((r) => ids.has(r.userId) && r.day >= from && r.day <= to);
      return distinct ? new Set(inWindow.map((r) => r.userId)).size : inWindow.length;
    };
    const weeks = completeWeeks(now, 2 * Math.max(...PERIODS));
    const visits = visitWindows(now, weeks).map((w) => ({
      key: w.key,
      daily: ownVisits(w.from, w.to, false),
      monthly: ownVisits(w.monthFrom, w.to, true),
    }));
    const seen = new Set<string>();
    const orgLog = log.filter((a) => {
      // An activity with two tags is in the log twice (the join): once here.
      const key = `${a.userId} ${a.verb} ${a.at}`;
      if (!ids.has(a.userId) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const orgQuestions = [...new Map(questions.filter((q) => ids.has(q.authorId)).map((q) => [q.id, q])).values()];
    const own = scopedVitals(now, { orgId: org.id });
    expect(own.unknown).toEqual([]);
    expect(own.vitals).toEqual(fromScratch(orgLog, orgQuestions, visits));
    expect(own.vitals.some((v) => v.readersPerProducer! > 0)).toBe(true);
    expect(own.vitals.at(-1)!.dauMau).toBeGreaterThan(0);
  });
});
