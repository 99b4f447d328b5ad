/**
 * The engagement-decay rules of docs/product.md as pure functions over weekly series (oldest
 * first, the last entry being the latest week judged; the report passes complete weeks only). Nothing
 * here reads the clock or the database.
 */
export const RECENT_WEEKS = 4;
export const BASELINE_WEEKS = 12;
/** The change-point test looks at this many weeks (the plain reading at the last 16 of them). */
export const TEST_WEEKS = 24;
/** A drop is flagged when it is this many times (e^3 ≈ 20) likelier than "steady, maybe on a short break". */
const DROP_EVIDENCE = 3;
/** Gone quiet is flagged when four empty weeks had a chance below 1 in 10,000 at the usual rate. */
const QUIET_EVIDENCE = Math.log(10000);
/** The longest break (empty weeks) a steady member takes without it being a drop: a holiday. */
const LONGEST_BREAK = 3;

export type Trend = {
  baselinePerWeek: number;
  recentPerWeek: number;
  /** Recent against baseline: -0.78 is "-78%". */
  change: number;
  /**
   * How strong the case is, in natural-log units: for four empty weeks, minus the log of their chance at
   * the usual rate; otherwise the log-likelihood ratio of the drop against "steady". 0 when nothing points
   * to a drop.
   */
  evidence: number;
  state: "cooling" | "gone_quiet" | null;
};

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Maximum Poisson log-likelihood of `total` contributions spread over `weeks` at one rate (constants dropped). */
function fit(total: number, weeks: number) {
  return total > 0 ? total * Math.log(total / weeks) - total : 0;
}

/** "Steady, perhaps with one break of 1–3 empty weeks among the last 8": its best log-likelihood. */
function steadyFit(xs: number[]) {
  const n = xs.length;
  const total = sum(xs);
  let best = fit(total, n);
  for (let end = n; end > n - 8; end--)
    for (let length = 1; length <= LONGEST_BREAK && end - length >= 0; length++) {
      if (xs.slice(end - length, end).some((x) => x > 0)) break;
      best = Math.max(best, fit(total, n - length));
    }
  return best;
}

/** The best split into a before and a lower after of 4–12 weeks: a Poisson change point. */
function changePoint(xs: number[]) {
  const n = xs.length;
  const total = sum(xs);
  let best = { logLikelihood: -Infinity, before: 0, after: 0 };
  for (let m = RECENT_WEEKS; m <= Math.min(BASELINE_WEEKS, n - RECENT_WEEKS); m++) {
    const after = sum(xs.slice(n - m));
    const logLikelihood = fit(total - after, n - m) + fit(after, m);
    if (after / m < (total - after) / (n - m) && logLikelihood > best.logLikelihood)
      best = { logLikelihood, before: (total - after) / (n - m), after: after / m };
  }
  return best;
}

/** Variance over mean of weekly counts: below 1 for a regular member, above for a bursty one. */
function dispersion(xs: number[]) {
  const mean = sum(xs) / xs.length;
  if (xs.length < 2 || mean === 0) return 1;
  return sum(xs.map((x) => (x - mean) ** 2)) / (xs.length - 1) / mean;
}

/**
 * Member cooling / gone quiet over weekly series (oldest first, the latest week last, up to TEST_WEEKS
 * long). `weighted` gives the plain reading leads see (baseline = the 12 weeks before the last 4,
 * recent = the last 4); `counts` (contributions per week) drive the decision, which needs a baseline of
 * at least 0.5 a week and the member not back at their usual rate in the latest week, and then either
 * - gone quiet: four empty weeks that had less than a 1 in 10,000 chance at the member's baseline rate,
 *   with the chance judged by how regular they were (a member who never missed a week is more telling
 *   than a bursty one); or
 * - a drop: the plain reading below half of the baseline, a change point at least 4 weeks back after
 *   which the rate is below half of the rate before, the last two weeks together still below one usual
 *   week, and the drop at least e^3 times likelier than the member being steady with a holiday of up to
 *   three weeks.
 * Measured on a generated community in detection.test.ts.
 */
export function memberTrend(weighted: number[], counts: number[] = weighted): Trend {
  const n = weighted.length;
  const baselineWeeks = (xs: number[]) =>
    xs.slice(Math.max(0, n - RECENT_WEEKS - BASELINE_WEEKS), Math.max(0, n - RECENT_WEEKS));
  const baselinePerWeek = sum(baselineWeeks(weighted)) / BASELINE_WEEKS;
  const recentPerWeek = sum(weighted.slice(Math.max(0, n - RECENT_WEEKS))) / RECENT_WEEKS;
  const change = baselinePerWeek > 0 ? recentPerWeek / baselinePerWeek - 1 : 0;
  const plain = { baselinePerWeek, recentPerWeek, change };
  if (baselinePerWeek < 0.5 || n < RECENT_WEEKS + BASELINE_WEEKS) return { ...plain, evidence: 0, state: null };

  const xs = counts.slice(-TEST_WEEKS);
  const baselineCounts = baselineWeeks(counts);
  const usualRate = sum(baselineCounts) / BASELINE_WEEKS;
  if (xs[xs.length - 1] >= usualRate) return { ...plain, evidence: 0, state: null };

  if (recentPerWeek === 0) {
    const evidence = (RECENT_WEEKS * usualRate) / Math.max(0.25, dispersion(baselineCounts));
    if (evidence > QUIET_EVIDENCE) return { ...plain, evidence, state: "gone_quiet" };
  }
  const split = changePoint(xs);
  const evidence = split.logLikelihood - steadyFit(xs);
  // The plain reading must show the drop too (recent below half the baseline), so what leads read agrees.
  const dropped =
    recentPerWeek < 0.5 * baselinePerWeek &&
    split.before >= 0.5 &&
    split.after < 0.5 * split.before &&
    xs[xs.length - 1] + xs[xs.length - 2] < split.before &&
    evidence > DROP_EVIDENCE;
  return {
    ...plain,
    evidence: Math.max(0, evidence),
    state: !dropped ? null : recentPerWeek === 0 ? "gone_quiet" : "cooling",
  };
}

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
  return {
    movingAverage: Number.isNaN(now) ? 0 : now,
    peak: Number.isNaN(peak) ? 0 : peak,
    drop,
    declining: drop > threshold,
  };
}

/**
 * Concentration risk (bus factor): the fewest members whose contributions make up half of a tag's
 * total. `byMember` is each member's contribution count in the window: all of them, or only the top ones
 * with the `total` of all (then a factor beyond them reads as one more than they are).
 */
export function busFactor(byMember: { userId: number; contributions: number }[], total?: number) {
  const sorted = [...byMember].filter((m) => m.contributions > 0).sort((a, b) => b.contributions - a.contributions);
  total ??= sum(sorted.map((m) => m.contributions));
  let running = 0;
  const carriers: number[] = [];
  for (const m of sorted) {
    if (running * 2 >= total) break;
    running += m.contributions;
    carriers.push(m.userId);
  }
  return { factor: running * 2 >= total ? carriers.length : carriers.length + 1, carriers, total };
}

/** Status line: declining when the community declines; watch when members, tags or organisations are flagged. */
export function healthStatus({ communityDeclining, flags }: { communityDeclining: boolean; flags: number }) {
  return communityDeclining ? "declining" : flags > 0 ? "watch" : "healthy";
}
