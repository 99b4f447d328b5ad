/**
 * Everything an expert profile (/members/:handle) shows beyond the member row: reputation over time,
 * badges, earned standing per tag, chosen expertise, best work and last activity.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { activities, attendance, eventHosts, events, memberTags, posts, tags, users, userVisits } from "~db/schema";
import { db, writeTransaction } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { shownBadgesOf } from "./badge.server";
import { monthlyReputation, tagStandings } from "./reputation.server";

export const MAX_EXPERTISE_TAGS = 8;

export function expertiseOf(userId: number) {
  return db
    .select({ name: tags.name })
    .from(memberTags)
    .innerJoin(tags, eq(tags.id, memberTags.tagId))
    .where(eq(memberTags.userId, userId))
    .orderBy(tags.name)
    .all()
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
  const question = alias(posts, "question");
  return db
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
    .where(and(eq(posts.authorId, userId), eq(posts.kind, kind), eq(posts.status, "published")))
    .orderBy(desc(posts.score), desc(posts.createdAt))
    .limit(limit)
    .all();
}

function lastActive(userId: number) {
  // One statement for both (the profile's query budget, test/queries.test.ts); each max reads its index.
  const row = db.get<{ visit: string | null; acted: number | null }>(sql`select
    (select max(${userVisits.day}) from ${userVisits} where ${userVisits.userId} = ${userId}) as visit,
    (select max(${activities.createdAt}) from ${activities} where ${activities.actorId} = ${userId}) as acted`);
  const visit = row?.visit;
  const acted = row?.acted;
  const candidates = [visit ? Date.parse(`${visit}T12:00:00Z`) : 0, acted ?? 0];
  const latest = Math.max(...candidates);
  return latest ? new Date(latest) : null;
}

/** Meetups the member hosted (newest first) and how many they attended. */
function meetupRecord(userId: number) {
  const hosted = db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, status: events.status })
    .from(eventHosts)
    .innerJoin(events, eq(events.id, eventHosts.eventId))
    .where(eq(eventHosts.userId, userId))
    .orderBy(desc(events.startsAt))
    .limit(5)
    .all();
  const attended =
    db
      .select({ n: sql<number>`count(*)` })
      .from(attendance)
      .where(eq(attendance.userId, userId))
      .get()?.n ?? 0;
  return { hosted, attended };
}

export function expertProfile(userId: number, now = new Date()) {
  const reputation = db.select({ r: users.reputation }).from(users).where(eq(users.id, userId)).get()?.r ?? 0;
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
