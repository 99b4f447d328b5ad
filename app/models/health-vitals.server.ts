/**
 * The rows of /health's weekly vital signs and journey funnel (docs/health.md, "How the report is made",
 * step 1): a few set-based queries, whatever the number of weeks; app/health/vitals.ts computes on them.
 */
import { gte, sql, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { communityWeeks } from "~db/schema";
import { communityDecline } from "~/health/rules";
import { completeWeeks } from "~/health/series";
import {
  PERIODS,
  questionWeeks,
  visitWindows,
  vitalWeeks,
  type VisitCount,
  type VisitWindow,
  type VitalRows,
} from "~/health/vitals";
import { db } from "~/utils/db.server";
import { communityMidnight, DAY_MS } from "~/utils/time";

/**
 * The week (of `weeks`) of each instant, found in JS: SQL's DST-exact week expression (communityWeekSql)
 * costs microseconds a row, 1.5 s over a year of questions at 100k members. Instants outside the weeks: null.
 */
function weekFinder(weeks: string[]) {
  const next = new Date(Date.parse(`${weeks[weeks.length - 1]}T12:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10);
  const starts = [...weeks, next].map((week) => communityMidnight(week).getTime());
  return (at: number) => {
    if (at < starts[0] || at >= starts[weeks.length]) return null;
    let lo = 0;
    let hi = weeks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return weeks[lo];
  };
}

/** Rows of instants (`at`) counted per week; instants outside the weeks left out. */
function perWeek(weeks: string[], query: SQL) {
  const weekOf = weekFinder(weeks);
  const counts = new Map<string, number>();
  for (const [at] of db.values<[number]>(query)) {
    const week = weekOf(at);
    if (week) counts.set(week, (counts.get(week) ?? 0) + 1);
  }
  return [...counts].map(([week, n]) => ({ week, n }));
}

/** Questions (created_at, first_answer_at) per week: a year's at 100k members are 300k rows, kept as the driver's tuples. */
function questionRows(now: Date, weeks: string[], query: SQL) {
  // Iterated, not collected: short-lived tuples cost the garbage collector far less than a 300k-row array.
  const { sql: text, params } = new SQLiteSyncDialect().sqlToQuery(query);
  const rows = db.$client
    .prepare(text)
    .raw()
    .iterate(...params) as Iterable<[number, number | null]>;
  return questionWeeks(rows, weekFinder(weeks), now);
}

/** The rows of the weekly vital signs: five queries, whatever the number of weeks. */
export function vitalRows(now: Date, weeks: string[]): VitalRows {
  // Two hours early: Amsterdam's Monday starts before UTC's; rows of the week before are not in `weeks`.
  const from = Date.parse(`${weeks[0]}T00:00:00Z`) - 2 * 3_600_000;
  return {
    rollups: db.select().from(communityWeeks).where(gte(communityWeeks.week, weeks[0])).all(),
    newContributors: perWeek(weeks, sql`select first_contributed_at from users where first_contributed_at >= ${from}`),
    checkIns: perWeek(
      weeks,
      sql`select e.starts_at from attendance a join events e on e.id = a.event_id where e.starts_at >= ${from}`,
    ),
    questions: questionRows(
      now,
      weeks,
      sql`select created_at, first_answer_at from posts where kind = 'question' and status = 'published' and created_at >= ${from}`,
    ),
    visits: visitCounts(visitWindows(now, weeks)),
  };
}

/**
 * Visits and distinct visitors of every window in one query (the day index answers each count); of one
 * organisation's members when `orgId` is given (then each member's own visits, by the primary key).
 */
function visitCounts(windows: VisitWindow[], orgId?: number) {
  const visits = orgId
    ? sql`(select v.* from memberships m join user_visits v on v.user_id = m.user_id where m.org_id = ${orgId})`
    : sql`user_visits`;
  return db.all<VisitCount>(sql`
    with w as (
      select json_extract(value, '$.key') as key, json_extract(value, '$.from') as day_from, json_extract(value, '$.to') as day_to,
        json_extract(value, '$.monthFrom') as month_from from json_each(${JSON.stringify(windows)}))
    select key, (select count(*) from ${visits} where day >= w.day_from and day <= w.day_to) as daily,
      (select count(distinct user_id) from ${visits} where day >= w.month_from and day <= w.day_to) as monthly
    from w`);
}

/** The weekly vital signs (docs/health.md). */
export function vitalSigns(now: Date, weeks: string[]) {
  return vitalWeeks(now, weeks, vitalRows(now, weeks));
}

/** A filtered /health view: one tag or one organisation. */
export type VitalScope = { tagId: number } | { orgId: number };

/**
 * The vital signs of one tag or organisation, from their rollups (docs/health.md, "Filtered views"): a
 * tag's from tag_weeks and member_tag_weeks (its own contributors) and its questions and meetups; an
 * organisation's from org_weeks and its members' member_weeks, questions, check-ins and visits. Readers and
 * visits belong to no tag (votes and visits are not kept per tag): a tag's are unknown.
 */
export function scopedVitalRows(now: Date, weeks: string[], scope: VitalScope): VitalRows {
  const from = Date.parse(`${weeks[0]}T00:00:00Z`) - 2 * 3_600_000;
  if ("tagId" in scope) {
    const tagId = scope.tagId;
    return {
      rollups: db.all(sql`
        select t.week, t.weighted, (select count(*) from member_tag_weeks m where m.tag_id = t.tag_id and m.week = t.week and m.weighted > 0) as active,
          0 as readers
        from tag_weeks t where t.tag_id = ${tagId} and t.week >= ${weeks[0]}`),
      // A member is new to the tag in the week of their first contribution in it.
      newContributors: db.all(sql`
        select week, count(*) as n from (select min(week) as week from member_tag_weeks where tag_id = ${tagId} and weighted > 0 group by user_id)
        where week >= ${weeks[0]} group by week`),
      checkIns: perWeek(
        weeks,
        sql`select e.starts_at from event_tags et join events e on e.id = et.event_id join attendance a on a.event_id = e.id
          where et.tag_id = ${tagId} and e.starts_at >= ${from}`,
      ),
      questions: questionRows(
        now,
        weeks,
        sql`select p.created_at, p.first_answer_at from post_tags pt join posts p on p.id = pt.post_id
          where pt.tag_id = ${tagId} and p.kind = 'question' and p.status = 'published' and p.created_at >= ${from}`,
      ),
      visits: [],
      unknown: ["readersPerProducer", "dauMau"],
    };
  }
  const orgId = scope.orgId;
  const members = sql`select user_id from memberships where org_id = ${orgId}`;
  return {
    rollups: db.all(sql`
      select o.week, o.weighted, coalesce(m.active, 0) as active, coalesce(m.readers, 0) as readers from org_weeks o left join (
        select mw.week, sum(mw.weighted > 0) as active, sum(mw.weighted <= 0 and mw.participations > 0) as readers
        from memberships ms join member_weeks mw on mw.user_id = ms.user_id
        where ms.org_id = ${orgId} and mw.week >= ${weeks[0]} group by mw.week) m on m.week = o.week
      where o.org_id = ${orgId} and o.week >= ${weeks[0]}`),
    newContributors: perWeek(
      weeks,
      sql`select first_contributed_at from users where id in (${members}) and first_contributed_at >= ${from}`,
    ),
    checkIns: perWeek(
      weeks,
      sql`select e.starts_at from attendance a join events e on e.id = a.event_id where a.user_id in (${members}) and e.starts_at >= ${from}`,
    ),
    questions: questionRows(
      now,
      weeks,
      sql`select created_at, first_answer_at from posts
        where author_id in (${members}) and kind = 'question' and status = 'published' and created_at >= ${from}`,
    ),
    visits: visitCounts(visitWindows(now, weeks), orgId),
  };
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

/** A tag's or organisation's own vital signs and the decline rule on them, over the weeks the report charts. */
export function scopedVitals(now: Date, scope: VitalScope) {
  const weeks = completeWeeks(now, 2 * Math.max(...PERIODS));
  const rows = scopedVitalRows(now, weeks, scope);
  const vitals = vitalWeeks(now, weeks, rows);
  return {
    vitals,
    decline: communityDecline(vitals.map((v) => v.weighted)),
    activeDecline: communityDecline(vitals.map((v) => v.active)),
    unknown: rows.unknown ?? [],
  };
}
