/**
 * How routing performs (docs/routing.md, "Outcome"), read fresh for /health and the leads' digest: the share of
 * routed questions answered within their target, the median time to a first answer for routed questions and
 * for the others, how many of the experts asked answered, and who is asked often but rarely answers.
 */
import { sql } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { DAY_MS } from "~/utils/time";
import { routingSettings } from "./routing.server";

/** An expert asked at least this often in the period, who answered under a third of it, is overloaded. */
const OVERLOAD_ASKED = 3;

function median(values: number[]) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The outcome over the `weeks` before `now`. The cross joins keep SQLite on the routing tables' time indexes
 * (left to itself it scanned every question, and every member, at 1M posts and 100k members).
 */
export function routingOutcome(now: Date, weeks: number) {
  const since = now.getTime() - weeks * 7 * DAY_MS;
  const routed = db.all<{ routedAt: number; targetMinutes: number; firstAnswerAt: number | null }>(sql`
    select r.routed_at as routedAt, r.target_minutes as targetMinutes, q.first_answer_at as firstAnswerAt
    from question_routing r cross join posts q on q.id = r.question_id
    where r.routed_at >= ${since} and q.status = 'published'`);
  const late = (r: (typeof routed)[number]) => r.routedAt + r.targetMinutes * 60_000;
  const within = routed.filter((r) => r.firstAnswerAt !== null && r.firstAnswerAt <= late(r)).length;
  // A question whose target has not passed yet, unanswered, is neither a success nor a miss.
  const decided = routed.filter((r) => r.firstAnswerAt !== null || late(r) <= now.getTime()).length;

  const answered = db.all<{ hours: number; routed: number }>(sql`
    select (q.first_answer_at - q.created_at) / 3600000.0 as hours,
      exists (select 1 from question_routing r where r.question_id = q.id) as routed
    from posts q
    where q.kind = 'question' and q.status = 'published' and q.created_at >= ${since} and q.first_answer_at is not null`);

  const experts = db.all<{ handle: string; name: string; asked: number; answered: number }>(sql`
    select u.handle, u.name, count(*) as asked,
      sum(exists (select 1 from posts a where a.parent_id = r.question_id and a.kind = 'answer'
        and a.status = 'published' and a.author_id = r.expert_id)) as answered
    from question_routes r cross join users u on u.id = r.expert_id
    where r.asked_at >= ${since}
    group by r.expert_id order by asked desc, u.handle`);

  return {
    weeks,
    routed: routed.length,
    decided,
    within,
    targetHours: routingSettings().targetMinutes / 60,
    medianHours: {
      routed: median(answered.filter((a) => a.routed).map((a) => a.hours)),
      unrouted: median(answered.filter((a) => !a.routed).map((a) => a.hours)),
    },
    expertsAsked: experts.length,
    expertsAnswered: experts.filter((e) => e.answered > 0).length,
    overloaded: experts.filter((e) => e.asked >= OVERLOAD_ASKED && e.answered * 3 < e.asked).slice(0, 10),
  };
}

export type RoutingOutcome = ReturnType<typeof routingOutcome>;

/** Routed questions of the last 30 days still unanswered at twice their target: the leads hear of them. */
export function overdueRoutedQuestions(now: Date) {
  return db.all<{ id: number; title: string; routedAt: number }>(sql`
    select q.id, q.title, r.routed_at as routedAt from question_routing r join posts q on q.id = r.question_id
    where r.routed_at >= ${now.getTime() - 30 * DAY_MS} and r.routed_at + 2 * r.target_minutes * 60000 <= ${now.getTime()}
      and q.status = 'published' and q.first_answer_at is null
    order by r.routed_at limit 20`);
}
