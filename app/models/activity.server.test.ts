/**
 * Issue 8, budget: the health rollups cost O(1) per new activity. recordActivity runs the same fixed set
 * of statements whether the member, tag and community have no history or thousands of activities, and
 * none of them reads the activity log.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { recordActivity } from "./activity.server";

function statementsOf(fn: () => void) {
  const proto = Object.getPrototypeOf(db.$client.prepare("select 1")) as Record<string, (...a: unknown[]) => unknown>;
  const methods = ["all", "get", "run", "iterate"] as const;
  const originals = Object.fromEntries(methods.map((m) => [m, proto[m]]));
  const seen: string[] = [];
  for (const method of methods) {
    proto[method] = function (this: { source: string }, ...params: unknown[]) {
      seen.push(this.source);
      return originals[method].apply(this, params);
    };
  }
  try {
    fn();
  } finally {
    for (const method of methods) proto[method] = originals[method];
  }
  return seen;
}

describe("health rollups per activity", () => {
  it("cost the same few statements with no history and with thousands of activities", async () => {
    const member = await makeUser();
    const tagIds = db.$client
      .prepare("insert into tags (name, description) values ('rollup-a', ''), ('rollup-b', '') returning id")
      .pluck()
      .all() as number[];
    const record = (at: Date) =>
      db.transaction((tx) => recordActivity(tx, { actorId: member.id, verb: "answer", tagIds, at }));
    const first = statementsOf(() => record(new Date("2026-01-05T10:00:00Z")));
    for (let i = 0; i < 3000; i++) record(new Date(Date.parse("2026-01-05T10:00:00Z") + i * 3_600_000));
    const later = statementsOf(() => record(new Date("2026-06-01T10:00:00Z")));
    console.info(`${first.length} statements per activity with two tags`);
    expect(later).toEqual(first);
    // Eleven with member_days, the daily rollup the member rule reads (docs/health.md).
    expect(first.length).toBeLessThanOrEqual(11);
    expect(first.filter((s) => /from\s+"?activities"?/i.test(s))).toEqual([]);
  });
});
