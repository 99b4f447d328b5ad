import { eq, sql } from "drizzle-orm";
import { activities, activityTags, users, type ActivityVerb } from "~db/schema";
import type { Tx } from "~/utils/db.server";

/**
 * Appends to the activity log inside the caller's transaction, so a contribution and its log entry
 * are written together or not at all. Tags are those of the root article or question.
 */
export function recordActivity(
  tx: Tx,
  entry: { actorId: number; verb: ActivityVerb; postId?: number; eventId?: number; targetUserId?: number; value?: number; tagIds?: number[]; at: Date },
) {
  const { tagIds = [], at, ...fields } = entry;
  const row = tx.insert(activities).values({ ...fields, createdAt: at }).returning({ id: activities.id }).get();
  tx.update(users)
    .set({ lastActiveAt: sql`max(coalesce(${users.lastActiveAt}, 0), ${at.getTime()})` })
    .where(eq(users.id, entry.actorId))
    .run();
  if (tagIds.length) tx.insert(activityTags).values(tagIds.map((tagId) => ({ activityId: row.id, tagId }))).run();
  return row.id;
}
