/**
 * The member part of /health: each member's days (member_days, kept by recordActivity) over the year
 * (DECAY_DAYS) ending today, for the rule that judges 7-day windows ending now (app/health/decay.ts,
 * docs/health.md). Only members with enough in their baseline (4–16 weeks back) whose last 4 weeks fell are
 * read, one row each.
 */
import { sql } from "drizzle-orm";
import { DECAY_DAYS, flaggedByDays, RECENT_SHARE, type DaySeries } from "~/health/decay";
import { BASELINE_WEEKS, RECENT_WEEKS } from "~/health/rules";
import { db } from "~/utils/db.server";
import { communityDay, DAY_MS } from "~/utils/time";

/** The community days of the `count` days ending with today, oldest first. */
export function lastDays(now: Date, count: number) {
  // Noon steps: a day is 23 or 25 hours long at the daylight-saving changes.
  const today = new Date(`${communityDay(now)}T12:00:00Z`).getTime();
  return Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/**
 * Each candidate member's daily weighted contributions and counts, the last entry being today. Candidates pass
 * memberDecay's first gate, checked here in SQL: a baseline of at least 0.5 a week and the last four weeks
 * below RECENT_SHARE of it (a little looser, for rounding). Of 100k members a few thousand pass; the steady
 * majority is never read into JS.
 */
export function memberDaySeries(now: Date) {
  const days = lastDays(now, DECAY_DAYS);
  const baseline = days.slice(-7 * (RECENT_WEEKS + BASELINE_WEEKS), -7 * RECENT_WEEKS);
  const lastBaselineDay = baseline[baseline.length - 1];
  const baselineSum = sql`sum(case when day <= ${lastBaselineDay} then weighted else 0 end)`;
  const recentSum = sql`sum(case when day > ${lastBaselineDay} then weighted else 0 end)`;
  const rows = db.all<{ userId: number; days: string }>(sql`
    select user_id as userId, group_concat(day || ' ' || weighted || ' ' || contributions) as days from member_days
    where day >= ${days[0]} and day <= ${days[days.length - 1]} and user_id in (
      select user_id from member_days where day >= ${baseline[0]} and day <= ${days[days.length - 1]}
      group by user_id having ${baselineSum} >= ${0.5 * BASELINE_WEEKS}
        and ${recentSum} * ${BASELINE_WEEKS} <= ${RECENT_SHARE} * ${baselineSum} * ${RECENT_WEEKS} + 0.001)
    group by user_id`);
  const index = new Map(days.map((d, i) => [d, i]));
  const series = new Map<number, DaySeries>();
  for (const row of rows) {
    const s = { weighted: Array<number>(days.length).fill(0), counts: Array<number>(days.length).fill(0) };
    for (const entry of row.days.split(",")) {
      const [day, weighted, contributions] = entry.split(" ");
      const i = index.get(day)!;
      s.weighted[i] += Number(weighted);
      s.counts[i] += Number(contributions);
    }
    series.set(row.userId, s);
  }
  return series;
}

/** Every member the rule flags now, the ones who lost most per week first. */
export function flaggedMembersNow(now: Date) {
  return flaggedByDays(memberDaySeries(now));
}
