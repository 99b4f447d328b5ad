import { describe, expect, it } from "vitest";
import { createRandom } from "../../test/factories";
import { BASELINE_WEEKS, memberTrend, RECENT_WEEKS, TEST_WEEKS } from "./rules";
import { completeWeeks, flaggedMembers, lastWeeks, mayBeFlagged, seriesBy, trendNumbers, unpackWeeks } from "./series";

const now = new Date("2026-11-25T12:00:00Z"); // a Wednesday

describe("weekly series", () => {
  it("counts weeks back from the current one; the report judges complete weeks only", () => {
    expect(lastWeeks(now, 3)).toEqual(["2026-11-09", "2026-11-16", "2026-11-23"]);
    expect(completeWeeks(now, 2)).toEqual(["2026-11-09", "2026-11-16"]);
  });

  it("turns rollup rows into one series per key: weeks without a row are 0, rows outside the weeks are left out", () => {
    const weeks = ["2026-11-09", "2026-11-16"];
    const series = seriesBy(
      [
        { key: 1, week: "2026-11-16", weighted: 3, contributions: 2 },
        { key: 1, week: "2026-11-16", weighted: 0.5, contributions: 1 },
        { key: 2, week: "2026-11-09", weighted: 1, contributions: 1 },
        { key: 2, week: "2026-11-02", weighted: 9, contributions: 9 },
      ],
      weeks,
    );
    expect(series.get(1)).toEqual({ weighted: [0, 3.5], counts: [0, 3] });
    expect(series.get(2)).toEqual({ weighted: [1, 0], counts: [1, 0] });
  });

  it("unpacks a member's weeks read with group_concat", () => {
    expect(unpackWeeks([{ key: 7, weeks: "2026-11-09 2.5 2,2026-11-16 1 1" }])).toEqual([
      { key: 7, week: "2026-11-09", weighted: 2.5, contributions: 2 },
      { key: 7, week: "2026-11-16", weighted: 1, contributions: 1 },
    ]);
  });

  it("gives the counts a lead reads beside the rule's verdict, and flags the members who lost most first", () => {
    const quiet = [...Array<number>(12).fill(1), 0, 0, 0, 0];
    expect(trendNumbers({ weighted: quiet, counts: quiet })).toMatchObject({
      state: "gone_quiet",
      baselineCount: 12,
      recentCount: 0,
      lostPerWeek: 1,
    });
    const weeks = lastWeeks(now, 16);
    const rows = (key: number, perWeek: number[]) =>
      perWeek.map((n, i) => ({ key, week: weeks[i], weighted: n, contributions: n }));
    const flagged = flaggedMembers(
      [
        ...rows(1, quiet),
        ...rows(
          2,
          quiet.map((x) => 3 * x),
        ),
        ...rows(3, Array<number>(16).fill(2)),
      ],
      weeks,
    );
    expect(flagged.map((m) => [m.userId, m.lostPerWeek])).toEqual([
      [2, 3],
      [1, 1],
    ]);
  });

  it("reads every member the rule can flag: whoever memberTrend flags passes mayBeFlagged (the report's SQL pre-filter)", () => {
    const random = createRandom(6);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const weights = [0.5, 1, 2, 3];
    let flagged = 0;
    for (let i = 0; i < 20_000; i++) {
      // Steady, fading (linear, geometric, a step down), pausing and bursty members at rates around the threshold.
      const rate = random.next() * 4;
      const shape = random.int(0, 4);
      const start = random.int(4, 20);
      const counts = Array.from({ length: TEST_WEEKS }, (_, w) => {
        const factor =
          w < start ? 1 : [1, Math.max(0, 1 - (w - start) / 8), 0.6 ** (w - start), 0.3, w - start < 3 ? 0 : 1][shape];
        let n = 0;
        for (let k = 0; k < 10; k++) if (random.next() < (rate * factor) / 10) n++;
        return n;
      });
      const weighted = counts.map((n) => sum(Array.from({ length: n }, () => random.pick(weights))));
      const trend = memberTrend(weighted, counts);
      if (!trend.state) continue;
      flagged++;
      const recent = sum(weighted.slice(-RECENT_WEEKS));
      const baseline = sum(weighted.slice(-RECENT_WEEKS - BASELINE_WEEKS, -RECENT_WEEKS));
      expect(mayBeFlagged(baseline, recent)).toBe(true);
    }
    expect(flagged).toBeGreaterThan(1000);
  });
});
