/**
 * The vital signs /health charts and the periods a lead can compare: shared by the report (server) and
 * the page (also in the browser), so nothing here touches the database; the report passes the rows it
 * read.
 */
import { communityDay, DAY_MS } from "~/utils/time";

/** The vital-sign charts show this many weeks. */
export const CHART_WEEKS = 26;
/** The periods a lead can look at (weeks): charts, their change against the period before, the funnel. */
export const PERIODS = [4, 13, 26] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 26;

/** The weekly vital signs, in the order the page and the CSV show them. */
export const VITALS = [
  "weighted",
  "active",
  "newContributors",
  "returning",
  "readersPerProducer",
  "dauMau",
  "unanswered48h",
  "firstAnswerHours",
  "attendance",
] as const;
export type Vital = (typeof VITALS)[number];

/** Null where the week has no value: no answered question yet, or (in a tag's view) readers and visits, which belong to no tag. */
export type VitalWeek = { week: string } & Record<
  Exclude<Vital, "firstAnswerHours" | "readersPerProducer" | "dauMau">,
  number
> & {
    firstAnswerHours: number | null;
    readersPerProducer: number | null;
    dauMau: number | null;
  };

/** The mean of a vital sign over the last `weeks` weeks against the `weeks` before (null when there is nothing to compare). */
export function vitalChange(vitals: VitalWeek[], vital: Vital, weeks: number) {
  const mean = (rows: VitalWeek[]) => {
    const values = rows.map((r): number | null => r[vital]).filter((v): v is number => v !== null);
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  };
  const recent = mean(vitals.slice(-weeks));
  const before = mean(vitals.slice(-2 * weeks, -weeks));
  return recent === null || !before ? null : recent / before - 1;
}

/**
 * A window of visits (days YYYY-MM-DD, inclusive): visits from `from` to `to`, and distinct visitors
 * in the 30 days `monthFrom`–`to`. `days`: the days of `from`–`to`.
 */
export type VisitWindow = { key: string; from: string; to: string; monthFrom: string; days: number };
export type VisitCount = { key: string; daily: number; monthly: number };
/** The key of the window that ends today: the headline DAU and MAU. */
const LATEST = "latest";

/** The windows DAU/MAU needs: one per week (up to today for the current week), and the last 7 and 30 days. */
export function visitWindows(now: Date, weeks: string[]): VisitWindow[] {
  const today = communityDay(now);
  const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);
  const perWeek = weeks.map((week) => {
    const to = communityDay(Math.min(noon(week) + 6 * DAY_MS, noon(today)));
    return {
      key: week,
      from: week,
      to,
      monthFrom: communityDay(noon(to) - 29 * DAY_MS),
      days: Math.round((noon(to) - noon(week)) / DAY_MS) + 1,
    };
  });
  return [
    ...perWeek,
    {
      key: LATEST,
      from: communityDay(now.getTime() - 6 * DAY_MS),
      to: today,
      monthFrom: communityDay(now.getTime() - 29 * DAY_MS),
      days: 7,
    },
  ];
}

/** Average daily visitors over the visitors of the 30 days up to the window's end, in % (one decimal). */
export function dauMau(window: VisitWindow, count: VisitCount | undefined) {
  return count?.monthly ? Math.round((count.daily / window.days / count.monthly) * 1000) / 10 : 0;
}

/** The headline numbers: average daily visitors of the last 7 days and visitors of the last 30. */
export function latestVisits(counts: VisitCount[]) {
  const latest = counts.find((c) => c.key === LATEST);
  return { dau: Math.round(((latest?.daily ?? 0) / 7) * 10) / 10, mau: latest?.monthly ?? 0 };
}

/** The median wait in hours (one decimal); null without questions or when the median question still waits (Infinity). */
export function medianHours(waits: number[]) {
  const middle = Float64Array.from(waits).sort()[Math.floor(waits.length / 2)];
  return waits.length && Number.isFinite(middle) ? Math.round((middle / 3_600_000) * 10) / 10 : null;
}

export type QuestionWeek = { unanswered: number; waits: number[] };

/**
 * Questions asked each week (`rows`: [asked at, first answered at or null], as the database returns them;
 * `weekOf` finds an instant's week or null): how many were still unanswered after 48 hours, and the wait of
 * each for a first answer.
 */
export function questionWeeks(
  rows: Iterable<[number, number | null]>,
  weekOf: (at: number) => string | null,
  now: Date,
) {
  const byWeek = new Map<string, QuestionWeek>();
  const unansweredBefore = now.getTime() - 2 * DAY_MS;
  for (const [createdAt, answeredAt] of rows) {
    const week = weekOf(createdAt);
    if (!week) continue;
    let entry = byWeek.get(week);
    if (!entry) byWeek.set(week, (entry = { unanswered: 0, waits: [] }));
    const wait = answeredAt === null ? null : answeredAt - createdAt;
    // Unanswered after 48 hours only once 48 hours have passed.
    if (wait === null ? createdAt <= unansweredBefore : wait > 2 * DAY_MS) entry.unanswered++;
    // A question still waiting waits longer than any answered one so far: leaving it out would make a
    // week with many unanswered questions look fast.
    entry.waits.push(wait ?? Infinity);
  }
  return byWeek;
}

/** The rows vitalWeeks reads, keyed by week (app/models/health.server.ts fetches them). */
export type VitalRows = {
  rollups: { week: string; weighted: number; active: number; readers: number }[];
  newContributors: { week: string; n: number }[];
  checkIns: { week: string; n: number }[];
  /** Per week (questionWeeks). */
  questions: Map<string, QuestionWeek>;
  visits: VisitCount[];
  /** Vital signs this view has no data for (a tag's readers and visits): null every week. */
  unknown?: Vital[];
};

/**
 * One row per week: the community rollup (weighted contributions, active contributors, readers), new
 * contributors (first contribution that week) and returning ones (the other active contributors),
 * readers per producer, DAU/MAU, questions asked that week still unanswered after 48 hours, the median
 * hours to their first answer, and meetup check-ins.
 */
export function vitalWeeks(now: Date, weeks: string[], rows: VitalRows): VitalWeek[] {
  const rollups = new Map(rows.rollups.map((c) => [c.week, c]));
  const newByWeek = new Map(rows.newContributors.map((r) => [r.week, r.n]));
  const checkIns = new Map(rows.checkIns.map((r) => [r.week, r.n]));
  const questions = rows.questions;
  const visits = new Map(rows.visits.map((v) => [v.key, v]));
  const unknown = new Set(rows.unknown);
  const windows = new Map(visitWindows(now, weeks).map((w) => [w.key, w]));
  return weeks.map((week) => {
    const c = rollups.get(week);
    const active = c?.active ?? 0;
    const newContributors = newByWeek.get(week) ?? 0;
    const q = questions.get(week);
    return {
      week,
      weighted: Math.round((c?.weighted ?? 0) * 10) / 10,
      active,
      newContributors,
      returning: Math.max(0, active - newContributors),
      readersPerProducer: unknown.has("readersPerProducer")
        ? null
        : active
          ? Math.round(((c?.readers ?? 0) / active) * 10) / 10
          : 0,
      dauMau: unknown.has("dauMau") ? null : dauMau(windows.get(week)!, visits.get(week)),
      unanswered48h: q?.unanswered ?? 0,
      firstAnswerHours: medianHours(q?.waits ?? []),
      attendance: checkIns.get(week) ?? 0,
    };
  });
}
