/**
 * The member rule (cooling / gone quiet) over daily series that end now: the windows it judges are 7-day
 * bins ending with today, so the verdict does not depend on the weekday the report runs. The statistics
 * and how they were measured: docs/health.md, "The member rule". Pure: no clock, no database.
 */
import { BASELINE_WEEKS, RECENT_WEEKS, TEST_WEEKS, type Trend } from "./rules";

/** The days the rule reads: 24 weeks ending with today. */
export const DECAY_DAYS = TEST_WEEKS * 7;
/** A drop is flagged when its best fade explains the counts e^3 ≈ 20 times better than "steady" (measured). */
const DECAY_EVIDENCE = 3;
/**
 * Judged only when the last four weeks fell below this share of the baseline: a rate that drifts ±25% over
 * the months dips below half now and then (measured: docs/health.md, "Measuring the rule").
 */
export const RECENT_SHARE = 0.35;
/** Gone quiet: four empty weeks that had a chance below 1 in 10,000 at the usual rate. */
const QUIET_EVIDENCE = Math.log(10000);
/** The longest holiday (days without a contribution, since ended) that "steady" explains away. */
const LONGEST_PAUSE = 28;
/** The fade shapes tried after the change point: a line down to these shares of before, and weekly factors. */
const LINE_ENDS = [0.05, 0.15, 0.3, 0.45];
const WEEKLY_FACTORS = [0.6, 0.7, 0.8, 0.9];

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** 7-day bins of a daily series, oldest first, the last one ending with its last day; days before it count 0. */
export function rollingWeeks(days: number[], weeks = TEST_WEEKS) {
  return Array.from({ length: weeks }, (_, i) => {
    const end = days.length - 7 * (weeks - 1 - i);
    return sum(days.slice(Math.max(0, end - 7), Math.max(0, end)));
  });
}

/**
 * The holiday the models may leave out: the longest run of 7 or more empty days that has ended (a
 * contribution after it), at most LONGEST_PAUSE days of it, as the share of each weekly bin it leaves open.
 * A run that lasts until today is not a holiday that ended: it is what a drop looks like.
 */
function holiday(days: number[]) {
  let run = 0;
  let longest = { length: 0, end: 0 };
  days.forEach((x, day) => {
    if (x > 0 && run >= 7 && run > longest.length) longest = { length: run, end: day };
    run = x > 0 ? 0 : run + 1;
  });
  if (!longest.length) return null;
  const open = Array<number>(days.length / 7).fill(1);
  for (let d = longest.end - Math.min(longest.length, LONGEST_PAUSE); d < longest.end; d++)
    open[Math.floor(d / 7)] -= 1 / 7;
  return open;
}

/** Log-likelihood of `total` contributions given Σ x·log(rate shape) and the shape's mass, the scale at its best. */
const scaled = (total: number, logTerms: number, mass: number) =>
  total > 0 ? logTerms + total * Math.log(total / mass) - total : 0;

/**
 * "Fading": the usual rate until a change point 2–16 weeks back, then a step down, a straight line down or
 * a fall by a fixed factor a week, ending at most at half the usual rate. Its best Poisson log-likelihood
 * (constants dropped), each week's rate also in proportion to its exposure `open`; with it the weeks the
 * fade leaves at the usual rate (`before`) and how far the counts scatter around the fade (Pearson χ² per
 * degree of freedom), for the burstiness the evidence is divided by.
 */
function fadeFit(xs: number[], open: number[]) {
  const n = xs.length;
  const logOpen = open.map((o, j) => (xs[j] > 0 ? xs[j] * Math.log(o) : 0));
  const total = sum(xs);
  let best = { logLikelihood: -Infinity, before: n, scatter: 1 };
  for (let m = 2; m <= Math.min(BASELINE_WEEKS + RECENT_WEEKS, n - RECENT_WEEKS); m++) {
    const cut = n - m;
    const before = sum(xs.slice(0, cut));
    const openBefore = sum(open.slice(0, cut));
    const logBefore = sum(logOpen.slice(0, cut));
    const after = total - before;
    const openAfter = sum(open.slice(cut));
    const shape = (logShape: (i: number) => number, value: (i: number) => number) => {
      let logTerms = logBefore;
      let mass = openBefore;
      for (let i = 1; i <= m; i++) {
        const x = xs[cut + i - 1];
        mass += open[cut + i - 1] * value(i);
        if (x > 0) logTerms += logOpen[cut + i - 1] + x * logShape(i);
      }
      const logLikelihood = scaled(total, logTerms, mass);
      if (logLikelihood <= best.logLikelihood) return;
      let chi2 = 0;
      for (let j = 0; j < n; j++) {
        const expected = Math.max(1e-3, (total / mass) * open[j] * (j < cut ? 1 : value(j - cut + 1)));
        chi2 += (xs[j] - expected) ** 2 / expected;
      }
      best = { logLikelihood, before: cut, scatter: chi2 / (n - 3) };
    };
    const ratio = before > 0 && openAfter > 0 ? Math.min(0.5, after / openAfter / (before / openBefore)) : 0.5;
    if (ratio > 0 || after === 0)
      shape(
        () => (ratio > 0 ? Math.log(ratio) : 0),
        () => ratio,
      );
    for (const end of LINE_ENDS)
      shape(
        (i) => Math.log(1 - ((1 - end) * i) / m),
        (i) => 1 - ((1 - end) * i) / m,
      );
    for (const f of WEEKLY_FACTORS)
      if (f ** m <= 0.5)
        shape(
          (i) => i * Math.log(f),
          (i) => f ** i,
        );
  }
  return best;
}

