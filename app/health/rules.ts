/**
 * The engagement-decay rules of ../shared/PRODUCT.md as pure functions over weekly series (oldest
 * first, the last entry being the current week). Nothing here reads the clock or the database.
 */
export const RECENT_WEEKS = 4;
export const BASELINE_WEEKS = 12;
/** A drop is flagged only if a Poisson test says it is unlikely to be chance at this level. */
export const SIGNIFICANCE = 0.05;

export type Trend = {
  baselinePerWeek: number;
  recentPerWeek: number;
  /** Recent against baseline: -0.78 is "-78%". */
  change: number;
  /** Probability of so few contributions at the baseline rate (Poisson, one-sided). */
  pValue: number;
  state: "cooling" | "gone_quiet" | null;
};

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** P(X ≤ k) for X ~ Poisson(λ). */
export function poissonCdf(k: number, lambda: number) {
  if (lambda <= 0) return 1;
  let term = Math.exp(-lambda);
  let total = term;
  for (let i = 1; i <= Math.floor(k); i++) {
    term *= lambda / i;
    total += term;
  }
  return Math.min(1, total);
}

/**
 * Member cooling / gone quiet. `weighted` drives the rule leads read (baseline = weeks 5–16 before now,
 * recent = the last 4); `counts` (contributions per week) drive the significance test. A drop is flagged
 * when the baseline is at least 0.5 a week, recent is below half of it, the Poisson test puts the recent
 * count below SIGNIFICANCE, and the member is not already back at their usual rate this week.
 */
export function memberTrend(weighted: number[], counts: number[] = weighted): Trend {
  const n = weighted.length;
  const recent = weighted.slice(Math.max(0, n - RECENT_WEEKS));
  const baseline = weighted.slice(Math.max(0, n - RECENT_WEEKS - BASELINE_WEEKS), Math.max(0, n - RECENT_WEEKS));
  const baselinePerWeek = baseline.length ? sum(baseline) / BASELINE_WEEKS : 0;
  const recentPerWeek = sum(recent) / RECENT_WEEKS;
  const baselineCount = sum(counts.slice(Math.max(0, n - RECENT_WEEKS - BASELINE_WEEKS), Math.max(0, n - RECENT_WEEKS)));
  const recentCount = sum(counts.slice(Math.max(0, n - RECENT_WEEKS)));
  const pValue = poissonCdf(recentCount, (baselineCount / BASELINE_WEEKS) * RECENT_WEEKS);
  const change = baselinePerWeek > 0 ? recentPerWeek / baselinePerWeek - 1 : 0;
  const resumed = (weighted[n - 1] ?? 0) >= baselinePerWeek && baselinePerWeek > 0;
  const dropped = baselinePerWeek >= 0.5 && recentPerWeek < 0.5 * baselinePerWeek && pValue < SIGNIFICANCE && !resumed;
  return { baselinePerWeek, recentPerWeek, change, pValue, state: !dropped ? null : recentPerWeek === 0 ? "gone_quiet" : "cooling" };
}

/** Tag and organisation decline: the member rule applied to their weekly volume. */
export const volumeTrend = memberTrend;

export function movingAverage(series: number[], window = RECENT_WEEKS) {
  return series.map((_, i) => (i + 1 < window ? NaN : sum(series.slice(i + 1 - window, i + 1)) / window));
}

/**
 * Community decline: the 4-week moving average more than 30% below its peak over the previous 26
 * weeks. Returns the numbers behind it either way.
 */
export function communityDecline(series: number[], { threshold = 0.3, lookback = 26 } = {}) {
  const ma = movingAverage(series);
  const now = ma[ma.length - 1];
  const previous = ma.slice(Math.max(0, ma.length - 1 - lookback), ma.length - 1).filter((x) => !Number.isNaN(x));
  const peak = previous.length ? Math.max(...previous) : NaN;
  const drop = peak > 0 && !Number.isNaN(now) ? 1 - now / peak : 0;
  return { movingAverage: Number.isNaN(now) ? 0 : now, peak: Number.isNaN(peak) ? 0 : peak, drop, declining: drop > threshold };
}

/**
 * Concentration risk (bus factor): the fewest members whose contributions make up half of a tag's
 * total. `byMember` is each member's contribution count in the window.
 */
export function busFactor(byMember: { userId: number; contributions: number }[]) {
  const sorted = [...byMember].filter((m) => m.contributions > 0).sort((a, b) => b.contributions - a.contributions);
  const total = sum(sorted.map((m) => m.contributions));
  let running = 0;
  const carriers: number[] = [];
  for (const m of sorted) {
    if (running * 2 >= total) break;
    running += m.contributions;
    carriers.push(m.userId);
  }
  return { factor: carriers.length, carriers, total };
}

/** Status line: declining when the community declines; watch when members, tags or organisations are flagged. */
export function healthStatus({ communityDeclining, flags }: { communityDeclining: boolean; flags: number }) {
  return communityDeclining ? "declining" : flags > 0 ? "watch" : "healthy";
}
