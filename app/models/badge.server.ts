/**
 * Badges (docs/product.md, "Reputation"): each has a rule that selects who qualifies, computed
 * from the data. `awardBadges` inserts what is missing and nothing else (a unique index per member,
 * badge and tag), so running it twice awards nothing twice. Each award also appends an activity and
 * notifies the member.
 */
import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { userBadges, users } from "~db/schema";
import { db, prepared, writeTransaction } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { DAY_MS } from "~/utils/time";
import { recordActivity } from "./activity.server";
import { recordAudit } from "./audit.server";
import { revokeCredentials } from "./credential.server";
import { notify } from "./notification.server";

export type BadgeTier = "bronze" | "silver" | "gold";
export type BadgeId =
  | "first_answer"
  | "first_article"
  | "teacher"
  | "regular"
  | "tag_expert"
  | "tag_expert_silver"
  | "tag_expert_gold"
  | "connector"
  | "host"
  | "co_creator";

/**
 * Tag Expert per tag (docs/product.md: 10 accepted answers or 20 upvoted posts in the tag) is the
 * bronze level; silver and gold ask 2.5 and 5 times as much, so each level is a real step (as Stack
 * Overflow's tag badges grow by a factor of 4 to 10) while a busy tag's regulars can still reach gold.
 */
export const TAG_EXPERT_LEVELS: Record<BadgeTier, { accepted: number; upvoted: number }> = {
  bronze: { accepted: 10, upvoted: 20 },
  silver: { accepted: 25, upvoted: 50 },
  gold: { accepted: 50, upvoted: 100 },
};

/** Accepted answers on questions of the tag, or published posts with a positive score in it (an answer counts in its question's tags). */
function tagExpert({ accepted, upvoted }: { accepted: number; upvoted: number }) {
  return sql`
    select a.author_id as user_id, t.name as tag from posts a
    join posts q on q.accepted_answer_id = a.id and q.status = 'published'
    join post_tags pt on pt.post_id = q.id join tags t on t.id = pt.tag_id
    where a.kind = 'answer' and a.status = 'published'
    group by a.author_id, t.id having count(*) >= ${accepted}
    union
    select p.author_id as user_id, t.name as tag from posts p
    join post_tags pt on pt.post_id = (case when p.kind = 'answer' then p.parent_id else p.id end)
    join tags t on t.id = pt.tag_id
    where p.kind in ('article', 'question', 'answer') and p.status = 'published' and p.score > 0
    group by p.author_id, t.id having count(*) >= ${upvoted}`;
}

const WEEK_MS = 7 * DAY_MS;

/** Who qualifies: rows of (user_id, tag), tag "" for badges that are not per tag. */
const RULES: Record<BadgeId, (now: Date) => SQL> = {
  first_answer: () =>
    sql`select distinct author_id as user_id, '' as tag from posts where kind = 'answer' and status = 'published'`,
  first_article: () =>
    sql`select distinct author_id as user_id, '' as tag from posts where kind = 'article' and status = 'published'`,
  teacher: () =>
    sql`select distinct author_id as user_id, '' as tag from posts where kind = 'answer' and status = 'published' and score >= 1`,
  regular: (now) => sql`
    select actor_id as user_id, '' as tag from activities
    where verb in ('article', 'question', 'answer', 'comment') and created_at >= ${now.getTime() - 12 * WEEK_MS} and created_at < ${now.getTime()}
    group by actor_id having count(distinct cast((${now.getTime()} - created_at) / ${WEEK_MS} as integer)) >= 8`,
  tag_expert: () => tagExpert(TAG_EXPERT_LEVELS.bronze),
  tag_expert_silver: () => tagExpert(TAG_EXPERT_LEVELS.silver),
  tag_expert_gold: () => tagExpert(TAG_EXPERT_LEVELS.gold),
  connector: () => sql`select user_id, '' as tag from attendance group by user_id having count(*) >= 5`,
  host: () => sql`
    select h.user_id, '' as tag from event_hosts h
    where (select count(*) from attendance a where a.event_id = h.event_id) >= 5
    group by h.user_id having count(*) >= 3`,
  // An idea of theirs reached planned (or went on to in progress or done), and was not merged away.
  co_creator: () => sql`
    select distinct p.author_id as user_id, '' as tag from ideas i join posts p on p.id = i.post_id
    where i.status in ('planned', 'in_progress', 'done') and i.merged_into_id is null and p.status = 'published'`,
};

export const BADGES: { id: BadgeId; tier: BadgeTier; perTag: boolean }[] = [
  { id: "first_answer", tier: "bronze", perTag: false },
  { id: "first_article", tier: "bronze", perTag: false },
  { id: "teacher", tier: "bronze", perTag: false },
  { id: "regular", tier: "silver", perTag: false },
  { id: "connector", tier: "silver", perTag: false },
  { id: "tag_expert", tier: "bronze", perTag: true },
  { id: "tag_expert_silver", tier: "silver", perTag: true },
  { id: "tag_expert_gold", tier: "gold", perTag: true },
  { id: "host", tier: "gold", perTag: false },
  { id: "co_creator", tier: "silver", perTag: false },
];

