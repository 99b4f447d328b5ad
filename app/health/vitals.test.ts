import { describe, expect, it } from "vitest";
import {
  dauMau,
  latestVisits,
  medianHours,
  questionWeeks,
  visitWindows,
  vitalChange,
  vitalWeeks,
  type VitalWeek,
} from "./vitals";

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

describe("vital signs from the rows the report reads", () => {
  const now = new Date("2026-11-25T12:00:00Z"); // a Wednesday
  const weeks = ["2026-11-16", "2026-11-23"];

  it("counts DAU/MAU over each week (up to today in the current one) and the 30 days up to its end", () => {
    expect(visitWindows(now, weeks)).toEqual([
      { key: "2026-11-16", from: "2026-11-16", to: "2026-11-22", monthFrom: "2026-10-24", days: 7 },
      { key: "2026-11-23", from: "2026-11-23", to: "2026-11-25", monthFrom: "2026-10-27", days: 3 },
      { key: "latest", from: "2026-11-19", to: "2026-11-25", monthFrom: "2026-10-27", days: 7 },
    ]);
    const [week] = visitWindows(now, weeks);
    // 21 visits in 7 days is 3 a day, of 10 visitors in the month: 30%.
    expect(dauMau(week, { key: week.key, daily: 21, monthly: 10 })).toBe(30);
    expect(dauMau(week, { key: week.key, daily: 0, monthly: 0 })).toBe(0);
    expect(dauMau(week, undefined)).toBe(0);
    expect(latestVisits([{ key: "latest", daily: 15, monthly: 9 }])).toEqual({ dau: 2.1, mau: 9 });
  });

  it("takes the median wait for a first answer, a question still waiting being the longest", () => {
    const h = 3_600_000;
    expect(medianHours([3 * h, h, Infinity])).toBe(3);
    expect(medianHours([h, 2 * h])).toBe(2);
    expect(medianHours([h, Infinity, Infinity])).toBeNull();
    expect(medianHours([])).toBeNull();
  });

  it("counts a question unanswered after 48 hours only once 48 hours have passed", () => {
    const at = (hoursAgo: number) => now.getTime() - hoursAgo * 3_600_000;
    const byWeek = questionWeeks(
      [
        [at(49), null],
        [at(47), null],
        [at(60), at(60) + 50 * 3_600_000],
        [at(20), at(20) + 3_600_000],
        [at(24 * 30), null],
      ],
      (t) => (t > at(24 * 7) ? "2026-11-23" : null),
      now,
    );
    expect([...byWeek.keys()]).toEqual(["2026-11-23"]);
    expect(byWeek.get("2026-11-23")).toEqual({ unanswered: 2, waits: [Infinity, Infinity, 50 * 3_600_000, 3_600_000] });
  });

  it("puts each week's rows together: new and returning contributors, readers per contributor, questions, check-ins", () => {
    const vitals = vitalWeeks(now, weeks, {
      rollups: [{ week: "2026-11-23", weighted: 7.25, active: 3, readers: 10 }],
      newContributors: [{ week: "2026-11-23", n: 2 }],
      checkIns: [{ week: "2026-11-16", n: 4 }],
      questions: new Map([["2026-11-23", { unanswered: 0, waits: [1_800_000] }]]),
      visits: [{ key: "2026-11-23", daily: 6, monthly: 4 }],
    });
    expect(vitals).toEqual([
      {
        week: "2026-11-16",
        weighted: 0,
        active: 0,
        newContributors: 0,
        returning: 0,
        readersPerProducer: 0,
        dauMau: 0,
        unanswered48h: 0,
        firstAnswerHours: null,
        attendance: 4,
      },
      {
        week: "2026-11-23",
        weighted: 7.3,
        active: 3,
        newContributors: 2,
        returning: 1,
        readersPerProducer: 3.3,
        dauMau: 50,
        unanswered48h: 0,
        firstAnswerHours: 0.5,
        attendance: 0,
      },
    ]);
  });
});
