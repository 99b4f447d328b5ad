/**
 * The stored weekly verdicts (docs/health.md, "Early warning"): a report a week later shows the verdict
 * given last week and, for the weeks before, the same as replaying them; a write dated in a past week voids
 * the verdicts after it.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { healthWeekly } from "~db/schema";
import { HISTORY_WEEKS, type WeekVerdict } from "~/health/history";
import { db } from "~/utils/db.server";
import { communityWeek } from "~/utils/time";
import { createRandom, makeUser } from "../../test/factories";
import { recordActivity } from "./activity.server";
import { verdictHistory } from "./health-history.server";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2027-09-15T10:00:00Z");
const current = { judged: 0, cooling: 0, flagged: [] };

const record = (userId: number, at: number) =>
  db.transaction((tx) => recordActivity(tx, { actorId: userId, verb: "answer", at: new Date(at) }));

/** The history as replaying every past week gives it. */
function replayed(at: Date) {
  db.delete(healthWeekly).where(eq(healthWeekly.kind, "verdict")).run();
  return verdictHistory(at, current);
}

describe("the stored weekly verdicts", () => {
  it("give last week's verdict as given then, and for the weeks before the same as replaying them", async () => {
    const random = createRandom(17);
    // Steady members, and members who stop at different weeks of the history.
    let steadyId = 0;
    for (let i = 0; i < 24; i++) {
      const user = await makeUser();
      const stops = i % 3 === 0 ? null : random.int(0, 14 * 7);
      if (stops === null) steadyId = user.id;
      for (let d = 40 * 7; d >= 0; d -= random.int(1, 5))
        if (stops === null || d > stops) record(user.id, now.getTime() - d * DAY);
    }
    // The report's own verdict this week: the member rule's, which a replay of the weekly rule would not give.
    const given = { judged: 17, cooling: 1, flagged: [[steadyId, "cooling"]] as WeekVerdict["flagged"] };
    const first = verdictHistory(now, given);
    const verdicts = db.select().from(healthWeekly).where(eq(healthWeekly.kind, "verdict")).all();
    expect(verdicts).toHaveLength(HISTORY_WEEKS);
    expect(first.members.length).toBeGreaterThan(5);

    const nextWeek = new Date(now.getTime() + 7 * DAY);
    const stored = verdictHistory(nextWeek, current);
    expect(stored.weeks[0]).toBe(first.weeks[1]);
    const lastWeek = HISTORY_WEEKS - 2;
    expect(stored.judged[lastWeek]).toBe(17);
    expect(stored.members.find((m) => m.userId === steadyId)?.states[lastWeek]).toBe("c");
    const replay = replayed(nextWeek);
    expect(replay.judged[lastWeek]).not.toBe(17);
    const before = (h: typeof stored) => ({
      judged: h.judged.slice(0, lastWeek),
      cooling: h.cooling.slice(0, lastWeek),
      members: h.members
        .map((m) => ({ userId: m.userId, states: m.states.slice(0, lastWeek) }))
        .filter((m) => m.states.includes("c") || m.states.includes("q")),
    });
    expect(before(stored)).toEqual(before(replay));
  });

  it("are voided after a week a write is dated in", async () => {
    const user = await makeUser();
    verdictHistory(now, current);
    const weeks = db.select({ week: healthWeekly.week }).from(healthWeekly).all();
    const dated = now.getTime() - 5 * 7 * DAY;
    record(user.id, dated);
    const left = db.select({ week: healthWeekly.week }).from(healthWeekly).all();
    expect(left.length).toBeGreaterThan(0);
    expect(left).toEqual(weeks.filter((w) => w.week <= communityWeek(dated)));
  });
});