/** Awards every badge someone newly qualifies for; returns how many were awarded. */
export function awardBadges(now = new Date()) {
  let awarded = 0;
  for (const badge of BADGES) {
    const qualified = db.all<{ user_id: number; tag: string }>(RULES[badge.id](now));
    writeTransaction((tx) => {
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
        notify(tx, {
          userId,
          kind: "badge",
          subject: `badge:${badge.id}`,
          title: tag ? `${badge.id}:${tag}` : badge.id,
          url: `/badges#${badge.id}`,
          at: now,
        });
      }
    });
  }
  return awarded;
}

/**
 * A moderator takes a badge back (earned by gamed votes, say): it leaves the profile and /badges, its
 * credential is revoked, and the job never awards it again (the row stays, marked). Returns false when the
 * member holds no such badge.
 */
export function takeBackBadge({
  userBadgeId,
  actorId,
  reason,
  now = new Date(),
}: {
  userBadgeId: number;
  actorId: number;
  reason: string;
  now?: Date;
}) {
  return writeTransaction((tx) => {
    const row = tx
      .update(userBadges)
      .set({ takenBackAt: now })
      .where(and(eq(userBadges.id, userBadgeId), isNull(userBadges.takenBackAt)))
      .returning({ userId: userBadges.userId, badge: userBadges.badge, tag: userBadges.tag })
      .get();
    if (!row) return false;
    revokeCredentials(tx, { userBadgeId }, "taken_back", now);
    bumpCacheTags(tx, [`member:${row.userId}`, "badges"]);
    recordAudit(tx, {
      actorId,
      action: "badge.take_back",
      subject: `user:${row.userId}`,
      detail: [row.tag ? `${row.badge}:${row.tag}` : row.badge, reason].filter(Boolean).join("; "),
      at: now,
    });
    return true;
  });
}

// Every profile view reads it: prepared once (db.server's `prepared`).
const badgesOfQuery = prepared(() =>
  db
    .select()
    .from(userBadges)
    .where(and(eq(userBadges.userId, sql.placeholder("userId")), isNull(userBadges.takenBackAt)))
    .orderBy(desc(userBadges.awardedAt), userBadges.id)
    .prepare(),
);

export function badgesOf(userId: number) {
  const rows = badgesOfQuery().all({ userId });
  return rows.map((r) => ({ ...r, tier: BADGES.find((b) => b.id === r.badge)?.tier ?? "bronze" }));
}

const TIER_RANK: Record<BadgeTier, number> = { bronze: 0, silver: 1, gold: 2 };

/** For a profile: each badge once, and of Tag Expert only the highest level reached in each tag. */
export function shownBadgesOf(userId: number) {
  const all = badgesOf(userId);
  const best = new Map<string, (typeof all)[number]>();
  for (const b of all) {
    if (!b.tag) continue;
    const held = best.get(b.tag);
    if (!held || TIER_RANK[b.tier] > TIER_RANK[held.tier]) best.set(b.tag, b);
  }
  return all.filter((b) => !b.tag || best.get(b.tag) === b);
}

/** Every badge with its number of holders and the most recent ones; per-tag badges list them per tag. */
export function badgeOverview({ holdersShown = 12 } = {}) {
  return BADGES.map((badge) => {
    const count =
      db
        .select({ n: sql<number>`count(*)` })
        .from(userBadges)
        .where(and(eq(userBadges.badge, badge.id), isNull(userBadges.takenBackAt)))
        .get()?.n ?? 0;
    const holders = badge.perTag
      ? db
          .all<{ name: string; handle: string; tag: string; awardedAt: number }>(
            sql`
          select name, handle, tag, awarded_at as awardedAt from (
            select u.name, u.handle, ub.tag, ub.awarded_at, row_number() over (partition by ub.tag order by ub.awarded_at desc, ub.id desc) as n
            from user_badges ub join users u on u.id = ub.user_id where ub.badge = ${badge.id} and ub.taken_back_at is null
          ) where n <= ${holdersShown} order by tag, awarded_at desc, name`,
          )
          .map((h) => ({ ...h, awardedAt: new Date(h.awardedAt) }))
      : db
          .select({ name: users.name, handle: users.handle, tag: userBadges.tag, awardedAt: userBadges.awardedAt })
          .from(userBadges)
          .innerJoin(users, eq(users.id, userBadges.userId))
          .where(and(eq(userBadges.badge, badge.id), isNull(userBadges.takenBackAt)))
          .orderBy(desc(userBadges.awardedAt), desc(userBadges.id))
          .limit(holdersShown)
          .all();
    const byTag = new Map<string, typeof holders>();
    if (badge.perTag) for (const h of holders) byTag.set(h.tag, [...(byTag.get(h.tag) ?? []), h]);
    return { ...badge, count, holders, tags: [...byTag].map(([tag, tagHolders]) => ({ tag, holders: tagHolders })) };
  });
}
