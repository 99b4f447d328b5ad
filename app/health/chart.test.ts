import { describe, expect, it } from "vitest";
import { chartNumber, labelledWeeks, weekDate, weekLabel, yScale } from "./chart";

describe("chart scales and labels", () => {
  it("rounds the y-scale to readable ticks that cover every value, from 0", () => {
    expect(yScale([3, 17, 42])).toEqual({ min: 0, max: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(yScale([0.3, 1.2])).toEqual({ min: 0, max: 1.25, ticks: [0, 0.25, 0.5, 0.75, 1, 1.25] });
    expect(yScale([-4, 9]).ticks).toEqual([-5, 0, 5, 10]);
    expect(yScale([0, 0, null])).toEqual({ min: 0, max: 1, ticks: [0, 1] });
  });

  it("never gives counts of people fractional ticks", () => {
    expect(yScale([1, 2, 3], { integers: true }).ticks.every(Number.isInteger)).toBe(true);
    expect(yScale([1, 2, 3], { integers: true }).max).toBeGreaterThanOrEqual(3);
  });

  it("labels every fourth week counted back from the latest, which is always labelled", () => {
    expect(labelledWeeks(26)).toEqual([1, 5, 9, 13, 17, 21, 25]);
    expect(labelledWeeks(4)).toEqual([3]);
    expect(weekLabel("2026-06-01", "en")).toBe("1 Jun");
    expect(weekLabel("2026-06-01", "nl")).toBe("1 jun");
  });

  it("prints week dates and values in the reader's locale, the same from its cache", () => {
    expect(weekDate("2026-06-01", "en")).toBe("1 Jun 2026");
    expect(weekDate("2026-06-01", "nl")).toBe("1 jun 2026");
    expect(weekDate("2026-06-01", "en")).toBe("1 Jun 2026");
    expect(chartNumber(2.25, "nl")).toBe("2,3");
    expect(chartNumber(1234.5, "en")).toBe("1,234.5");
    expect(chartNumber(2.25, "nl")).toBe("2,3");
  });
});
