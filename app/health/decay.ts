/**
 * The member rule (cooling / gone quiet) over daily series that end now: the windows it judges are 7-day
 * bins ending with today, so the verdict does not depend on the weekday the report runs. The statistics
 * and how they were measured: docs/health.md, "The member rule". Pure: no clock, no database.
 */
import { BASELINE_WEEKS, RECENT_WEEKS, TEST_WEEKS, type Trend } from "./rules";

/** The weeks the fade model reads: a year, so the member's usual rate and its drift are known. */
const MODEL_WEEKS = 52;
/** The days the rule reads: a year ending with today (the plain reading uses the last 16 weeks of it). */
export const DECAY_DAYS = MODEL_WEEKS * 7;
/**
 * Judged only when the last four weeks fell below this share of the baseline: a rate that drifts ±25% over
 * the months dips below half now and then (measured: docs/health.md, "Measuring the rule").
 */
export const RECENT_SHARE = 0.35;
/** Gone quiet: four empty weeks that had a chance below 1 in 10,000 at the usual rate. */
const QUIET_EVIDENCE = Math.log(10000);
/** The longest holiday (days without a contribution, since ended) that "steady" explains away. */
const LONGEST_PAUSE = 28;

/**
 * The fade model (docs/health.md, "The member rule"): a hidden Markov model of the member's log rate of
 * active days a week, on a grid from 0.01 to 7 a week in steps of 0.3.
 * - Steady: the log rate drifts as a random walk, 0.05 a week (a standard deviation of 0.36 over a year).
 * - Fading: entered with a chance of 1% a week (a prior, not fitted), by a drop of 1 to 10 grid steps (0.3–3,
 *   to ×0.74 … ×0.05) equally likely, after which the log rate moves by 0, −0.1, −0.25 or −0.5 a week (a
 *   step, a slow, a faster or a fast fall; the four equally likely), with the same drift. It never returns: a
 *   member back at their usual rate is explained by "steady" instead.
 * The verdict is the posterior probability of "fading" at the last bin, shapes and change points averaged.
 */
const GRID_STEP = 0.3;
const LOWEST = Math.log(0.01);
const LEVELS = Math.ceil((Math.log(7) - LOWEST) / GRID_STEP) + 1;
const DRIFT = 0.05;
const FADE_HAZARD = 0.01;
const FADE_SPEEDS = [0, 0.1, 0.25, 0.5];
const JUMP_LO = 1;
const JUMP_HI = 10;
/** Flagged when fading is more likely than not. */
const FADE_POSTERIOR = 0.5;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const LEVEL = Float64Array.from({ length: LEVELS }, (_, k) => LOWEST + k * GRID_STEP);
const RATE = LEVEL.map(Math.exp);

/**
 * The Poisson likelihood of `x` active days in a bin with exposure `open` at each level, up to a factor
 * (divided by its largest value, so that it stays in range).
 */
function poisson(x: number, open: number) {
  const o = Math.max(1e-3, open);
  const shift = x > 0 ? x * Math.log(x / o) - x : 0;
  return LEVEL.map((level, k) => Math.exp(x * (level + Math.log(o)) - o * RATE[k] - shift));
}
/** A bin holds at most 7 active days. */
const LIKELIHOOD = Array.from({ length: 8 }, (_, x) => poisson(x, 1));

/** A week's move of the log rate by `shift` plus the drift, as taps on the grid starting at offset `from`. */
function kernel(shift: number) {
  const s = DRIFT / GRID_STEP;
  const mu = shift / GRID_STEP;
  const from = Math.floor(mu - 3 * s - 0.5);
  const taps = Array.from({ length: Math.ceil(mu + 3 * s + 0.5) - from + 1 }, (_, i) =>
    Math.exp(-((from + i - mu) ** 2) / (2 * s * s)),
  );
  const total = sum(taps);
  // Taps below 1e-9 are dropped (they cost time and change no verdict).
  const kept = taps.map((x) => x / total);
  const lo = kept.findIndex((x) => x > 1e-9);
  const hi = kept.length - 1 - [...kept].reverse().findIndex((x) => x > 1e-9);
  return { from: from + lo, taps: kept.slice(lo, hi + 1) };
}
const STEADY = kernel(0);
const FADES = FADE_SPEEDS.map((v) => kernel(-v));

