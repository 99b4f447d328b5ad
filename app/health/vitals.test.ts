import { describe, expect, it } from "vitest";
import { vitalChange, type VitalWeek } from "./vitals";

const week = (i: number, weighted: number, firstAnswerHours: number | null = null): VitalWeek => ({
  week: `w${i}`,
  weighted,
  active: 0,
  newContributors: 0,
  returning: 0,
  readersPerProducer: 0,
  dauMau: 0,
  unanswered48h: 0,
  firstAnswerHours,
  attendance: 0,
});

describe("vital change against the period before", () => {
  it("compares the mean of the last weeks with the weeks before", () => {
    const vitals = [10, 10, 10, 10, 6, 6, 6, 6].map((w, i) => week(i, w));
    expect(vitalChange(vitals, "weighted", 4)).toBeCloseTo(-0.4);
  });

  it("skips weeks without a value and says when there is nothing to compare", () => {
    const vitals = [week(0, 0, 10), week(1, 0, null), week(2, 0, 15), week(3, 0, null)];
    expect(vitalChange(vitals, "firstAnswerHours", 2)).toBeCloseTo(0.5);
    expect(vitalChange(vitals, "weighted", 2)).toBeNull();
  });
});
