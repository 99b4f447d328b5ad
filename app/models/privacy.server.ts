/**
 * The member's rights over their data (docs/privacy.md): a copy of everything Kring keeps about them
 * (export), and erasure, by themselves from /settings or by an admin on their request.
 */
import { and, eq, gt, inArray, ne, or, sql } from "drizzle-orm";
import {
  attendance,
  eventHosts,
  events,
  flags,
  healthActions,
  healthSnapshots,
  healthViews,
  jobs,
  loginFailures,
  memberships,
  follows,
  memberOptions,
  memberTags,
  notificationPreferences,
  notifications,
  oidcIdentities,
  organisations,
  passwordResets,
  postRevisions,
  posts,
  reputationEvents,
  rsvps,
  sessions,
  tagReputation,
  tags,
  userBadges,
  users,
  userVisits,
  votes,
  ideaVotes,
  introductions,
  memberMatches,
  questionRoutes,
} from "~db/schema";
import { db, writeTransaction, type Tx } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { recordAudit } from "./audit.server";
import { credentialsOf, revokeCredentials } from "./credential.server";
import { findPost, rootOf, touch } from "./post-write.server";
import { deleteUnusedPhoto } from "./photo.server";
import { setPostStatus } from "./post.server";
import { promoteFromWaitlist } from "./rsvp.server";

/** Bumped when a key is renamed or its rows change shape; adding a key keeps the version. */
export const EXPORT_FORMAT = "kring.member-export";
export const EXPORT_VERSION = 1;

/**
 * Everything about one member, one key per table (the table's name), each a list of rows with the
 * columns as in db/schema.ts. Secrets (the password hash, the calendar token's hash) are left out.
 */
export function exportMember(userId: number, now = new Date()) {
  const account = db.select().from(users).where(eq(users.id, userId)).get();
  if (!account) return null;
  const { passwordHash: _password, calendarTokenHash: _calendar, ...profile } = account;
  const myPosts = db.select().from(posts).where(eq(posts.authorId, userId)).orderBy(posts.id).all();
  const postIds = myPosts.map((p) => p.id);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    generatedAt: now.toISOString(),
    tables: {
      users: [{ ...profile, calendarAddress: account.calendarTokenHash !== null }],
      memberships: db
        .select({
          orgId: memberships.orgId,
          organisation: organisations.name,
          relation: memberships.relation,
          createdAt: memberships.createdAt,
        })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.orgId))
        .where(eq(memberships.userId, userId))
        .all(),
      // Which company sign-ins lead to the account (issue 20).
      oidc_identities: db
        .select({
          issuer: oidcIdentities.issuer,
          subject: oidcIdentities.subject,
          orgId: oidcIdentities.orgId,
          createdAt: oidcIdentities.createdAt,
        })
        .from(oidcIdentities)
        .where(eq(oidcIdentities.userId, userId))
        .all(),
      posts: myPosts,
      // The revisions of their posts (also others' edits of them) and their edits of others' posts.
      post_revisions: db
        .select()
        .from(postRevisions)
        .where(or(eq(postRevisions.editorId, userId), postIds.length ? inArray(postRevisions.postId, postIds) : sql`0`))
        .orderBy(postRevisions.id)
        .all(),
      votes: db.select().from(votes).where(eq(votes.userId, userId)).all(),
      idea_votes: db.select().from(ideaVotes).where(eq(ideaVotes.userId, userId)).all(),
      rsvps: db.select().from(rsvps).where(eq(rsvps.userId, userId)).all(),
      attendance: db.select().from(attendance).where(eq(attendance.userId, userId)).all(),
      event_hosts: db
        .select({ eventId: eventHosts.eventId, title: events.title, startsAt: events.startsAt })
        .from(eventHosts)
        .innerJoin(events, eq(events.id, eventHosts.eventId))
        .where(eq(eventHosts.userId, userId))
        .all(),
      notifications: db.select().from(notifications).where(eq(notifications.userId, userId)).all(),
      notification_preferences: db
        .select()
        .from(notificationPreferences)
        .where(eq(notificationPreferences.userId, userId))
        .all(),
      reputation_events: db
        .select()
        .from(reputationEvents)
        .where(eq(reputationEvents.userId, userId))
        .orderBy(reputationEvents.id)
        .all(),
      tag_reputation: db
        .select({ tag: tags.name, points: tagReputation.points, acceptedAnswers: tagReputation.acceptedAnswers })
        .from(tagReputation)
        .innerJoin(tags, eq(tags.id, tagReputation.tagId))
        .where(eq(tagReputation.userId, userId))
        .all(),
      user_badges: db.select().from(userBadges).where(eq(userBadges.userId, userId)).all(),
      credentials: credentialsOf(userId),
      member_tags: db
        .select({ tag: tags.name })
        .from(memberTags)
        .innerJoin(tags, eq(tags.id, memberTags.tagId))
        .where(eq(memberTags.userId, userId))
        .all(),
      user_visits: db.select({ day: userVisits.day }).from(userVisits).where(eq(userVisits.userId, userId)).all(),
      flags: db.select().from(flags).where(eq(flags.flaggerId, userId)).all(),
      follows: db.select().from(follows).where(eq(follows.userId, userId)).all(),
      member_options: db.select().from(memberOptions).where(eq(memberOptions.userId, userId)).all(),
      member_matches: db.select().from(memberMatches).where(eq(memberMatches.userId, userId)).all(),
      question_routes: db.select().from(questionRoutes).where(eq(questionRoutes.expertId, userId)).all(),
      introductions: db
        .select()
        .from(introductions)
        .where(or(eq(introductions.fromId, userId), eq(introductions.toId, userId)))
        .all(),
    },
  };
}