/**
 * Adds `weight` × the levels lo…hi of `from` (the LEVELS values from offset `at`) moved by kernel `k` to `to`
 * (at the same offset); moves past the grid's ends stay at them.
 */
function spread(
  from: Float64Array,
  to: Float64Array,
  at: number,
  k: { from: number; taps: number[] },
  weight: number,
  lo: number,
  hi: number,
) {
  for (let i = lo; i <= hi; i++) {
    const v = from[at + i] * weight;
    if (v === 0) continue;
    for (let j = 0; j < k.taps.length; j++) {
      const m = i + k.from + j;
      to[at + (m < 0 ? 0 : m >= LEVELS ? LEVELS - 1 : m)] += v * k.taps[j];
    }
  }
}

/** How far a week's move reaches down and up, in levels. */
const REACH_DOWN = Math.max(JUMP_HI, ...[STEADY, ...FADES].map((k) => -k.from));
const REACH_UP = Math.max(...[STEADY, ...FADES].map((k) => k.from + k.taps.length - 1));
/** Levels whose probability falls below this are dropped (a speed-up that changes no verdict). */
const NEGLIGIBLE = 1e-15;

/**
 * The posterior probability that the member is fading at the last of the weekly bins `xs` (active days a
 * week, oldest first), each bin's rate in proportion to its exposure `open` (1, less where a holiday that
 * ended is left out). Forward algorithm from the first bin with a contribution, a flat prior on the level.
 */
export function fadePosterior(xs: number[], open: number[] = xs.map(() => 1)) {
  const first = xs.findIndex((x) => x > 0);
  if (first < 0) return 0;
  const S = FADES.length;
  let steady = new Float64Array(LEVELS).fill(1 / LEVELS);
  // Fade s at level k is fading[s * LEVELS + k].
  let fading = new Float64Array(S * LEVELS);
  let nextSteady = new Float64Array(LEVELS);
  let nextFading = new Float64Array(S * LEVELS);
  const entry = FADE_HAZARD / S / (JUMP_HI - JUMP_LO + 1);
  /** below[i]: the steady mass of the levels under i. */
  const below = new Float64Array(LEVELS + 1);
  // The levels that hold any probability.
  let lo = 0;
  let hi = LEVELS - 1;
  for (let t = first; t < xs.length; t++) {
    if (t > first) {
      nextSteady.fill(0);
      nextFading.fill(0);
      spread(steady, nextSteady, 0, STEADY, 1 - FADE_HAZARD, lo, hi);
      // Entering a fade from level k lands at k − JUMP_HI … k − JUMP_LO, each equally likely, drops below the
      // grid at its lowest level: level m gets the mass of levels m + JUMP_LO … m + JUMP_HI, level 0 also
      // every jump that would go below it.
      below.fill(0, 0, lo + 1);
      for (let k = lo; k <= hi; k++) below[k + 1] = below[k] + steady[k];
      for (let k = hi + 1; k < LEVELS; k++) below[k + 1] = below[k];
      for (let m = Math.max(0, lo - JUMP_HI); m <= hi - JUMP_LO; m++) {
        let into = below[Math.min(LEVELS, m + JUMP_HI + 1)] - below[Math.min(LEVELS, m + JUMP_LO)];
        if (m === 0)
          for (let k = lo; k <= Math.min(hi, JUMP_HI); k++)
            into += steady[k] * (JUMP_HI - Math.max(JUMP_LO, k) + 1) - (k >= JUMP_LO ? steady[k] : 0);
        for (let s = 0; s < S; s++) nextFading[s * LEVELS + m] += entry * into;
      }
      for (let s = 0; s < S; s++) spread(fading, nextFading, s * LEVELS, FADES[s], 1, lo, hi);
      [steady, nextSteady] = [nextSteady, steady];
      [fading, nextFading] = [nextFading, fading];
      lo = Math.max(0, lo - REACH_DOWN);
      hi = Math.min(LEVELS - 1, hi + REACH_UP);
    }
    const x = xs[t];
    const o = open[t];
    const likelihood = o === 1 && x < LIKELIHOOD.length ? LIKELIHOOD[x] : poisson(x, o);
    let total = 0;
    for (let k = lo; k <= hi; k++) {
      const e = likelihood[k];
      steady[k] *= e;
      total += steady[k];
      for (let s = k; s < S * LEVELS; s += LEVELS) {
        fading[s] *= e;
        total += fading[s];
      }
    }
    const scale = 1 / total;
    for (let k = lo; k <= hi; k++) {
      steady[k] *= scale;
      for (let s = k; s < S * LEVELS; s += LEVELS) fading[s] *= scale;
    }
    const mass = (k: number) => {
      let m = steady[k];
      for (let s = k; s < S * LEVELS; s += LEVELS) m += fading[s];
      return m;
    };
    const drop = (k: number) => {
      steady[k] = 0;
      for (let s = k; s < S * LEVELS; s += LEVELS) fading[s] = 0;
    };
    while (lo < hi && mass(lo) < NEGLIGIBLE) drop(lo++);
    while (hi > lo && mass(hi) < NEGLIGIBLE) drop(hi--);
  }
  let p = 0;
  for (let s = 0; s < S * LEVELS; s++) p += fading[s];
  return p;
}

