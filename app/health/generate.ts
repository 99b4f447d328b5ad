/**
 * Test support: generated communities whose members' behaviour is known, as daily contribution series, for
 * the detection test (detection.test.ts; how it is judged is in docs/health.md, "Measuring the rule").
 * Day 0 is a Monday. The report reads every day of the 24 observed weeks (FIRST_READING..LAST_READING),
 * each time the days up to that moment only; 30 weeks of history come before, 8 weeks after.
 */
import { createRandom } from "../../test/factories";
import { DECAY_DAYS } from "./decay";

type Random = ReturnType<typeof createRandom>;

export const KINDS = [
  "steady",
  "weekdays",
  "pause",
  "newcomer",
  "occasional",
  "linear",
  "geometric",
  "step",
  "quiet",
] as const;
export type Kind = (typeof KINDS)[number];
/** Fading and gone quiet: the members the rule must flag. */
export const POSITIVE: Kind[] = ["linear", "geometric", "step", "quiet"];

/** Members per kind in a community of 300: a quarter fade or go quiet. */
export const MIX: Record<Kind, number> = {
  steady: 75,
  weekdays: 30,
  pause: 45,
  newcomer: 30,
  occasional: 45,
  linear: 20,
  geometric: 20,
  step: 20,
  quiet: 15,
};

export const FIRST_READING = 30 * 7;
export const LAST_READING = FIRST_READING + 24 * 7 - 1;
export const DAYS = LAST_READING + 1 + 56;

const WEIGHTS = [3, 2, 2, 2, 1, 1, 0.5, 0.5]; // article, answers, questions, comments

export type GeneratedMember = {
  kind: Kind;
  /** Fading and quiet: the day it began. Pause: the days it ran, [from, to). */
  from?: number;
  to?: number;
  /** Per day, the weight of each contribution (its length is the day's count). */
  days: number[][];
};

function poisson(random: Random, lambda: number) {
  if (lambda <= 0) return 0;
  let k = 0;
  let p = Math.exp(-lambda);
  let cumulative = p;
  const u = random.next();
  while (u > cumulative && k < 200) {
    k++;
    p *= lambda / k;
    cumulative += p;
  }
  return k;
}

const uniform = (random: Random, a: number, b: number) => a + random.next() * (b - a);
const logUniform = (random: Random, a: number, b: number) => Math.exp(uniform(random, Math.log(a), Math.log(b)));

/**
 * One member's days. Rates are per week; contributions come in sessions (several answers in one sitting),
 * the weekly rate drifts slowly (±25%: busy months and quiet ones), most members post less at weekends and
 * some only on one to three fixed weekdays. `shape(day)` multiplies the rate.
 */
function daysOf(
  random: Random,
  perWeek: number,
  {
    session = 1.3,
    weekdays = null,
    shape = () => 1,
  }: { session?: number; weekdays?: number[] | null; shape?: (day: number) => number } = {},
) {
  const dayFactor = Array.from({ length: 7 }, (_, d) =>
    weekdays ? (weekdays.includes(d) ? 7 / weekdays.length : 0) : d >= 5 ? 0.5 : 1.2,
  );
  let drift = 0;
  const mix = random.int(0, WEIGHTS.length - 4);
  return Array.from({ length: DAYS }, (_, day) => {
    if (day % 7 === 0) drift = 0.9 * drift + 0.1 * (random.next() * 2 - 1) * 1.7;
    const rate = (perWeek / 7) * dayFactor[day % 7] * Math.exp(drift) * shape(day);
    const sessions = poisson(random, rate / session);
    const weights: number[] = [];
    for (let s = 0; s < sessions; s++)
      for (let n = 1 + poisson(random, session - 1); n > 0; n--) weights.push(WEIGHTS[mix + random.int(0, 3)]);
    return weights;
  });
}

