/**
 * Badges (../shared/PRODUCT.md, "Reputation"): each has a rule that selects who qualifies, computed
 * from the data. `awardBadges` inserts what is missing and nothing else (a unique index per member,
 * badge and tag), so running it twice awards nothing twice. Each award also appends an activity and
 * notifies the member.
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { userBadges, users } from "~db/schema";
import { db } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { recordActivity } from "./activity.server";
import { notify } from "./notification.server";

export type BadgeTier = "bronze" | "silver" | "gold";
export type BadgeId = "first_answer" | "first_article" | "teacher" | "regular" | "tag_expert" | "connector" | "host";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Who qualifies: rows of (user_id, tag), tag "" for badges that are not per tag. */
const RULES: Record<BadgeId, (now: Date) => SQL> = {
  first_answer: () => sql`select distinct author_id as user_id, '' as tag from posts where kind = 'answer' and status = 'published'`,
  first_article: () => sql`select distinct author_id as user_id, '' as tag from posts where kind = 'article' and status = 'published'`,
  teacher: () => sql`select distinct author_id as user_id, '' as tag from posts where kind = 'answer' and status = 'published' and score >= 1`,
  regular: (now) => sql`
    select actor_id as user_id, '' as tag from activities
    where verb in ('article', 'question', 'answer', 'comment') and created_at >= ${now.getTime() - 12 * WEEK_MS} and created_at < ${now.getTime()}
    group by actor_id having count(distinct cast((${now.getTime()} - created_at) / ${WEEK_MS} as integer)) >= 8`,
  // 10 accepted answers in the tag, or 20 posts with a positive score in it.
  tag_expert: () => sql`
    select a.author_id as user_id, t.name as tag from posts a
    join posts q on q.accepted_answer_id = a.id and q.status = 'published'
    join post_tags pt on pt.post_id = q.id join tags t on t.id = pt.tag_id
    where a.kind = 'answer' and a.status = 'published'
    group by a.author_id, t.id having count(*) >= 10
    union
    select p.author_id as user_id, t.name as tag from posts p
    join post_tags pt on pt.post_id = (case when p.kind = 'answer' then p.parent_id else p.id end)
    join tags t on t.id = pt.tag_id
    where p.kind in ('article', 'question', 'answer') and p.status = 'published' and p.score > 0
    group by p.author_id, t.id having count(*) >= 20`,
  connector: () => sql`select user_id, '' as tag from attendance group by user_id having count(*) >= 5`,
  host: () => sql`
    select h.user_id, '' as tag from event_hosts h
    where (select count(*) from attendance a where a.event_id = h.event_id) >= 5
    group by h.user_id having count(*) >= 3`,
};

export const BADGES: { id: BadgeId; tier: BadgeTier; perTag: boolean }[] = [
  { id: "first_answer", tier: "bronze", perTag: false },
  { id: "first_article", tier: "bronze", perTag: false },
  { id: "teacher", tier: "bronze", perTag: false },
  { id: "regular", tier: "silver", perTag: false },
  { id: "connector", tier: "silver", perTag: false },
  { id: "tag_expert", tier: "gold", perTag: true },
  { id: "host", tier: "gold", perTag: false },
];

/** Awards every badge someone newly qualifies for; returns how many were awarded. */
export function awardBadges(now = new Date()) {
  let awarded = 0;
  for (const badge of BADGES) {
    const qualified = db.all<{ user_id: number; tag: string }>(RULES[badge.id](now));
    db.transaction((tx) => {
      for (const { user_id: userId, tag } of qualified) {
        const row = tx
          .insert(userBadges)
          .values({ userId, badge: badge.id, tag, awardedAt: now })
          .onConflictDoNothing()
          .returning({ id: userBadges.id })
          .get();
        if (!row) continue;
        awarded++;
        recordActivity(tx, { actorId: userId, verb: "badge", value: row.id, at: now });
        bumpCacheTags(tx, [`member:${userId}`, "badges"]);
        notify(tx, { userId, kind: "badge", subject: `badge:${badge.id}`, title: tag ? `${badge.id}:${tag}` : badge.id, url: `/badges#${badge.id}`, at: now });
      }
    });
  }
  return awarded;
}

export function badgesOf(userId: number) {
  const rows = db.select().from(userBadges).where(eq(userBadges.userId, userId)).orderBy(desc(userBadges.awardedAt), userBadges.id).all();
  return rows.map((r) => ({ ...r, tier: BADGES.find((b) => b.id === r.badge)?.tier ?? "bronze" }));
}

/** Every badge with its number of holders and the most recent ones. */
export function badgeOverview({ holdersShown = 12 } = {}) {
  return BADGES.map((badge) => {
    const count = db.select({ n: sql<number>`count(*)` }).from(userBadges).where(eq(userBadges.badge, badge.id)).get()?.n ?? 0;
    const holders = db
      .select({ name: users.name, handle: users.handle, tag: userBadges.tag, awardedAt: userBadges.awardedAt })
      .from(userBadges)
      .innerJoin(users, eq(users.id, userBadges.userId))
      .where(and(eq(userBadges.badge, badge.id)))
      .orderBy(desc(userBadges.awardedAt), desc(userBadges.id))
      .limit(holdersShown)
      .all();
    return { ...badge, count, holders };
  });
}
