import { describe, expect, it } from "vitest";
import { comebackRate, compareComeback, followUp, nudgeOutcome } from "./comeback";
import type { FlaggedInHistory } from "./history";

const DAY = 24 * 3_600_000;
const now = new Date("2027-09-15T12:00:00Z");
const ago = (days: number) => now.getTime() - days * DAY;

describe("the come-back rate of nudges", () => {
  it("counts a member as back at their first contribution, pending while their 4 weeks run, otherwise not back", () => {
    const back = nudgeOutcome({ userId: 1, at: ago(10), backAt: ago(3) }, now);
    const pending = nudgeOutcome({ userId: 2, at: ago(10), backAt: null }, now);
    const notBack = nudgeOutcome({ userId: 3, at: ago(29), backAt: null }, now);
    expect(back).toEqual({ userId: 1, nudgedAt: new Date(ago(10)), backAt: new Date(ago(3)), pending: false });
    expect(pending).toMatchObject({ backAt: null, pending: true });
    expect(notBack).toMatchObject({ backAt: null, pending: false });
    expect(comebackRate([back, pending, notBack])).toEqual({ nudged: 3, cameBack: 1, pending: 1 });
    expect(comebackRate([])).toEqual({ nudged: 0, cameBack: 0, pending: 0 });
  });

  it("tells the page how many days a pending member has left", () => {
    expect(followUp(nudgeOutcome({ userId: 2, at: ago(10), backAt: null }, now), now)).toEqual({
      nudgedAt: new Date(ago(10)).toISOString(),
      backAt: null,
      daysLeft: 18,
    });
    expect(followUp(nudgeOutcome({ userId: 2, at: ago(10) + 3_600_000, backAt: null }, now), now).daysLeft).toBe(19);
    expect(followUp(nudgeOutcome({ userId: 1, at: ago(10), backAt: ago(3) }, now), now)).toMatchObject({
      backAt: new Date(ago(3)).toISOString(),
      daysLeft: null,
    });
  });
});

describe("nudged members against similar ones who were not nudged", () => {
  // Three weekly verdicts, given on these Mondays; `now` is in the week of the last.
  const weeks = ["2027-08-30", "2027-09-06", "2027-09-13"];
  const flagged = (userId: number, states: string, backWeek: string | null = null): FlaggedInHistory => {
    const first = states.search(/[cq]/);
    return {
      userId,
      states,
      since: weeks[first],
      state: states[first] === "c" ? "cooling" : "gone_quiet",
      backWeek,
    };
  };
  const nudged = (userId: number, at: string, backAt: string | null) =>
    nudgeOutcome({ userId, at: Date.parse(at), backAt: backAt ? Date.parse(backAt) : null }, now);

  it("splits both groups by the state the verdicts gave them, and leaves out what cannot be compared", () => {
    const history = {
      weeks,
      members: [
        flagged(1, "cc-"),
        flagged(2, "-qq"),
        flagged(3, "c--"),
        flagged(10, "cc-", "2027-09-06"),
        flagged(11, "cqq"),
        flagged(12, "-qq", "2027-09-13"),
        flagged(13, "--c"),
        flagged(14, "cc-"),
        flagged(15, "ccc"),
      ],
    };
    const outcomes = [
      nudged(1, "2027-09-01T10:00:00Z", "2027-09-03T10:00:00Z"), // cooling that week, back
      nudged(2, "2027-09-08T10:00:00Z", null), // gone quiet, still within their 4 weeks
      nudged(3, "2027-09-02T10:00:00Z", null), // cooling that week, still within their 4 weeks
      nudged(4, "2027-09-02T10:00:00Z", "2027-09-03T10:00:00Z"), // never flagged: left out
      nudged(5, "2027-07-01T10:00:00Z", null), // before the history: left out
    ];
    const contacted = new Map([
      [1, [Date.parse("2027-09-01T10:00:00Z")]],
      [2, [Date.parse("2027-09-08T10:00:00Z")]],
      [3, [Date.parse("2027-09-02T10:00:00Z")]],
      [14, [Date.parse("2027-09-07T10:00:00Z")]], // invited: not in the group that was left alone
      [15, [Date.parse("2027-06-01T10:00:00Z")]], // nudged long before this flag: left alone since
    ]);
    const c = compareComeback(outcomes, history, contacted, now);
    expect(c.cooling).toEqual({
      nudged: { count: 2, back: 1, pending: 1 },
      notNudged: { count: 4, back: 1, pending: 3 },
    });
    expect(c.gone_quiet).toEqual({
      nudged: { count: 1, back: 0, pending: 1 },
      notNudged: { count: 1, back: 1, pending: 0 },
    });
    expect(c.all).toEqual({
      nudged: { count: 3, back: 1, pending: 2 },
      notNudged: { count: 5, back: 2, pending: 3 },
    });
  });

  it("takes a nudged member's state from the next week's verdict when the nudge came first", () => {
    const history = { weeks, members: [flagged(1, "-c-")] };
    const early = [nudged(1, "2027-09-01T10:00:00Z", null)];
    const c = compareComeback(early, history, new Map([[1, [Date.parse("2027-09-01T10:00:00Z")]]]), now);
    expect(c.cooling.nudged.count).toBe(1);
    expect(c.all.notNudged.count).toBe(0);
  });
});
