/**
 * Act and learn on /health (docs/health.md, "Flagged members" and "Come-back rate"): what the data offers
 * each listed flagged member now (a meetup in their tags and city, a question in their tags waiting for an
 * answer), and how nudged members came back against similar members who were not nudged. Read fresh on
 * every view, a fixed number of queries for all listed members; the search for waiting questions is made with
 * the hourly snapshot (`waitingQuestions`) and only re-checked at the view.
 */
import { sql } from "drizzle-orm";
import { COMEBACK_DAYS, compareComeback } from "~/health/comeback";
import type { FlagHistory } from "~/health/history";
import {
  suggestedAction,
  todoTargets,
  type CauseKind,
  type SuggestedAction,
  type TodoMeetup,
  type TodoMember,
  type TodoQuestion,
} from "~/health/todo";
import { db, prepared } from "~/utils/db.server";
import { communityMidnight, DAY_MS } from "~/utils/time";
import { nudgeOutcomes } from "./health.server";

/** A question waits for an answer when it has none and is at most this old (older ones have gone cold). */
const WAITING_DAYS = 28;
/** The soonest meetups and, per tag, the longest-waiting questions, read for the matching. */
const MEETUPS_READ = 50;
const QUESTIONS_PER_TAG = 3;

/** A list of ids as one bound JSON value: hundreds of ids as SQL parameters cost more to build than to run. */
const ids = (values: number[]) => sql`select value from json_each(${JSON.stringify(values)})`;
const numbers = (csv: string | null) => (csv ? csv.split(",").map(Number) : []);

/** A question found waiting for an answer; `createdAt` in ms, to see it go cold (WAITING_DAYS) without a query. */
export type WaitingQuestion = TodoQuestion & { createdAt: number };

/**
 * Every tag's longest-waiting questions, at most QUESTIONS_PER_TAG each, longest waiting first: the search made
 * with the hourly snapshot. Driven by the 28 days' questions (kind, status, created_at index), then each one's tags
 * (reading posts by tag took 2 s at 1M posts, this way 0.1 s).
 */
export function waitingQuestions(now: Date, tagIds?: number[]): WaitingQuestion[] {
  const rows = db.all<{ id: number; title: string; authorId: number; tagId: number; createdAt: number }>(sql`
    select id, title, authorId, tagId, createdAt from (
      select p.id, p.title, p.author_id as authorId, pt.tag_id as tagId, p.created_at as createdAt,
        row_number() over (partition by pt.tag_id order by p.created_at, p.id) as n
      from posts p cross join post_tags pt on pt.post_id = p.id
      where ${tagIds ? sql`+pt.tag_id in (${ids(tagIds)})` : sql`1`} and p.kind = 'question' and p.status = 'published'
        and p.answer_count = 0 and p.created_at >= ${now.getTime() - WAITING_DAYS * DAY_MS} and p.created_at <= ${now.getTime()})
    where n <= ${QUESTIONS_PER_TAG} order by createdAt, id`);
  const byQuestion = new Map<number, WaitingQuestion>();
  for (const q of rows) {
    const seen = byQuestion.get(q.id);
    if (seen) seen.tagIds.push(q.tagId);
    else
      byQuestion.set(q.id, {
        id: q.id,
        title: q.title,
        authorId: q.authorId,
        createdAt: q.createdAt,
        tagIds: [q.tagId],
      });
  }
  return [...byQuestion.values()];
}

/** Positions in a snapshot's waiting questions by tag, made once per snapshot a process reads (it is shared). */
const byTagOf = new WeakMap<WaitingQuestion[], Map<number, number[]>>();

function waitingByTag(questions: WaitingQuestion[]) {
  let byTag = byTagOf.get(questions);
  if (!byTag) {
    byTag = new Map();
    for (const [i, q] of questions.entries())
      for (const tagId of q.tagIds) {
        const positions = byTag.get(tagId);
        if (positions) positions.push(i);
        else byTag.set(tagId, [i]);
      }
    byTagOf.set(questions, byTag);
  }
  return byTag;
}

/** Of `questions` (found earlier), those in the tags given, in the same order. */
function inTags(questions: WaitingQuestion[], tagIds: number[]) {
  const byTag = waitingByTag(questions);
  const positions = new Set(tagIds.flatMap((tagId) => byTag.get(tagId) ?? []));
  return [...positions].sort((a, b) => a - b).map((i) => questions[i]);
}

/** Of the questions `ids`, those that still wait for an answer now. */
function waitingNow(ids: number[], now: Date) {
  const rows = viewQueries().stillWaiting.all(JSON.stringify(ids), now.getTime() - WAITING_DAYS * DAY_MS);
  return new Set(rows.map((r) => r.id));
}

