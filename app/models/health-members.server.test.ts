/**
 * The member rule's stored passes (docs/health.md, "How the report is made"): a snapshot later in the day
 * gives the verdicts a fresh pass would give, re-judging the members who contributed since; writes that
 * could change other members' windows void the pass.
 */
import { describe, expect, it } from "vitest";
import { healthMemberPasses, healthMemberVerdicts } from "~db/schema";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { recordActivity } from "./activity.server";
import { memberVerdictsNow } from "./health-members.server";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2027-05-19T09:00:00Z");

const record = (userId: number, at: Date, verb: "answer" | "answer_unaccepted" = "answer") =>
  db.transaction((tx) => recordActivity(tx, { actorId: userId, verb, at }));

/** Two answers a week until `until` days ago. */
async function member(until: number) {
  const user = await makeUser();
  for (let d = 24 * 7 - 1; d >= until; d -= 3.5) record(user.id, new Date(now.getTime() - d * DAY));
  return user;
}

/** The verdicts as a pass made now would give them. */
function fresh(at: Date) {
  db.delete(healthMemberPasses).run();
  return memberVerdictsNow(at);
}

describe("the member rule's pass of the day", () => {
  it("is stored by the first snapshot of the day and gives later snapshots the verdicts a fresh pass gives", async () => {
    const quiet = await member(40);
    const steady = await member(0);
    const back = await member(40);
    const first = memberVerdictsNow(now);
    expect(first.flagged.map((m) => m.userId).sort()).toEqual([quiet.id, back.id].sort());
    expect(first.judged).toBe(3);
    expect(db.select().from(healthMemberPasses).all()).toHaveLength(1);
    expect(
      db
        .select()
        .from(healthMemberVerdicts)
        .all()
        .map((v) => v.userId),
    ).toContain(back.id);

    // Later that day one of them is back with a week's worth: judged again, no longer flagged.
    for (let h = 1; h <= 4; h++) record(back.id, new Date(now.getTime() + h * 3_600_000));
    record(steady.id, new Date(now.getTime() + 3_600_000));
    const later = new Date(now.getTime() + 6 * 3_600_000);
    const stored = memberVerdictsNow(later);
    expect(db.select().from(healthMemberPasses).get()?.computedAt).toEqual(now);
    expect(stored.flagged.map((m) => m.userId)).toEqual([quiet.id]);
    expect(stored).toEqual(fresh(later));
  });

  it("is voided by a write dated on an earlier day, or one that takes away", async () => {
    const quiet = await member(40);
    memberVerdictsNow(now);
    expect(db.select().from(healthMemberPasses).all()).toHaveLength(1);
    // A meetup hosted yesterday, checked in today, counts for yesterday: every window could move.
    record(quiet.id, new Date(now.getTime() - DAY));
    expect(db.select().from(healthMemberPasses).all()).toEqual([]);
    expect(db.select().from(healthMemberVerdicts).all()).toEqual([]);

    const later = new Date(now.getTime() + 3_600_000);
    memberVerdictsNow(later);
    // An answer accepted long ago and unaccepted today lowers today's count: a member may now be a candidate.
    record(quiet.id, new Date(later.getTime() + 60_000), "answer_unaccepted");
    expect(db.select().from(healthMemberPasses).all()).toEqual([]);
    // A new contribution today leaves the pass standing (the member is judged again).
    memberVerdictsNow(later);
    record(quiet.id, new Date(later.getTime() + 120_000));
    expect(db.select().from(healthMemberPasses).all()).toHaveLength(1);
  });
});