/**
 * How much better a fade explains the weekly counts than "steady", either allowed one holiday that ended,
 * and the burstiness it is divided by: the scatter around the best fade or, if larger, the variance over
 * mean of the weeks before it (not of the fixed baseline window, which a fade that began early runs into).
 */
export function dropEvidence(xs: number[], days: number[]) {
  const exposures = [xs.map(() => 1)];
  const away = holiday(days);
  if (away) exposures.push(away);
  const total = sum(xs);
  const steady = Math.max(
    ...exposures.map((open) =>
      scaled(
        total,
        xs.reduce((a, x, j) => a + (x > 0 ? x * Math.log(open[j]) : 0), 0),
        sum(open),
      ),
    ),
  );
  const fade = exposures.map((open) => fadeFit(xs, open)).reduce((a, b) => (b.logLikelihood > a.logLikelihood ? b : a));
  const burstiness = Math.max(1, fade.scatter, dispersion(xs.slice(0, Math.max(2, fade.before))));
  return { evidence: fade.logLikelihood - steady, burstiness };
}

/** Variance over mean of weekly counts: below 1 for a regular member, above for a bursty one. */
function dispersion(xs: number[]) {
  const mean = sum(xs) / xs.length;
  if (xs.length < 2 || mean === 0) return 1;
  return sum(xs.map((x) => (x - mean) ** 2)) / (xs.length - 1) / mean;
}

/**
 * Member cooling / gone quiet over daily series ending with today (oldest first): `weighted` gives the
 * plain reading leads see over 7-day bins ending today (baseline = weeks 5–16 back, recent = the last 4),
 * `counts` (contributions a day) drive the decision. Judged only with a baseline of at least 0.5 a week,
 * the plain reading below RECENT_SHARE (35%) of it, and the last 7 days below the usual week; then flagged when
 * - the last four weeks are empty and had less than a 1 in 10,000 chance at the usual rate (gone quiet), or
 * - the best fade explains the counts at least e^3 times better than "steady, perhaps with a holiday that
 *   ended", the log-ratio divided by the member's burstiness around that fade (quasi-Poisson).
 */
export function memberDecay(weighted: number[], counts: number[] = weighted): Trend {
  const w = rollingWeeks(weighted);
  const baselinePerWeek = sum(w.slice(-RECENT_WEEKS - BASELINE_WEEKS, -RECENT_WEEKS)) / BASELINE_WEEKS;
  const recentPerWeek = sum(w.slice(-RECENT_WEEKS)) / RECENT_WEEKS;
  const change = baselinePerWeek > 0 ? recentPerWeek / baselinePerWeek - 1 : 0;
  const plain = { baselinePerWeek, recentPerWeek, change };
  const none = { ...plain, evidence: 0, state: null };
  if (baselinePerWeek < 0.5 || recentPerWeek >= RECENT_SHARE * baselinePerWeek) return none;

  const xs = rollingWeeks(counts);
  const baselineCounts = xs.slice(-RECENT_WEEKS - BASELINE_WEEKS, -RECENT_WEEKS);
  const usualRate = sum(baselineCounts) / BASELINE_WEEKS;
  if (xs[xs.length - 1] >= usualRate) return none;

  const quiet = recentPerWeek === 0 ? (RECENT_WEEKS * usualRate) / Math.max(0.25, dispersion(baselineCounts)) : 0;
  const days = counts.slice(-DECAY_DAYS);
  const fit = dropEvidence(xs, [...Array<number>(DECAY_DAYS - days.length).fill(0), ...days]);
  const drop = fit.evidence / fit.burstiness;
  const evidence = Math.max(0, drop, quiet);
  const flagged = quiet > QUIET_EVIDENCE || drop > DECAY_EVIDENCE;
  return { ...plain, evidence, state: !flagged ? null : recentPerWeek === 0 ? "gone_quiet" : "cooling" };
}

export type DaySeries = { weighted: number[]; counts: number[] };

/** The rule's verdict with the counts a lead reads: "n in the 12 weeks before, m in the last 4", over the same windows. */
export function decayNumbers(s: DaySeries) {
  const trend = memberDecay(s.weighted, s.counts);
  const bins = rollingWeeks(s.counts);
  const baselineCount = sum(bins.slice(-RECENT_WEEKS - BASELINE_WEEKS, -RECENT_WEEKS));
  const recentCount = sum(bins.slice(-RECENT_WEEKS));
  return { ...trend, baselineCount, recentCount, lostPerWeek: trend.baselinePerWeek - trend.recentPerWeek };
}

/** Every member the rule flags, the ones who lost most weighted contributions per week first. */
export function flaggedByDays(series: Map<number, DaySeries>) {
  return [...series]
    .map(([userId, s]) => ({ userId, ...decayNumbers(s) }))
    .filter((m) => m.state)
    .sort((a, b) => b.lostPerWeek - a.lostPerWeek);
}
