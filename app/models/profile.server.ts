/**
 * Everything an expert profile (/members/:handle) shows beyond the member row: reputation over time,
 * badges, earned standing per tag, chosen expertise, best work and last activity.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { attendance, eventHosts, events, memberTags, posts, tags, users } from "~db/schema";
import { db, prepared, writeTransaction } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { shownBadgesOf } from "./badge.server";
import { monthlyReputation, tagStandings } from "./reputation.server";

export const MAX_EXPERTISE_TAGS = 8;

/**
 * The profile's reads, prepared once (db.server's `prepared`): every signed-in view of a member page runs
 * them, and building and preparing each query cost more than running it.
 */
const statements = prepared(() => {
  const question = alias(posts, "question");
  const userId = sql.placeholder("userId");
  return {
    reputation: db.select({ r: users.reputation }).from(users).where(eq(users.id, userId)).prepare(),
    expertise: db
      .select({ name: tags.name })
      .from(memberTags)
      .innerJoin(tags, eq(tags.id, memberTags.tagId))
      .where(eq(memberTags.userId, userId))
      .orderBy(tags.name)
      .prepare(),
    // Reads posts_author_kind_score_idx: the rows shown, best first, not all the member's posts sorted.
    topPosts: db
      .select({
        id: posts.id,
        slug: posts.slug,
        score: posts.score,
        title: sql<string>`coalesce(${question.title}, ${posts.title})`,
        lang: sql<"en" | "nl" | null>`case when ${question.id} is null then ${posts.lang} else ${question.lang} end`,
        parentId: posts.parentId,
        accepted: sql<number>`${question.acceptedAnswerId} = ${posts.id}`,
      })
      .from(posts)
      .leftJoin(question, eq(question.id, posts.parentId))
      .where(and(eq(posts.authorId, userId), eq(posts.kind, sql.placeholder("kind")), eq(posts.status, "published")))
      .orderBy(desc(posts.score), desc(posts.createdAt))
      .limit(sql.placeholder("limit"))
      .prepare(),
    // One statement for both (the profile's query budget, test/queries.test.ts); each max reads its index.
    lastActive: db.$client.prepare<{ userId: number }, { visit: string | null; acted: number | null }>(`select
      (select max(day) from user_visits where user_id = :userId) as visit,
      (select max(created_at) from activities where actor_id = :userId) as acted`),
    hosted: db
      .select({ id: events.id, title: events.title, startsAt: events.startsAt, status: events.status })
      .from(eventHosts)
      .innerJoin(events, eq(events.id, eventHosts.eventId))
      .where(eq(eventHosts.userId, userId))
      .orderBy(desc(events.startsAt))
      .limit(5)
      .prepare(),
    attended: db
      .select({ n: sql<number>`count(*)` })
      .from(attendance)
      .where(eq(attendance.userId, userId))
      .prepare(),
  };
});

export function expertiseOf(userId: number) {
  return statements()
    .expertise.all({ userId })
    .map((r) => r.name);
}

/** Replaces the member's chosen expertise tags (existing tags only are kept: expertise is in topics the community has). */
export function setExpertise(userId: number, names: string[]) {
  writeTransaction((tx) => {
    bumpCacheTags(tx, [`member:${userId}`, "members"]);
    tx.delete(memberTags).where(eq(memberTags.userId, userId)).run();
    if (!names.length) return;
    const found = tx.select({ id: tags.id }).from(tags).where(inArray(tags.name, names)).all();
    if (found.length)
      tx.insert(memberTags)
        .values(found.map((t) => ({ userId, tagId: t.id })))
        .run();
  });
}

export function topPosts(userId: number, kind: "article" | "answer", limit: number) {
  return statements().topPosts.all({ userId, kind, limit });
}

function lastActive(userId: number) {
  const row = statements().lastActive.get({ userId });
  const visit = row?.visit;
  const acted = row?.acted;
  const candidates = [visit ? Date.parse(`${visit}T12:00:00Z`) : 0, acted ?? 0];
  const latest = Math.max(...candidates);
  return latest ? new Date(latest) : null;
}

/** Meetups the member hosted (newest first) and how many they attended. */
function meetupRecord(userId: number) {
  const hosted = statements().hosted.all({ userId });
  const attended = statements().attended.get({ userId })?.n ?? 0;
  return { hosted, attended };
}

export function expertProfile(userId: number, now = new Date()) {
  const reputation = statements().reputation.get({ userId })?.r ?? 0;
  return {
    reputation,
    monthly: monthlyReputation(userId, { now }),
    badges: shownBadgesOf(userId),
    standings: tagStandings(userId),
    expertise: expertiseOf(userId),
    articles: topPosts(userId, "article", 5),
    bestAnswers: topPosts(userId, "answer", 5),
    lastActive: lastActive(userId),
    meetups: meetupRecord(userId),
  };
}
