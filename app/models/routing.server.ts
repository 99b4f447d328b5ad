/**
 * Question routing (docs/routing.md): when a question is published a job asks the three experts most likely
 * to answer it well and soon; if it is still unanswered at its response target, a second job asks the next
 * three. Both are durable jobs keyed by question and round, and each round writes its asks in one
 * transaction that first checks the round was not written before, so a job run twice (or on two processes)
 * asks nobody twice.
 */
import { and, eq, sql } from "drizzle-orm";
import { memberOptions, questionRouting, questionRoutes, type Post } from "~db/schema";
import { db, prepared, writeTransaction, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { enqueueJob } from "~/utils/jobs.server";
import { isSilenced, isSuspended } from "~/utils/permissions";
import { DAY_MS } from "~/utils/time";
import { notify } from "./notification.server";
import { postUrl } from "./post-queries.server";
import { findPost } from "./post-write.server";

/** Experts asked per round. */
export const PER_ROUND = 3;
/** The last round: at twice the target the leads hear of it in their digest instead. */
export const LAST_ROUND = 2;
/** Standing read per tag of the question: the top members by points, and chosen expertise. */
const CANDIDATES_PER_TAG = 100;
/** Experts whose answering speed is read (the rest cannot make the top three on tags alone). */
const SPEED_READ = 12;
/** A member who contributed nothing for this long is not asked. */
const INACTIVE_DAYS = 60;
/** A routed question still open after this long no longer counts as load. */
const OPEN_DAYS = 14;
/** Bonus in tag score for each of the question's tags the member chose as expertise. */
const EXPERTISE_BONUS = 2;

export function routingSettings() {
  const e = env();
  return { targetMinutes: e.ROUTING_TARGET_HOURS * 60, dailyCap: e.ROUTING_DAILY_CAP, maxOpen: e.ROUTING_MAX_OPEN };
}

export type RankedExpert = {
  userId: number;
  handle: string;
  score: number;
  tagScore: number;
  daysSinceActive: number;
  medianAnswerHours: number | null;
  open: number;
};

type Candidate = { userId: number; tagScore: number };

type MemberFacts = {
  userId: number;
  handle: string;
  suspendedAt: number | null;
  suspendedUntil: number | null;
  silencedAt: number | null;
  silencedUntil: number | null;
  erased: number;
  routable: number;
  lastDay: string | null;
  askedToday: number;
  open: number;
  involved: number;
};

/**
 * The router's reads, prepared once (db.server's `prepared`): building and preparing them per question cost
 * more than running them. They run on the one connection, inside the round's transaction.
 */
const statements = prepared(() => {
  const sqlite = db.$client;
  return {
    tagIds: sqlite.prepare<[number], number>("select tag_id from post_tags where post_id = ?").pluck(),
    standing: sqlite.prepare<[number, number], { userId: number; points: number; accepted: number }>(
      `select user_id as userId, points, accepted_answers as accepted from tag_reputation
       where tag_id = ? and points > 0 order by points desc limit ?`,
    ),
    chosen: sqlite
      .prepare<[number, number], number>(
        `select m.user_id from member_tags m join users u on u.id = m.user_id
         where m.tag_id = ? order by u.reputation desc limit ?`,
      )
      .pluck(),
    facts: sqlite.prepare<{ ids: string; now: number; day: number; open: number; question: number }, MemberFacts>(
      `select u.id as userId, u.handle, u.suspended_at as suspendedAt, u.suspended_until as suspendedUntil,
         u.silenced_at as silencedAt, u.silenced_until as silencedUntil,
         u.erased_at is not null as erased, coalesce(o.routable, 1) as routable,
         (select max(day) from member_days d where d.user_id = u.id) as lastDay,
         (select count(*) from question_routes r where r.expert_id = u.id and r.asked_at > :day) as askedToday,
         (select count(*) from question_routes r join posts q on q.id = r.question_id
           where r.expert_id = u.id and r.asked_at > :open and q.status = 'published' and q.first_answer_at is null) as open,
         exists (select 1 from question_routes r where r.question_id = :question and r.expert_id = u.id)
           or exists (select 1 from posts a where a.parent_id = :question and a.kind = 'answer' and a.author_id = u.id
             and a.created_at <= :now)
           as involved
       from json_each(:ids) j join users u on u.id = j.value
       left join member_options o on o.user_id = u.id`,
    ),
    passDay: sqlite.prepare<[], string | null>("select max(day) from health_member_passes").pluck(),
    flagged: sqlite
      .prepare<[string, string], number>(
        // Candidate by candidate (cross join keeps that order): by day first, SQLite would pair the day's
        // thousands of verdicts with every candidate.
        `select v.user_id from json_each(?) j
         cross join health_member_verdicts v on v.day = ? and v.user_id = j.value and v.verdict <> ''`,
      )
      .pluck(),
    answerHours: sqlite
      .prepare<[number], number>(
        `select (a.created_at - q.created_at) / 3600000.0 from posts a join posts q on q.id = a.parent_id
         where a.author_id = ? and a.kind = 'answer' and a.status = 'published'
         order by a.created_at desc limit 15`,
      )
      .pluck(),
  };
});

/** Members with standing or chosen expertise in the question's tags, with their tag score. */
function tagCandidates(questionId: number): Candidate[] {
  const scores = new Map<number, number>();
  const add = (userId: number, points: number) => scores.set(userId, (scores.get(userId) ?? 0) + points);
  const { tagIds, standing, chosen } = statements();
  for (const tagId of tagIds.all(questionId)) {
    for (const s of standing.all(tagId, CANDIDATES_PER_TAG))
      add(s.userId, Math.log2(1 + s.points) + 2 * Math.min(s.accepted, 10));
    for (const userId of chosen.all(tagId, CANDIDATES_PER_TAG)) add(userId, EXPERTISE_BONUS);
  }
  return [...scores].map(([userId, tagScore]) => ({ userId, tagScore }));
}

/** What rules a candidate out or weighs them, for all candidates in one statement. */
function memberFacts(question: Post, ids: number[], now: Date): MemberFacts[] {
  const t = now.getTime();
  return statements().facts.all({
    ids: JSON.stringify(ids),
    now: t,
    day: t - DAY_MS,
    open: t - OPEN_DAYS * DAY_MS,
    question: question.id,
  });
}

/** The candidates the health rules flag as cooling or gone quiet in their latest stored pass (docs/health.md). */
function flaggedByHealth(ids: number[]) {
  const day = statements().passDay.get();
  return new Set(day ? statements().flagged.all(JSON.stringify(ids), day) : []);
}

/** Median hours from question to this member's answer, over their last 15 answers; null without any. */
function medianAnswerHours(userId: number) {
  const hours = statements()
    .answerHours.all(userId)
    .sort((a, b) => a - b);
  if (!hours.length) return null;
  const mid = Math.floor(hours.length / 2);
  return hours.length % 2 ? hours[mid] : (hours[mid - 1] + hours[mid]) / 2;
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));
const dayNumber = (day: string) => Date.parse(`${day}T12:00:00Z`) / DAY_MS;

