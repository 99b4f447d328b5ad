import { describe, expect, it } from "vitest";
import { DECAY_DAYS, fadePosterior, memberDecay, rollingWeeks } from "./decay";

/** Daily counts: `perWeek` contributions a week, one every 7/perWeek days, over `weeks` weeks. */
const steady = (weeks: number, perWeek: number) =>
  Array.from({ length: weeks * 7 }, (_, d) =>
    Math.floor(((d + 1) * perWeek) / 7) > Math.floor((d * perWeek) / 7) ? 1 : 0,
  );
const empty = (days: number) => Array<number>(days).fill(0);

describe("member rule on windows ending now", () => {
  it("bins end with today, whatever the weekday", () => {
    const days = [...empty(3), 1, ...empty(6), 2];
    expect(rollingWeeks(days, 3)).toEqual([0, 1, 2]);
  });

  it("flags a member who went quiet four weeks ago and one who fell to a trickle", () => {
    expect(memberDecay([...steady(20, 2), ...empty(28)]).state).toBe("gone_quiet");
    const trickle = [...steady(16, 3), ...steady(4, 1), ...steady(4, 0.5)];
    expect(memberDecay(trickle).state).toBe("cooling");
  });

  it("does not flag a holiday that has ended, nor a steady member", () => {
    expect(memberDecay([...steady(19, 2), ...empty(21), ...steady(2, 2)]).state).toBeNull();
    expect(memberDecay(steady(24, 2)).state).toBeNull();
  });

  it("the same member, read a day later or sooner, gets the same verdict", () => {
    const days = [...steady(18, 3), ...steady(6, 0.5), ...empty(6)];
    const verdicts = [0, 1, 2, 3, 4, 5, 6].map((d) => memberDecay(days.slice(0, days.length - d)).state);
    expect(new Set(verdicts).size).toBe(1);
  });

  it("flags a member fading in a straight line while they still post, not one at a low ebb of a year's drift", () => {
    // A year at 3 a week, then 10 weeks falling in a straight line: the last 4 weeks at 1 or 2 a week.
    const line = Array.from({ length: 10 }, (_, i) => steady(1, 3 * (1 - (i + 1) / 10) + 0.4)).flat();
    const fading = [...steady(42, 3), ...line];
    expect(memberDecay(fading).state).toBe("cooling");
    // The same year, but the rate has drifted between 2 and 4 a week all along: the last weeks' dip is usual.
    const ebb = [...Array.from({ length: 12 }, (_, i) => steady(4, i % 2 ? 4 : 2)).flat(), ...steady(4, 1)];
    expect(memberDecay(ebb).state).toBeNull();
  });

  it("reads a year: a fade that began before the 16 weeks of the plain reading still counts", () => {
    const days = [...steady(30, 4), ...steady(18, 1.5), ...steady(4, 0.4)];
    expect(days.length).toBe(DECAY_DAYS);
    expect(memberDecay(days).state).toBe("cooling");
  });

  it("the fade model: a step down is likelier fading, a steady series and one back from a pause are not", () => {
    const flat = Array<number>(40).fill(2);
    expect(fadePosterior(flat)).toBeLessThan(0.1);
    expect(fadePosterior([...flat, 1, 0, 0, 1, 0, 0, 1, 0])).toBeGreaterThan(0.9);
    // Three weeks away, left out as a holiday that ended, then back at the usual rate.
    const open = [...Array<number>(40).fill(1), 0, 0, 0, 1, 1];
    expect(fadePosterior([...flat, 0, 0, 0, 2, 2], open)).toBeLessThan(0.1);
  });
});
