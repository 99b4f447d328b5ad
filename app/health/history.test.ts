import { describe, expect, it } from "vitest";
import { earlyWarning } from "./forecast";
import { countsOf, historyOf, HISTORY_WEEKS, stateAt, weeklyVerdicts } from "./history";
import { TEST_WEEKS } from "./rules";
import { flaggedMembers, lastWeeks, type WeekRow } from "./series";

/** Every one of the last HISTORY_WEEKS verdicts replayed from `rows`, as a database without stored verdicts gets them. */
const flagHistory = (rows: WeekRow<number>[], weeks: string[]) =>
  historyOf(
    weeklyVerdicts(
      rows,
      weeks,
      Array.from({ length: HISTORY_WEEKS }, (_, i) => weeks.length - HISTORY_WEEKS + i),
    ),
    countsOf(rows, weeks.slice(-HISTORY_WEEKS)),
  );

const now = new Date("2027-03-10T12:00:00Z");
const weeks = lastWeeks(now, TEST_WEEKS + HISTORY_WEEKS);

/** A member's rows from their contributions per week (one weighted point each), oldest week first. */
const member = (userId: number, perWeek: (i: number) => number): WeekRow<number>[] =>
  weeks.map((week, i) => ({ key: userId, week, weighted: perWeek(i), contributions: perWeek(i) }));

/** A small deterministic generator: the same community every run. */
function random(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
function poisson(rate: number, next: () => number) {
  let k = 0;
  for (let p = next(); p > Math.exp(-rate); p *= next()) k++;
  return k;
}

describe("the rule's verdicts at each of the last weeks", () => {
  it("gives, at every week, the verdicts the report gave that week (its latest is the report's own)", () => {
    const next = random(7);
    const rows: WeekRow<number>[] = [];
    for (let id = 1; id <= 300; id++) {
      const rate = 0.3 + 4 * next();
      const kind = id % 5; // steady, fading in a line, a step down, gone quiet, newcomer
      const start = 14 + Math.floor(next() * 20);
      rows.push(
        ...member(id, (i) => {
          if (kind === 4 && i < start) return 0;
          if (i < start || kind === 0) return poisson(rate, next);
          const factor = kind === 1 ? Math.max(0.05, 1 - (i - start) / 10) : kind === 2 ? 0.3 : 0;
          return poisson(rate * factor, next);
        }),
      );
    }
    const history = flagHistory(rows, weeks);
    expect(history.weeks).toEqual(weeks.slice(-HISTORY_WEEKS));
    let flaggedSomewhere = 0;
    for (let v = 0; v < HISTORY_WEEKS; v++) {
      const at = weeks.length - HISTORY_WEEKS + v;
      const report = flaggedMembers(rows, weeks.slice(at - TEST_WEEKS, at));
      const states = new Map(history.members.map((m) => [m.userId, stateAt(m, v)]));
      expect(new Map(report.map((m) => [m.userId, m.state]))).toEqual(
        new Map([...states].filter(([, state]) => state)),
      );
      expect(history.cooling[v]).toBe(report.filter((m) => m.state === "cooling").length);
      flaggedSomewhere += report.length;
    }
    expect(flaggedSomewhere).toBeGreaterThan(30);
  });

  it("records when a member was first flagged, in which state, and the week they contributed again", () => {
    const fadeAt = weeks.length - 10;
    const rows = [
      ...member(1, () => 3),
      ...member(2, (i) => (i < fadeAt ? 4 : i === weeks.length - 5 ? 2 : 0)),
      ...member(3, (i) => (i < fadeAt ? 4 : 0)),
      ...member(4, () => 0.25),
    ];
    const history = flagHistory(rows, weeks);
    expect(history.judged).toEqual(Array(HISTORY_WEEKS).fill(3));
    const byId = new Map(history.members.map((m) => [m.userId, m]));
    expect(byId.has(1)).toBe(false);
    const quiet = byId.get(3)!;
    expect(quiet.state).toBe("gone_quiet");
    expect(quiet.backWeek).toBeNull();
    expect(quiet.states).toMatch(/^-+q+$/);
    expect(weeks.indexOf(quiet.since)).toBe(weeks.length - HISTORY_WEEKS + quiet.states.indexOf("q"));
    const back = byId.get(2)!;
    expect(back.since).toBe(quiet.since);
    expect(back.backWeek).toBe(weeks[weeks.length - 5]);
    const share = earlyWarning([], { weeks: ["a", "b", "c"], judged: [4, 0, 2], cooling: [1, 0, 2] }).cooling.rows;
    expect(share.map((r) => r.value)).toEqual([0.25, 0, 1]);
  });
});