/** 7-day bins of a daily series, oldest first, the last one ending with its last day; days before it count 0. */
export function rollingWeeks(days: number[], weeks = TEST_WEEKS) {
  const bins = Array<number>(weeks).fill(0);
  for (let d = Math.max(0, days.length - 7 * weeks); d < days.length; d++)
    bins[weeks - 1 - Math.floor((days.length - 1 - d) / 7)] += days[d];
  return bins;
}

/**
 * The holiday the model leaves out: the longest run of 7 or more empty days that has ended (a
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
  if (!longest.length) return undefined;
  const open = Array<number>(days.length / 7).fill(1);
  for (let d = longest.end - Math.min(longest.length, LONGEST_PAUSE); d < longest.end; d++)
    open[Math.floor(d / 7)] -= 1 / 7;
  return open;
}

/** Variance over mean of weekly counts: below 1 for a regular member, above for a bursty one. */
function dispersion(xs: number[]) {
  const mean = sum(xs) / xs.length;
  if (xs.length < 2 || mean === 0) return 1;
  return sum(xs.map((x) => (x - mean) ** 2)) / (xs.length - 1) / mean;
}

/**
 * Member cooling / gone quiet over daily series ending with today (oldest first, up to DECAY_DAYS): `weighted`
 * gives the plain reading leads see over 7-day bins ending today (baseline = weeks 5–16 back, recent = the
 * last 4), `counts` (contributions a day) drive the decision. Judged only with a baseline of at least 0.5 a
 * week, the plain reading below RECENT_SHARE (35%) of it, and the last 7 days below the usual week; then
 * flagged when
 * - the last four weeks are empty and had less than a 1 in 10,000 chance at the usual rate (gone quiet), or
 * - the fade model puts the posterior probability of "fading" above 0.5, reading the days with a
 *   contribution in each 7-day bin of the last year (contributions come in sittings: a day counts once),
 *   with one holiday that ended left out. `evidence` is its log posterior odds.
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
  // Gone quiet needs no model (and saves its cost).
  if (quiet > QUIET_EVIDENCE) return { ...plain, evidence: quiet, state: "gone_quiet" };
  const days = counts.slice(-DECAY_DAYS).map((c) => (c > 0 ? 1 : 0));
  const year = [...Array<number>(DECAY_DAYS - days.length).fill(0), ...days];
  const p = fadePosterior(rollingWeeks(year, MODEL_WEEKS), holiday(year));
  const evidence = Math.max(0, Math.log(p / (1 - p)), quiet);
  return { ...plain, evidence, state: p <= FADE_POSTERIOR ? null : recentPerWeek === 0 ? "gone_quiet" : "cooling" };
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
