/**
 * The rows of /health's weekly vital signs and journey funnel (docs/health.md, "How the report is made",
 * step 1): a few set-based queries, whatever the number of weeks; app/health/vitals.ts computes on them.
 */
import { gte, sql, type SQL } from "drizzle-orm";
import { communityWeeks } from "~db/schema";
import { visitWindows, vitalWeeks, type VisitCount, type VisitWindow, type VitalRows } from "~/health/vitals";
import { db } from "~/utils/db.server";
import { communityWeekSql } from "~/utils/time";

const weekOf = (column: string) => sql.raw(communityWeekSql(column));

/** The rows of the weekly vital signs: five queries, whatever the number of weeks. */
export function vitalRows(now: Date, weeks: string[]): VitalRows {
  // Two hours early: Amsterdam's Monday starts before UTC's; rows of the week before are not in `weeks`.
  const from = Date.parse(`${weeks[0]}T00:00:00Z`) - 2 * 3_600_000;
  const perWeek = (query: SQL) => db.all<{ week: string; n: number }>(query);
  return {
    rollups: db.select().from(communityWeeks).where(gte(communityWeeks.week, weeks[0])).all(),
    newContributors: perWeek(
      sql`select ${weekOf("first_contributed_at")} as week, count(*) as n from users where first_contributed_at >= ${from} group by 1`,
    ),
    checkIns: perWeek(
      sql`select ${weekOf("e.starts_at")} as week, count(*) as n from attendance a join events e on e.id = a.event_id where e.starts_at >= ${from} group by 1`,
    ),
    questions: db.all(sql`
      select ${weekOf("created_at")} as week, first_answer_at - created_at as wait, created_at as createdAt from posts
      where kind = 'question' and status = 'published' and created_at >= ${from}`),
    visits: visitCounts(visitWindows(now, weeks)),
  };
}

/** Visits and distinct visitors of every window in one query (the day index answers each count). */
function visitCounts(windows: VisitWindow[]) {
  return db.all<VisitCount>(sql`
    with w as (
      select json_extract(value, '$.key') as key, json_extract(value, '$.from') as day_from, json_extract(value, '$.to') as day_to,
        json_extract(value, '$.monthFrom') as month_from from json_each(${JSON.stringify(windows)}))
    select key, (select count(*) from user_visits where day >= w.day_from and day <= w.day_to) as daily,
      (select count(distinct user_id) from user_visits where day >= w.month_from and day <= w.day_to) as monthly
    from w`);
}

/** The weekly vital signs (docs/health.md). */
export function vitalSigns(now: Date, weeks: string[]) {
  return vitalWeeks(now, weeks, vitalRows(now, weeks));
}

/**
 * Peer consumer to peer producer: of the members who joined in the period, how many voted or RSVP'd,
 * asked a question, and answered or wrote an article.
 */
export function journeyFunnel(from: Date, to: Date) {
  // The milestones are kept on users by recordActivity: one pass over the members who joined.
  return db.get<{ joined: number; participated: number; asked: number; produced: number }>(sql`
    select count(*) as joined,
      coalesce(sum(first_participated_at is not null), 0) as participated,
      coalesce(sum(first_asked_at is not null), 0) as asked,
      coalesce(sum(first_produced_at is not null), 0) as produced
    from users where created_at >= ${from.getTime()} and created_at < ${to.getTime()}`)!;
}