/**
 * Each member's target among `candidates` (found earlier) that still wait now. Those gone cold since are dropped
 * first; of the others, the chosen ones are re-checked, at most one per member, and only when one of them has been
 * answered (or hidden) since are all candidates re-checked (one query more). Re-checking every candidate on every
 * view (hundreds at 50 members) cost more than the rest of the matching.
 */
function targetsStillWaiting(members: TodoMember[], meetups: TodoMeetup[], candidates: WaitingQuestion[], now: Date) {
  const cutoff = now.getTime() - WAITING_DAYS * DAY_MS;
  const warm = candidates.filter((q) => q.createdAt >= cutoff);
  const first = todoTargets(members, meetups, warm);
  // Members in the same tags are often offered the same question.
  const chosen = [...new Set([...first.values()].flatMap((t) => (t.question ? [t.question.id] : [])))];
  if (!chosen.length) return first;
  const waiting = waitingNow(chosen, now);
  if (chosen.every((id) => waiting.has(id))) return first;
  const warmIds = warm.map((q) => q.id);
  const still = waitingNow(warmIds, now);
  const stillWarm = warm.filter((q) => still.has(q.id));
  return todoTargets(members, meetups, stillWarm);
}

/** What every view of the page asks, prepared once: preparing took more of a view than running them. */
const viewQueries = prepared(() => ({
  stillWaiting: db.$client.prepare<[string, number], { id: number }>(
    `select id from posts where id in (select value from json_each(?)) and status = 'published'
      and answer_count = 0 and created_at >= ?`,
  ),
  going: db.$client.prepare<[string], { userId: number; going: string }>(
    `select user_id as userId, group_concat(event_id) as going from rsvps
    where user_id in (select value from json_each(?)) and status in ('going', 'waitlist') group by user_id`,
  ),
  meetups: db.$client.prepare<
    [number],
    { id: number; title: string; city: string; online: number; tagIds: string | null }
  >(
    `select e.id, e.title, e.city, e.online_url != '' as online,
      (select group_concat(tag_id) from event_tags where event_id = e.id) as tagIds
    from events e where e.status = 'scheduled' and e.starts_at > ?
    order by e.starts_at, e.id limit ${MEETUPS_READ}`,
  ),
  contacted: db.$client.prepare<[number, number], { userId: number; at: number }>(
    `select user_id as userId, created_at as at from health_actions
    where kind in ('nudge', 'invite') and created_at >= ? and created_at <= ?`,
  ),
}));

/**
 * The suggested action of each listed flagged member (todoTargets matches them to meetups and questions).
 * `waiting`: the snapshot's waiting questions (waitingQuestions), re-checked here; without it they are searched now.
 */
export function suggestedActions(
  members: { userId: number; location: string; tagIds: number[]; causes: { kind: CauseKind }[] }[],
  now = new Date(),
  waiting?: WaitingQuestion[],
): Record<number, SuggestedAction> {
  if (!members.length) return {};
  const going = new Map(
    viewQueries()
      .going.all(JSON.stringify(members.map((m) => m.userId)))
      .map((r) => [r.userId, numbers(r.going)]),
  );
  const meetups = viewQueries().meetups.all(now.getTime());
  const tagIds = [...new Set(members.flatMap((m) => m.tagIds))];
  const targetMembers = members.map((m) => ({
    userId: m.userId,
    location: m.location,
    tagIds: m.tagIds,
    going: going.get(m.userId) ?? [],
  }));
  const targetMeetups = meetups.map((e) => ({ ...e, online: e.online === 1, tagIds: numbers(e.tagIds) }));
  const questions = !tagIds.length ? [] : waiting ? inTags(waiting, tagIds) : waitingQuestions(now, tagIds);
  const targets = waiting
    ? targetsStillWaiting(targetMembers, targetMeetups, questions, now)
    : todoTargets(targetMembers, targetMeetups, questions);
  return Object.fromEntries(
    members.map((m) => [
      m.userId,
      suggestedAction(m.causes, targets.get(m.userId) ?? { meetup: null, question: null }),
    ]),
  );
}

/**
 * The come-back of nudged members against similar flagged members who were not nudged (compareComeback),
 * the latest nudges read fresh, the verdicts from the report's history.
 */
export function comebackComparison(history: Pick<FlagHistory, "weeks" | "members">, now = new Date()) {
  const since = history.weeks.length
    ? communityMidnight(history.weeks[0]).getTime() - COMEBACK_DAYS * DAY_MS
    : now.getTime();
  const contacted = new Map<number, number[]>();
  for (const row of viewQueries().contacted.all(since, now.getTime())) {
    const times = contacted.get(row.userId);
    if (times) times.push(row.at);
    else contacted.set(row.userId, [row.at]);
  }
  return compareComeback(nudgeOutcomes(now), history, contacted, now);
}
