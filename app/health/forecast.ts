/**
 * The early warning's forecast band (docs/health.md, "Early warning"): a straight-line trend through the
 * last weeks of a weekly series and an 80% prediction interval from how far the weeks scatter around it.
 * Pure; shared by the report and the page.
 */

/** Weeks the trend is fitted on, and how many weeks ahead it is read. */
export const FORECAST_WEEKS = 12;
export const FORECAST_AHEAD = 4;
/** The normal quantile of an 80% two-sided band: wide enough to mean something, narrow enough to warn. */
const Z80 = 1.2816;

export type ForecastPoint = { ahead: number; mid: number; low: number; high: number };
export type Forecast = {
  /** The latest week's value. */
  now: number;
  /** The fitted trend per week (negative: falling). */
  slope: number;
  /** One point per week ahead, 1 to `ahead`. */
  points: ForecastPoint[];
};

/**
 * Least-squares line through the last `window` values (oldest first); the band at h weeks ahead is
 * mid ± z·s·√(1 + 1/n + (x−x̄)²/Sxx), s the residuals' standard deviation, so it widens with the noise
 * and with the distance from the data. Values are clamped to [min, max] (counts and shares are never
 * negative). Null with fewer than 3 weeks.
 */
export function linearForecast(
  series: number[],
  {
    window = FORECAST_WEEKS,
    ahead = FORECAST_AHEAD,
    min = 0,
    max = Infinity,
  }: { window?: number; ahead?: number; min?: number; max?: number } = {},
): Forecast | null {
  const ys = series.slice(-window);
  const n = ys.length;
  if (n < 3 || ys.some((y) => !Number.isFinite(y))) return null;
  const xMean = (n - 1) / 2;
  const yMean = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  ys.forEach((y, x) => {
    sxx += (x - xMean) ** 2;
    sxy += (x - xMean) * (y - yMean);
  });
  const slope = sxy / sxx;
  const at = (x: number) => yMean + slope * (x - xMean);
  const sse = ys.reduce((sum, y, x) => sum + (y - at(x)) ** 2, 0);
  const s = Math.sqrt(sse / (n - 2));
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const points = Array.from({ length: ahead }, (_, i) => {
    const x = n - 1 + (i + 1);
    const half = Z80 * s * Math.sqrt(1 + 1 / n + (x - xMean) ** 2 / sxx);
    return { ahead: i + 1, mid: clamp(at(x)), low: clamp(at(x) - half), high: clamp(at(x) + half) };
  });
  return { now: ys[n - 1], slope, points };
}

/**
 * The early warning on /health: active contributors per week and the share of judged members who are
 * cooling at each weekly verdict, each with its forecast band `ahead` weeks on. Shares are fractions.
 */
export function earlyWarning(
  active: { week: string; value: number }[],
  cooling: { weeks: string[]; judged: number[]; cooling: number[] },
) {
  const share = cooling.judged.map((n, i) => (n ? cooling.cooling[i] / n : 0));
  return {
    active: { rows: active, forecast: linearForecast(active.map((r) => r.value)) },
    cooling: {
      rows: cooling.weeks.map((week, i) => ({
        week,
        value: share[i],
        cooling: cooling.cooling[i],
        judged: cooling.judged[i],
      })),
      forecast: linearForecast(share, { max: 1 }),
    },
  };
}
export type EarlyWarning = ReturnType<typeof earlyWarning>;
