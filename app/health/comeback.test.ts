import { describe, expect, it } from "vitest";
import { comebackRate, followUp, nudgeOutcome } from "./comeback";

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
