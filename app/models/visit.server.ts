/**
 * One row per signed-in member per day they visit: what the digest ("not visited in a week") and
 * health's daily/monthly active members read. Written at most once per member per day per process:
 * the set below only saves repeated INSERT OR IGNOREs, so losing it costs nothing.
 */
import { lt } from "drizzle-orm";
import { userVisits } from "~db/schema";
import { db, writeUnlessReadOnly } from "~/utils/db.server";
import { communityDay, DAY_MS } from "~/utils/time";

let recorded = new Set<string>();
let recordedDay = "";

export function recordVisit(userId: number, at = new Date()) {
  const day = communityDay(at);
  if (day !== recordedDay) {
    recorded = new Set();
    recordedDay = day;
  }
  const key = `${userId}`;
  if (recorded.has(key)) return;
  // A read-only database serves the page without the visit (docs/accounts.md); it is tried again next request.
  writeUnlessReadOnly(() => {
    db.insert(userVisits).values({ userId, day }).onConflictDoNothing().run();
    recorded.add(key);
  });
}

/** Deletes visits older than `days` (the daily clean-up, VISIT_RETENTION_DAYS; docs/privacy.md). */
export function pruneVisits(days: number, now = new Date()) {
  return db
    .delete(userVisits)
    .where(lt(userVisits.day, communityDay(now.getTime() - days * DAY_MS)))
    .run().changes;
}
