/**
 * The rule's verdicts of the last weeks (app/health/history.ts): each week's verdict is stored as given by
 * its first report (health_weekly), so a snapshot replays only the weeks it has no verdict for, with the
 * weekly rule over member_weeks; the latest is the report's own (docs/health.md, "Early warning").
 */
import { and, gte, lte, sql } from "drizzle-orm";
import { memberWeeks } from "~db/schema";
import { countsOf, historyOf, HISTORY_WEEKS, weeklyVerdicts, type WeekVerdict } from "~/health/history";
import { BASELINE_WEEKS, RECENT_WEEKS, TEST_WEEKS } from "~/health/rules";
import { lastWeeks, unpackWeeks } from "~/health/series";
import { db } from "~/utils/db.server";
import { storedWeekly, storeWeekly } from "./health-weekly.server";

/**
 * member_weeks over `weeks` of the members with at least 0.5 a week in some 12 weeks of `baselineWeeks`
 * (the span of every baseline judged): one row per member, their weeks packed (unpackWeeks).
 */
function memberWeekRows(weeks: string[], baselineWeeks: string[]) {
  const candidates = db
    .select({ userId: memberWeeks.userId })
    .from(memberWeeks)
    .where(and(gte(memberWeeks.week, baselineWeeks[0]), lte(memberWeeks.week, baselineWeeks[baselineWeeks.length - 1])))
    .groupBy(memberWeeks.userId)
    .having(sql`sum(${memberWeeks.weighted}) >= ${0.5 * BASELINE_WEEKS}`);
  return unpackWeeks(
    db.all<{ key: number; weeks: string }>(sql`
      select user_id as key, group_concat(week || ' ' || weighted || ' ' || contributions) as weeks from member_weeks
      where week >= ${weeks[0]} and week <= ${weeks[weeks.length - 1]} and user_id in (${candidates}) group by user_id`),
  );
}

/** The verdicts of the given indices of `weeks`, replayed from member_weeks and stored. */
function replay(weeks: string[], at: number[]) {
  const [first, last] = [at[0], at[at.length - 1]];
  const rows = memberWeekRows(
    weeks.slice(first - TEST_WEEKS, last),
    weeks.slice(first - RECENT_WEEKS - BASELINE_WEEKS, last - RECENT_WEEKS),
  );
  const verdicts = weeklyVerdicts(rows, weeks, at);
  storeWeekly(
    "verdict",
    verdicts.map((value) => ({ week: value.week, value })),
  );
  return verdicts;
}

/**
 * The verdicts of the last HISTORY_WEEKS Mondays, the latest being `current` (the report's own). The week's
 * first report stores its verdict as the one given that week: the member rule's, not the weekly replay,
 * which only stands in for weeks without a stored verdict (a new database, or one voided by a write).
 */
export function verdictHistory(now: Date, current: Omit<WeekVerdict, "week">) {
  const weeks = lastWeeks(now, TEST_WEEKS + HISTORY_WEEKS);
  const mondays = weeks.slice(-HISTORY_WEEKS);
  const thisWeek = { week: mondays[mondays.length - 1], ...current };
  storeWeekly("verdict", [{ week: thisWeek.week, value: thisWeek }]);
  const stored = storedWeekly<WeekVerdict>("verdict", mondays.slice(0, -1));
  const missing = mondays
    .slice(0, -1)
    .map((_, i) => weeks.length - HISTORY_WEEKS + i)
    .filter((v) => !stored.has(weeks[v]));
  if (missing.length) for (const v of replay(weeks, missing)) stored.set(v.week, v);
  const verdicts = [...mondays.slice(0, -1).map((w) => stored.get(w)!), thisWeek];
  return historyOf(verdicts, flaggedCounts(mondays, verdicts));
}

/** The contributions in each of `mondays`' weeks of the members the verdicts flagged (when they came back). */
function flaggedCounts(mondays: string[], verdicts: WeekVerdict[]) {
  const ids = [...new Set(verdicts.flatMap((v) => v.flagged.map(([userId]) => userId)))];
  if (!ids.length) return new Map<number, number[]>();
  const rows = db.all<{ key: number; week: string; weighted: number; contributions: number }>(sql`
    select m.user_id as key, m.week, m.weighted, m.contributions from json_each(${JSON.stringify(ids)}) j
    cross join member_weeks m on m.user_id = j.value and m.week >= ${mondays[0]} and m.week <= ${mondays[mondays.length - 1]}`);
  return countsOf(rows, mondays);
}
