import { describe, expect, it } from "vitest";
import { memberDecay, rollingWeeks } from "./decay";

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
});