export type MemberExport = NonNullable<ReturnType<typeof exportMember>>;

/** What an erased member is shown as: one neutral name, the same in every language and every place. */
export const FORMER_MEMBER_NAME = "Former member";
/** "former.12": the sign-up form refuses a "." in a handle, so no member can already have it. */
export const formerHandle = (userId: number) => `former.${userId}`;
/** Unique (the email index) and never delivered (.invalid is reserved, RFC 2606), so the address is free again. */
export const erasedEmail = (userId: number) => `erased-${userId}@invalid`;
/** No argon2 hash looks like this, so no password ever matches it. */
const UNUSABLE_PASSWORD_HASH = "!erased";

export type EraseResult = { ok: true; handle: string } | { ok: false; reason: "missing" | "erased" | "lastAdmin" };

/**
 * Erases a member's personal data in one transaction (docs/privacy.md). The row stays, as "Former member",
 * so what others built on their contributions (answers' questions, votes, reputation, health history) still
 * adds up; `deletePosts` also takes their posts down, as if they had deleted each one themselves.
 */
export function eraseMember({
  userId,
  actorId,
  deletePosts,
  reason = "",
  now = new Date(),
}: {
  userId: number;
  actorId: number;
  deletePosts: boolean;
  reason?: string;
  now?: Date;
}): EraseResult {
  let photo: string | null = null;
  const result = writeTransaction((tx): EraseResult => {
    const member = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!member) return { ok: false, reason: "missing" };
    if (member.erasedAt) return { ok: false, reason: "erased" };
    if (member.role === "admin" && otherAdmins(tx, userId) === 0) return { ok: false, reason: "lastAdmin" };

    const email = member.email;
    photo = member.avatarFile;
    tx.update(users)
      .set({
        name: FORMER_MEMBER_NAME,
        handle: formerHandle(userId),
        email: erasedEmail(userId),
        passwordHash: UNUSABLE_PASSWORD_HASH,
        role: "member",
        locale: null,
        theme: "system",
        headline: "",
        bio: "",
        location: "",
        digest: "off",
        calendarTokenHash: null,
        calendarTokenCreatedAt: null,
        avatarFile: null,
        suspendReason: "",
        erasedAt: now,
      })
      .where(eq(users.id, userId))
      .run();

    // Jobs for them (emails, digests) would only fail or write their address again.
    tx.delete(jobs)
      .where(
        or(
          sql`json_extract(${jobs.payload}, '$.userId') = ${userId}`,
          sql`instr(${jobs.payload}, ${email}) > 0`,
          sql`json_extract(${jobs.payload}, '$.notificationId') in (select id from notifications where user_id = ${userId})`,
        ),
      )
      .run();
    for (const table of [
      sessions,
      passwordResets,
      userVisits,
      notifications,
      notificationPreferences,
      memberTags,
      memberships,
      follows,
      memberOptions,
      // A company sign-in must not lead to the former member's row.
      oidcIdentities,
    ])
      tx.delete(table).where(eq(table.userId, userId)).run();
    // Nobody is suggested a former member; her hellos, said and received, go (docs/people-to-meet.md).
    tx.delete(memberMatches)
      .where(or(eq(memberMatches.userId, userId), eq(memberMatches.otherId, userId)))
      .run();
    tx.delete(introductions)
      .where(or(eq(introductions.fromId, userId), eq(introductions.toId, userId)))
      .run();
    // Her hellos in others' notifications link to her old handle: they go with the introductions.
    tx.delete(notifications)
      .where(and(eq(notifications.kind, "introduction"), eq(notifications.actorId, userId)))
      .run();
    // The questions she was asked to answer no longer name her (docs/routing.md).
    tx.delete(questionRoutes).where(eq(questionRoutes.expertId, userId)).run();
    // Nobody follows a former member.
    tx.delete(follows)
      .where(and(eq(follows.kind, "member"), eq(follows.targetId, userId)))
      .run();
    // A lead's notes about them; what they wrote as a lead to others stays with those members.
    tx.delete(healthActions).where(eq(healthActions.userId, userId)).run();
    // A lead's nudge is titled with the lead's name.
    tx.update(notifications)
      .set({ title: FORMER_MEMBER_NAME })
      .where(and(eq(notifications.actorId, userId), eq(notifications.title, member.name)))
      .run();
    // Their badges stay (anonymous), but no credential goes on vouching for them (docs/credentials.md).
    revokeCredentials(tx, { userId }, "erased", now);
    removeUpcomingRsvps(tx, userId, now);
    tx.update(rsvps).set({ note: "" }).where(eq(rsvps.userId, userId)).run();
    const pairPrefix = `pair:${email}|`;
    tx.delete(loginFailures)
      .where(
        or(
          eq(loginFailures.key, `account:${email}`),
          sql`substr(${loginFailures.key}, 1, ${pairPrefix.length}) = ${pairPrefix}`,
        ),
      )
      .run();
    // The health report and its filtered views name members; they are computed again on the next visit to /health.
    tx.delete(healthSnapshots).run();
    tx.delete(healthViews).run();

    const authored = tx
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.authorId, userId), ne(posts.status, "deleted")))
      .all();
    if (deletePosts)
      for (const { id } of authored) setPostStatus(tx, { postId: id, status: "deleted", actorId: userId, now });
    // Every page that shows one of their posts shows their name: lists, tags, search and the posts' pages.
    const roots = new Set<number>();
    for (const { id } of tx.select({ id: posts.id }).from(posts).where(eq(posts.authorId, userId)).all()) {
      const post = findPost(tx, id);
      if (!post) continue;
      const root = rootOf(tx, post);
      if (roots.has(root.id)) continue;
      roots.add(root.id);
      touch(tx, root);
    }
    bumpCacheTags(tx, ["members", "names", "orgs", "reputation", "badges", "events", `member:${userId}`]);
    recordAudit(tx, {
      actorId,
      action: "user.erase",
      subject: `user:${userId}`,
      detail: [reason, deletePosts ? "posts deleted" : "posts kept"].filter(Boolean).join("; "),
      at: now,
    });
    return { ok: true, handle: formerHandle(userId) };
  });
  // The photo's files go once the row no longer points at them (docs/media.md).
  if (result.ok && photo) deleteUnusedPhoto(photo);
  return result;
}

function otherAdmins(tx: Tx, userId: number) {
  return (
    tx
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(and(eq(users.role, "admin"), ne(users.id, userId), sql`${users.erasedAt} is null`))
      .get()?.n ?? 0
  );
}

/** Their answers to meetups still to come go; a seat they held goes to the waitlist. Past ones stay for the counts. */
function removeUpcomingRsvps(tx: Tx, userId: number, now: Date) {
  const upcoming = tx
    .select({ eventId: rsvps.eventId })
    .from(rsvps)
    .innerJoin(events, eq(events.id, rsvps.eventId))
    .where(and(eq(rsvps.userId, userId), gt(events.startsAt, now)))
    .all();
  for (const { eventId } of upcoming) {
    tx.delete(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)))
      .run();
    const event = tx.select().from(events).where(eq(events.id, eventId)).get();
    if (event) promoteFromWaitlist(tx, event, now);
  }
}
