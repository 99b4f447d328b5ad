import { eq, gt, gte, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  activities,
  activityTags,
  communityWeeks,
  healthMemberPasses,
  healthWeekly,
  memberDays,
  memberTagWeeks,
  memberWeeks,
  tagWeeks,
  users,
  type ActivityVerb,
} from "~db/schema";
import { CONTRIBUTION_WEIGHTS, PARTICIPATION_VERBS } from "~/health/weights";
import type { Tx } from "~/utils/db.server";
import { communityDay, communityWeek } from "~/utils/time";

/**
 * Appends to the activity log inside the caller's transaction, so a contribution and its log entry
 * are written together or not at all. Tags are those of the root article or question. The weekly
 * rollups /health reads are updated here too: a few upserts per activity, whatever the log's size.
 */
export function recordActivity(
  tx: Tx,
  entry: {
    actorId: number;
    verb: ActivityVerb;
    postId?: number;
    eventId?: number;
    targetUserId?: number;
    value?: number;
    tagIds?: number[];
    at: Date;
  },
) {
  const { tagIds = [], at, ...fields } = entry;
  const row = tx
    .insert(activities)
    .values({ ...fields, createdAt: at })
    .returning({ id: activities.id })
    .get();
  const weight = CONTRIBUTION_WEIGHTS[entry.verb];
  const first = (column: AnySQLiteColumn) => sql`min(coalesce(${column}, ${at.getTime()}), ${at.getTime()})`;
  tx.update(users)
    .set({
      lastActiveAt: sql`max(coalesce(${users.lastActiveAt}, 0), ${at.getTime()})`,
      ...(weight && weight > 0 ? { firstContributedAt: first(users.firstContributedAt) } : {}),
      ...(PARTICIPATION_VERBS.includes(entry.verb) ? { firstParticipatedAt: first(users.firstParticipatedAt) } : {}),
      ...(entry.verb === "question" ? { firstAskedAt: first(users.firstAskedAt) } : {}),
      ...(entry.verb === "answer" || entry.verb === "article" ? { firstProducedAt: first(users.firstProducedAt) } : {}),
    })
    .where(eq(users.id, entry.actorId))
    .run();
  if (tagIds.length)
    tx.insert(activityTags)
      .values(tagIds.map((tagId) => ({ activityId: row.id, tagId })))
      .run();
  rollUp(tx, entry.actorId, entry.verb, tagIds, at);
  return row.id;
}

function rollUp(tx: Tx, userId: number, verb: ActivityVerb, tagIds: number[], at: Date) {
  const week = communityWeek(at);
  const day = communityDay(at);
  const weighted = CONTRIBUTION_WEIGHTS[verb] ?? 0;
  const contributions = weighted > 0 ? 1 : weighted < 0 ? -1 : 0;
  const participations = PARTICIPATION_VERBS.includes(verb) ? 1 : 0;
  if (!weighted && !participations) return;
  const after = tx
    .insert(memberWeeks)
    .values({ userId, week, weighted, contributions, participations })
    .onConflictDoUpdate({
      target: [memberWeeks.userId, memberWeeks.week],
      set: {
        weighted: sql`${memberWeeks.weighted} + ${weighted}`,
        contributions: sql`${memberWeeks.contributions} + ${contributions}`,
        participations: sql`${memberWeeks.participations} + ${participations}`,
      },
    })
    .returning({ weighted: memberWeeks.weighted, participations: memberWeeks.participations })
    .get();
  // The member rule judges 7-day windows ending now, so it reads days (docs/health.md, "The member rule").
  tx.insert(memberDays)
    .values({ userId, day, weighted, contributions, participations })
    .onConflictDoUpdate({
      target: [memberDays.userId, memberDays.day],
      set: {
        weighted: sql`${memberDays.weighted} + ${weighted}`,
        contributions: sql`${memberDays.contributions} + ${contributions}`,
        participations: sql`${memberDays.participations} + ${participations}`,
      },
    })
    .run();
  // Whether the member counts as active (contributed) or a reader (only took part) this week changed?
  const before = { weighted: after.weighted - weighted, participations: after.participations - participations };
  const isActive = (w: { weighted: number }) => (w.weighted > 0 ? 1 : 0);
  const isReader = (w: { weighted: number; participations: number }) =>
    w.weighted <= 0 && w.participations > 0 ? 1 : 0;
  const active = isActive(after) - isActive(before);
  const readers = isReader(after) - isReader(before);
  tx.insert(communityWeeks)
    .values({ week, weighted, contributions, active, readers })
    .onConflictDoUpdate({
      target: communityWeeks.week,
      set: {
        weighted: sql`${communityWeeks.weighted} + ${weighted}`,
        contributions: sql`${communityWeeks.contributions} + ${contributions}`,
        active: sql`${communityWeeks.active} + ${active}`,
        readers: sql`${communityWeeks.readers} + ${readers}`,
      },
    })
    .run();
  if (!weighted) return;
  // The stored member passes and weekly results assume that only today's counts change, and only upwards
  // (docs/health.md, "How the report is made"): a write dated earlier, or a negative one, voids those it touches.
  tx.delete(healthMemberPasses)
    .where(weighted < 0 ? gte(healthMemberPasses.day, day) : gt(healthMemberPasses.day, day))
    .run();
  tx.delete(healthWeekly).where(gt(healthWeekly.week, week)).run();
  // One statement for all the tags (and for the organisation below), so the cost per activity stays fixed.
  if (tagIds.length)
    tx.insert(tagWeeks)
      .values(tagIds.map((tagId) => ({ tagId, week, weighted, contributions })))
      .onConflictDoUpdate({
        target: [tagWeeks.tagId, tagWeeks.week],
        set: {
          weighted: sql`${tagWeeks.weighted} + excluded.weighted`,
          contributions: sql`${tagWeeks.contributions} + excluded.contributions`,
        },
      })
      .run();
  // Each member's own weeks per tag: concentration risk and a tag's own vital signs read these, not the log.
  if (tagIds.length)
    tx.insert(memberTagWeeks)
      .values(tagIds.map((tagId) => ({ tagId, week, userId, weighted, contributions })))
      .onConflictDoUpdate({
        target: [memberTagWeeks.tagId, memberTagWeeks.week, memberTagWeeks.userId],
        set: {
          weighted: sql`${memberTagWeeks.weighted} + excluded.weighted`,
          contributions: sql`${memberTagWeeks.contributions} + excluded.contributions`,
        },
      })
      .run();
  // The member's organisation, if any, read by the insert itself.
  tx.run(sql`
    insert into org_weeks (org_id, week, weighted, contributions)
    select org_id, ${week}, ${weighted}, ${contributions} from memberships where user_id = ${userId}
    on conflict (org_id, week) do update set weighted = weighted + excluded.weighted, contributions = contributions + excluded.contributions`);
}
