/**
 * Declining tags and organisations (docs/health.md, "Declining tags and organisations"). Pure: weekly series
 * from tag_weeks and org_weeks, and who asked and answered, read by app/models/health.server.ts.
 *
 * A tag's answers and comments come in clumps per thread: one busy question brings thirty answers in a
 * week, and the week after it is over looks like a fall. Contributions are over-dispersed, and a Poisson
 * test on them (memberTrend, made for one member's own rhythm) flags that noise. So a tag's or an
 * organisation's drop is judged with a quasi-Poisson test: the same change point, its evidence divided by
 * the dispersion of its own weeks around the fitted rates.
 */
import { BASELINE_WEEKS, RECENT_WEEKS, TEST_WEEKS, type Trend } from "./rules";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** A tag or organisation is judged with at least this many contributions a week in its baseline. */
const MIN_BASELINE_PER_WEEK = 1;
/** A drop is flagged when, over-dispersion allowed for, it is e^3 ≈ 20 times likelier than a steady rate. */
const DROP_EVIDENCE = 3;

/** Maximum Poisson log-likelihood of `total` over `weeks` at one rate (constants dropped). */
const fit = (total: number, weeks: number) => (total > 0 ? total * Math.log(total / weeks) - total : 0);

/** Pearson's dispersion of weekly counts around their segments' rates: 1 for Poisson, far above for clumps. */
function dispersion(xs: number[], split: number) {
  const segments = [xs.slice(0, split), xs.slice(split)];
  const chi2 = sum(
    segments.map((seg) => {
      const mean = sum(seg) / seg.length;
      return mean > 0 ? sum(seg.map((x) => (x - mean) ** 2 / mean)) : 0;
    }),
  );
  return Math.max(1, chi2 / Math.max(1, xs.length - 2));
}

export type VolumeTrend = Trend & {
  baselineCount: number;
  recentCount: number;
  lostPerWeek: number;
  /** How clumped the weeks are (variance over mean, at least 1): the Poisson evidence is divided by it. */
  dispersion: number;
};

/**
 * A tag's or organisation's verdict over weekly series (oldest first, the latest week judged last), with
 * the numbers leads read (baseline = the 12 weeks before the last 4, recent = the last 4, as for members).
 * Declining when
 * - the baseline had at least one contribution a week, the plain reading fell below half of it, and the
 *   latest week is not back at the usual rate; and
 * - the best change point of the last 24 weeks (4–12 weeks back) is a drop whose likelihood ratio against
 *   one steady rate, divided by the dispersion of the weeks around the two rates, exceeds e^3.
 * Dividing by the dispersion is the quasi-Poisson test: a tag whose weeks swing with busy threads needs a
 * larger drop to count, one that is as steady as a Poisson count is judged as before.
 */
export function volumeTrend(s: { weighted: number[]; counts: number[] }): VolumeTrend {
  const n = s.counts.length;
  const baseline = (xs: number[]) =>
    xs.slice(Math.max(0, n - RECENT_WEEKS - BASELINE_WEEKS), Math.max(0, n - RECENT_WEEKS));
  const recent = (xs: number[]) => xs.slice(Math.max(0, n - RECENT_WEEKS));
  const baselinePerWeek = sum(baseline(s.weighted)) / BASELINE_WEEKS;
  const recentPerWeek = sum(recent(s.weighted)) / RECENT_WEEKS;
  const baselineCount = sum(baseline(s.counts));
  const recentCount = sum(recent(s.counts));
  const plain = {
    baselinePerWeek,
    recentPerWeek,
    change: baselinePerWeek > 0 ? recentPerWeek / baselinePerWeek - 1 : 0,
    baselineCount,
    recentCount,
    lostPerWeek: baselinePerWeek - recentPerWeek,
  };
  const none = { ...plain, evidence: 0, dispersion: 1, state: null };
  if (n < RECENT_WEEKS + BASELINE_WEEKS || baselineCount < MIN_BASELINE_PER_WEEK * BASELINE_WEEKS) return none;
  if (recentPerWeek >= 0.5 * baselinePerWeek || s.counts[n - 1] >= baselineCount / BASELINE_WEEKS) return none;

  const xs = s.counts.slice(-TEST_WEEKS);
  const total = sum(xs);
  let best = { gain: 0, split: 0 };
  for (let m = RECENT_WEEKS; m <= Math.min(BASELINE_WEEKS, xs.length - RECENT_WEEKS); m++) {
    const after = sum(xs.slice(-m));
    const before = total - after;
    if (after / m >= before / (xs.length - m)) continue;
    const gain = fit(before, xs.length - m) + fit(after, m) - fit(total, xs.length);
    if (gain > best.gain) best = { gain, split: xs.length - m };
  }
  if (!best.split) return none;
  const phi = dispersion(xs, best.split);
  const evidence = best.gain / phi;
  return {
    ...plain,
    evidence,
    dispersion: phi,
    state: evidence > DROP_EVIDENCE ? (recentCount === 0 ? "gone_quiet" : "cooling") : null,
  };
}

/** Distinct members who asked or answered in a tag or organisation, per 4-week block (0–2 baseline, 3 recent). */
export type PeopleRow = { key: number; verb: string; block: number; people: number };
export type Side = { before: number; recent: number; going: boolean };
export type WhoIsGoing = { askers: Side; answerers: Side };

/**
 * For each declining tag or organisation: how many distinct members asked and answered per four weeks, in
 * the baseline (the mean of its three 4-week blocks) and in the last 4 weeks, and which side is going: at
 * least one a block before and half or fewer now. "Askers going" points at a tag nobody brings questions
 * to any more; "answerers going" at questions waiting for the experts who left.
 */
export function whoIsGoing(rows: PeopleRow[], keys: number[]) {
  const side = (key: number, verb: string): Side => {
    const own = rows.filter((r) => r.key === key && r.verb === verb);
    const before = sum(own.filter((r) => r.block < 3).map((r) => r.people)) / 3;
    const recent = sum(own.filter((r) => r.block === 3).map((r) => r.people));
    return { before: Math.round(before * 10) / 10, recent, going: before >= 1 && recent <= before / 2 };
  };
  return new Map(
    keys.map((key): [number, WhoIsGoing] => [key, { askers: side(key, "question"), answerers: side(key, "answer") }]),
  );
}

export const NOBODY_GOING: WhoIsGoing = {
  askers: { before: 0, recent: 0, going: false },
  answerers: { before: 0, recent: 0, going: false },
};