/**
 * The experts to ask for this question, best first (docs/routing.md, "Who is asked"): standing and chosen
 * expertise in its tags, weighed by recent activity, answering speed and the routed questions already
 * waiting for them. Never its author, anyone already asked or answering it, a suspended, silenced, erased or opted-out
 * member, one the health rules flag, one inactive for INACTIVE_DAYS, nor one at the daily cap or open limit.
 */
export function rankExperts(tx: Tx, question: Post, now = new Date()): RankedExpert[] {
  const { dailyCap, maxOpen } = routingSettings();
  const candidates = tagCandidates(question.id).filter((c) => c.userId !== question.authorId);
  if (!candidates.length) return [];
  const ids = candidates.map((c) => c.userId);
  const flagged = flaggedByHealth(ids);
  const tagScore = new Map(candidates.map((c) => [c.userId, c.tagScore]));
  const today = now.getTime() / DAY_MS;
  const eligible = memberFacts(question, ids, now).flatMap((m) => {
    if (m.erased || !m.routable || m.involved || flagged.has(m.userId) || !m.lastDay) return [];
    // A silenced member cannot answer; a suspended one cannot even sign in (docs/moderation.md).
    if (isSuspended({ suspendedAt: date(m.suspendedAt), suspendedUntil: date(m.suspendedUntil) }, now.getTime()))
      return [];
    if (isSilenced({ silencedAt: date(m.silencedAt), silencedUntil: date(m.silencedUntil) }, now.getTime())) return [];
    if (m.askedToday >= dailyCap || m.open >= maxOpen) return [];
    const daysSinceActive = Math.max(0, Math.floor(today - dayNumber(m.lastDay)));
    if (daysSinceActive > INACTIVE_DAYS) return [];
    const base = tagScore.get(m.userId)! / (1 + daysSinceActive / 7) / (1 + m.open);
    return [
      { userId: m.userId, handle: m.handle, tagScore: tagScore.get(m.userId)!, daysSinceActive, open: m.open, base },
    ];
  });
  eligible.sort((a, b) => b.base - a.base || a.userId - b.userId);
  return eligible
    .slice(0, SPEED_READ)
    .map(({ base, ...m }) => {
      const medianHours = medianAnswerHours(m.userId);
      // No answers yet counts as a day: neither favoured nor ruled out.
      const speed = 1 / (1 + (medianHours ?? 24) / 24);
      return { ...m, medianAnswerHours: medianHours, score: base * speed };
    })
    .sort((a, b) => b.score - a.score || a.userId - b.userId);
}

