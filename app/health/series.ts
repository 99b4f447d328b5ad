/**
 * Weekly series for /health: which weeks the report judges, rows of a weekly rollup turned into one
 * series per member, tag or organisation, and the numbers a lead reads beside a flag. Pure: "now" is
 * a parameter and the rows come from app/models/health.server.ts.
 */
import { communityWeek } from "~/utils/time";
import { BASELINE_WEEKS, memberTrend, RECENT_WEEKS } from "./rules";

/** The plain reading: a 12-week baseline and the last 4 weeks. */
export const TREND_WEEKS = RECENT_WEEKS + BASELINE_WEEKS;

/** The Mondays of the last `count` weeks, oldest first, ending with the current week. */
export function lastWeeks(now: Date, count: number) {
  const current = communityWeek(now);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(`${current}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 7 * (count - 1 - i));
    return d.toISOString().slice(0, 10);
  });
}

/** The weeks the report judges: complete weeks only, the last one ending before the current week began. */
export function completeWeeks(now: Date, count: number) {
  // The current week has only begun; read as a full week it would look like a drop every Monday.
  return lastWeeks(now, count + 1).slice(0, -1);
}

/** The rule flags no member whose baseline is below this many weighted contributions a week (memberTrend). */
export const MIN_BASELINE_PER_WEEK = 0.5;
/** Nor one whose last 4 weeks' rate is not below this share of the baseline's (the plain reading shows the drop). */
export const PLAIN_DROP = 0.5;

/**
 * Whether memberTrend can flag a member with these weighted sums over the baseline's 12 weeks and the
 * last 4: the report reads the weeks of these members only (app/models/health.server.ts does the same
 * test in SQL). series.test.ts checks that every member the rule flags passes.
 */
export function mayBeFlagged(baselineSum: number, recentSum: number) {
  const baselinePerWeek = baselineSum / BASELINE_WEEKS;
  return baselinePerWeek >= MIN_BASELINE_PER_WEEK && recentSum / RECENT_WEEKS < PLAIN_DROP * baselinePerWeek;
}

export type WeekRow<K> = { key: K; week: string; weighted: number; contributions: number };
export type Series = { weighted: number[]; counts: number[] };

/** One series per key over `weeks` (weeks without a row are 0; rows outside `weeks` are left out). */
export function seriesBy<K>(rows: WeekRow<K>[], weeks: string[]) {
  const index = new Map(weeks.map((w, i) => [w, i]));
  const byKey = new Map<K, Series>();
  for (const row of rows) {
    const i = index.get(row.week);
    if (i === undefined) continue;
    let s = byKey.get(row.key);
    if (!s) byKey.set(row.key, (s = { weighted: Array(weeks.length).fill(0), counts: Array(weeks.length).fill(0) }));
    s.weighted[i] += row.weighted;
    s.counts[i] += row.contributions;
  }
  return byKey;
}

/**
 * Rows packed one per member, "week weighted contributions" joined by commas (member_weeks read with
 * group_concat: a row per member-week costs three times as much to read at 100k members).
 */
export function unpackWeeks(packed: { key: number; weeks: string }[]): WeekRow<number>[] {
  return packed.flatMap(({ key, weeks }) =>
    weeks.split(",").map((entry) => {
      const [week, weighted, contributions] = entry.split(" ");
      return { key, week, weighted: Number(weighted), contributions: Number(contributions) };
    }),
  );
}

/** The rule's verdict on a series with the counts a lead reads: "n in the 12 weeks before, m in the last 4". */
export function trendNumbers(s: Series) {
  const trend = memberTrend(s.weighted, s.counts);
  const baselineCount = s.counts.slice(-TREND_WEEKS, -RECENT_WEEKS).reduce((a, b) => a + b, 0);
  const recentCount = s.counts.slice(-RECENT_WEEKS).reduce((a, b) => a + b, 0);
  return { ...trend, baselineCount, recentCount, lostPerWeek: trend.baselinePerWeek - trend.recentPerWeek };
}

/** Every member the rule flags, the ones who lost most weighted contributions per week first. */
export function flaggedMembers(rows: WeekRow<number>[], weeks: string[]) {
  return [...seriesBy(rows, weeks)]
    .map(([userId, s]) => ({ userId, ...trendNumbers(s) }))
    .filter((m) => m.state)
    .sort((a, b) => b.lostPerWeek - a.lostPerWeek);
}