function member(random: Random, kind: Kind): GeneratedMember {
  const week = 7;
  switch (kind) {
    case "steady":
      return { kind, days: daysOf(random, logUniform(random, 0.5, 5)) };
    case "weekdays": {
      const count = random.int(1, 3);
      const weekdays = [...new Set(Array.from({ length: count }, () => random.int(0, 4)))];
      return { kind, days: daysOf(random, logUniform(random, 0.5, 5), { weekdays }) };
    }
    case "pause": {
      // A holiday of one to four weeks; back with a contribution.
      const from = random.int(FIRST_READING - 28, LAST_READING - 35);
      const to = from + random.int(7, 28);
      const days = daysOf(random, logUniform(random, 0.5, 5), { shape: (d) => (d >= from && d < to ? 0 : 1) });
      if (!days[to].length) days[to].push(2);
      return { kind, from, to, days };
    }
    case "newcomer": {
      const joined = random.int(FIRST_READING - 15 * week, LAST_READING - 2 * week);
      const days = daysOf(random, logUniform(random, 0.5, 5), { shape: (d) => (d < joined ? 0 : 1) });
      if (!days[joined].length) days[joined].push(1);
      return { kind, days };
    }
    case "occasional":
      // Below the floor, in bursts: a few sittings of several contributions a quarter.
      return { kind, days: daysOf(random, uniform(random, 0.1, 0.45), { session: uniform(random, 2, 4) }) };
    case "linear": {
      // A straight line over 8–14 weeks to a trickle of 3–10% of before, which goes on.
      const length = random.int(8, 14) * week;
      const trickle = uniform(random, 0.03, 0.1);
      return fading(random, kind, (d) => Math.max(trickle, 1 - d / length));
    }
    case "geometric": {
      // 10–30% less every week, to a trickle of 3%.
      const factor = uniform(random, 0.7, 0.9);
      return fading(random, kind, (d) => Math.max(0.03, factor ** (d / week)));
    }
    case "step": {
      // Down to 20–35% of before, and staying there.
      const level = uniform(random, 0.2, 0.35);
      return fading(random, kind, () => level);
    }
    case "quiet": {
      // Stops abruptly, at least 8 weeks before the last reading.
      const from = random.int(FIRST_READING - 7, LAST_READING - 8 * week);
      return { kind, from, days: daysOf(random, logUniform(random, 1, 5), { shape: (d) => (d < from ? 1 : 0) }) };
    }
  }
}

/** A fading member, 1–5 a week before: `shape(days since the fade began)`, beginning in the first 10 observed weeks. */
function fading(random: Random, kind: Kind, shape: (day: number) => number): GeneratedMember {
  const from = random.int(FIRST_READING - 14, FIRST_READING + 10 * 7);
  const days = daysOf(random, logUniform(random, 1, 5), { shape: (d) => (d < from ? 1 : shape(d - from)) });
  return { kind, from, days };
}

/** A community of 300 members (MIX) from `seed`. */
export function generateCommunity(seed: number) {
  const random = createRandom(seed);
  return KINDS.flatMap((kind) => Array.from({ length: MIX[kind] }, () => member(random, kind)));
}

const daily = new WeakMap<GeneratedMember, { weighted: number[]; counts: number[] }>();

/**
 * What the report sees at `day` at `hour` of it: daily weighted sums and counts of the days it reads
 * (DECAY_DAYS, a year, or all generated days before if fewer) up to and including that day, the day itself
 * only as far as it has gone.
 */
export function seenAt(m: GeneratedMember, day: number, hour: number) {
  let all = daily.get(m);
  if (!all) {
    all = { weighted: m.days.map((d) => d.reduce((a, b) => a + b, 0)), counts: m.days.map((d) => d.length) };
    daily.set(m, all);
  }
  const from = Math.max(0, day + 1 - DECAY_DAYS);
  const weighted = all.weighted.slice(from, day + 1);
  const counts = all.counts.slice(from, day + 1);
  const today = m.days[day].slice(0, Math.floor((m.days[day].length * hour) / 24));
  weighted[weighted.length - 1] = today.reduce((a, b) => a + b, 0);
  counts[counts.length - 1] = today.length;
  return { weighted, counts };
}

/** Whether the member contributes after `day` (in the eight generated weeks after the report). */
export const contributesAfter = (m: GeneratedMember, day: number) => m.days.slice(day + 1).some((d) => d.length > 0);