/** Enqueues round 1 for a question that was just published (posted, or approved after being held). */
export function enqueueRouting(tx: Tx, question: Post, now: Date) {
  if (question.kind !== "question") return;
  enqueueJob(tx, {
    kind: "route-question",
    key: `route:${question.id}:1`,
    payload: { questionId: question.id, round: 1 },
    runAt: now,
  });
}

/**
 * Asks the round's experts, once: a second run of the same round (a retried or doubled job) finds its rows
 * and does nothing. Round 1 also schedules round 2 at the target. A round asks only if nobody answered yet.
 * Returns the experts asked.
 */
export function routeQuestion(questionId: number, round: number, now = new Date()): RankedExpert[] {
  return writeTransaction((tx) => {
    const question = findPost(tx, questionId);
    if (!question || question.kind !== "question" || question.status !== "published") return [];
    // Answered already (before the job ran, or before the target): nobody needs asking.
    if (question.firstAnswerAt && question.firstAnswerAt <= now) return [];
    const done = tx
      .select({ n: sql<number>`count(*)` })
      .from(questionRoutes)
      .where(and(eq(questionRoutes.questionId, questionId), eq(questionRoutes.round, round)))
      .get()!.n;
    if (done) return [];
    const routing = tx.select().from(questionRouting).where(eq(questionRouting.questionId, questionId)).get();
    if (round === 1 && routing) return [];
    if (round > 1 && !routing) return [];
    const targetMinutes = routing?.targetMinutes ?? routingSettings().targetMinutes;
    const experts = rankExperts(tx, question, now).slice(0, PER_ROUND);
    // A question nobody could be asked about is not routed: /health compares routed questions with the others.
    if (!experts.length) return [];
    if (!routing) tx.insert(questionRouting).values({ questionId, routedAt: now, targetMinutes }).run();
    for (const expert of experts) {
      tx.insert(questionRoutes)
        .values({ questionId, expertId: expert.userId, round, score: expert.score, askedAt: now })
        .run();
      notify(tx, {
        userId: expert.userId,
        kind: "routed_question",
        subject: `post:${questionId}`,
        title: question.title,
        url: postUrl(question),
        dedupeKey: `route:${questionId}`,
        at: now,
      });
    }
    if (round < LAST_ROUND) {
      const next = round + 1;
      const runAt = new Date((routing?.routedAt ?? now).getTime() + round * targetMinutes * 60_000);
      enqueueJob(tx, {
        kind: "route-question",
        key: `route:${questionId}:${next}`,
        payload: { questionId, round: next },
        runAt,
      });
    }
    // No cache to invalidate: only the asker and leads see who was asked, and their pages are never cached.
    return experts;
  });
}

/** Who was asked to answer this question, in the order they were asked. */
export function askedExperts(questionId: number) {
  return db.all<{ handle: string; name: string; round: number }>(sql`
    select u.handle, u.name, r.round from question_routes r join users u on u.id = r.expert_id
    where r.question_id = ${questionId} order by r.round, r.score desc`);
}

/** The member's "ask me to answer questions" setting (on unless they turned it off). */
export function isRoutable(userId: number) {
  return (
    db.select({ routable: memberOptions.routable }).from(memberOptions).where(eq(memberOptions.userId, userId)).get()
      ?.routable ?? true
  );
}

export function setRoutable(userId: number, routable: boolean) {
  writeTransaction((tx) =>
    tx
      .insert(memberOptions)
      .values({ userId, routable })
      .onConflictDoUpdate({ target: memberOptions.userId, set: { routable } })
      .run(),
  );
}
