/**
 * The vital signs /health charts and the periods a lead can compare: shared by the report (server) and
 * the page (also in the browser), so nothing here touches the database.
 */
/** The vital-sign charts show this many weeks. */
export const CHART_WEEKS = 26;
/** The periods a lead can look at (weeks): charts, their change against the period before, the funnel. */
export const PERIODS = [4, 13, 26] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 26;

/** The weekly vital signs, in the order the page and the CSV show them. */
export const VITALS = ["weighted", "active", "newContributors", "returning", "readersPerProducer", "dauMau", "unanswered48h", "firstAnswerHours", "attendance"] as const;
export type Vital = (typeof VITALS)[number];

export type VitalWeek = { week: string } & Record<Exclude<Vital, "firstAnswerHours">, number> & { firstAnswerHours: number | null };

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
