import { describe, expect, it } from "vitest";
import { communityWeek } from "~/utils/time";
import { busFactor, communityDecline, memberTrend } from "./rules";

const weeks = (...parts: [number, number][]) => parts.flatMap(([value, count]) => Array<number>(count).fill(value));

describe("member trend", () => {
  it("1 a week for 12 weeks, then none for 4: gone quiet", () => {
    const trend = memberTrend(weeks([1, 12], [0, 4]));
    expect(trend).toMatchObject({ state: "gone_quiet", baselinePerWeek: 1, recentPerWeek: 0, change: -1 });
    expect(trend.evidence).toBeGreaterThan(Math.log(10000));
  });

  it("a baseline of 0.4 a week is never flagged", () => {
    expect(memberTrend(weeks([0.4, 12], [0, 4])).state).toBeNull();
    expect(memberTrend([1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0]).state).toBeNull(); // 5 in 12 weeks
  });

  it("cooling starts just below half of the baseline, not at half", () => {
    expect(memberTrend(weeks([10, 12], [4.9, 4])).state).toBe("cooling");
    expect(memberTrend(weeks([10, 12], [5, 4])).state).toBeNull();
  });

  it("a short pause that has ended (back to the usual rate this week) is not flagged", () => {
    expect(memberTrend(weeks([2, 12], [0, 3], [2, 1])).state).toBeNull();
  });

  it("a drop that chance explains is not flagged", () => {
    // 0.75 a week, then 1 in four weeks: a third of the rate, but a three-week break explains it as well.
    expect(
      memberTrend(weeks([0.75, 12], [0.25, 4]), [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0]).state,
    ).toBeNull();
  });

  it("a holiday of three weeks is not a drop; four empty weeks of a steady member are", () => {
    const steady = [2, 3, 1, 2, 2, 3, 2, 1, 2, 3, 2, 2, 1, 3, 2, 2, 3, 2, 1, 2];
    expect(memberTrend([...steady, 2, 0, 0, 0]).state).toBeNull();
    expect(memberTrend([...steady, 0, 0, 0, 0]).state).toBe("gone_quiet");
  });

  it("a regular member is judged by how regular they were: four empty weeks after never missing one", () => {
    const bursty = [0, 3, 0, 0, 4, 0, 1, 0, 0, 4, 0, 2];
    expect(memberTrend([...weeks([1, 8]), ...bursty, 0, 0, 0, 0]).state).toBeNull();
    expect(memberTrend([...weeks([1, 20]), 0, 0, 0, 0]).state).toBe("gone_quiet");
  });

  it("a change point alone is not cooling when the plain reading is not below half", () => {
    // The rate fell from 4 to about 1 twelve weeks ago, but leads would read "36 in the 12 weeks before,
    // 6 in the last 4: -50%": not below half, so no flag; 3 in the last 4 is.
    expect(memberTrend([...weeks([4, 12], [1, 8]), 2, 2, 1, 1]).state).toBeNull();
    expect(memberTrend([...weeks([4, 12], [1, 8]), 1, 1, 0, 1]).state).toBe("cooling");
  });

  it("a gradual fade with a trickle left is cooling", () => {
    const trend = memberTrend([2, 3, 2, 2, 3, 2, 2, 3, 2, 2, 3, 2, 2, 3, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0]);
    expect(trend.state).toBe("cooling");
    expect(trend.change).toBeLessThan(-0.5);
  });
});

describe("community decline and concentration", () => {
  it("flags a 4-week average more than 30% below its 26-week peak", () => {
    expect(communityDecline(weeks([10, 26], [6.9, 4])).declining).toBe(true);
    expect(communityDecline(weeks([10, 26], [7.1, 4])).declining).toBe(false);
  });

  it("counts the fewest members who made half of a tag's contributions", () => {
    expect(
      busFactor([
        { userId: 1, contributions: 12 },
        { userId: 2, contributions: 4 },
        { userId: 3, contributions: 4 },
      ]).carriers,
    ).toEqual([1]);
    expect(busFactor([1, 2, 3, 4].map((userId) => ({ userId, contributions: 5 }))).factor).toBe(2);
  });
});

describe("weeks in Europe/Amsterdam", () => {
  it("run Monday to Sunday in local time, across the daylight-saving change", () => {
    // Sunday 26 October 2025, 23:30 local (22:30 UTC, after the clocks went back) is still that week.
    expect(communityWeek(new Date("2025-10-26T22:30:00Z"))).toBe("2025-10-20");
    // Monday 27 October 00:30 local is 23:30 UTC on Sunday: already the next week.
    expect(communityWeek(new Date("2025-10-26T23:30:00Z"))).toBe("2025-10-27");
    // Spring: Sunday 29 March 2026 23:30 local is 21:30 UTC.
    expect(communityWeek(new Date("2026-03-29T21:30:00Z"))).toBe("2026-03-23");
    expect(communityWeek(new Date("2026-03-29T22:30:00Z"))).toBe("2026-03-30");
  });
});
