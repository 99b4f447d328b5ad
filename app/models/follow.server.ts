/**
 * Following (docs/following.md): members follow tags, members, questions, ideas and meetups. A followed
 * question's new answers notify its followers; new content in a followed tag or by a followed member is told
 * in the app and gathered in the weekly digest (app/jobs/digest.server.ts), never one email per post.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { events, follows, memberOptions, posts, tags, users, type FollowKind, type Post } from "~db/schema";
import { db, prepared, type Tx, writeTransaction } from "~/utils/db.server";
import { followUrl } from "~/utils/follow";
import { notify } from "./notification.server";
import { postUrl } from "./post-queries.server";
import { tagIdsOfPost } from "./tag.server";

type Target = { userId: number; kind: FollowKind; targetId: number };

/** Whether the member lets asking and answering follow the question (on unless turned off in /settings). */
export function autoFollowOn(userId: number, tx: Tx | typeof db = db) {
  const row = tx
    .select({ autoFollow: memberOptions.autoFollow })
    .from(memberOptions)
    .where(eq(memberOptions.userId, userId))
    .get();
  return row?.autoFollow ?? true;
}

export function setAutoFollow(userId: number, autoFollow: boolean) {
  writeTransaction((tx) =>
    tx
      .insert(memberOptions)
      .values({ userId, autoFollow })
      .onConflictDoUpdate({ target: memberOptions.userId, set: { autoFollow } })
      .run(),
  );
}

/**
 * Follows; `auto` (asking, answering, voting for an idea) does nothing when the member turned auto-follow off.
 * Returns whether a new follow was written (following twice changes nothing).
 */
export function follow(
  tx: Tx,
  { userId, kind, targetId, auto = false, now = new Date() }: Target & { auto?: boolean; now?: Date },
) {
  if (auto && !autoFollowOn(userId, tx)) return false;
  const row = tx
    .insert(follows)
    .values({ userId, kind, targetId, auto, createdAt: now })
    .onConflictDoNothing()
    .returning({ userId: follows.userId })
    .get();
  return !!row;
}

export function unfollow(tx: Tx, { userId, kind, targetId }: Target) {
  tx.delete(follows)
    .where(and(eq(follows.userId, userId), eq(follows.kind, kind), eq(follows.targetId, targetId)))
    .run();
}

/** Moves the followers of one thing to another (a merged duplicate idea); who follows both keeps one row. */
export function moveFollowers(tx: Tx, kind: FollowKind, fromId: number, toId: number) {
  tx.run(sql`
    insert into follows (user_id, kind, target_id, auto, created_at)
    select user_id, kind, ${toId}, auto, created_at from follows where kind = ${kind} and target_id = ${fromId}
    on conflict do nothing`);
  tx.delete(follows)
    .where(and(eq(follows.kind, kind), eq(follows.targetId, fromId)))
    .run();
}

export function isFollowing(tx: Tx | typeof db, { userId, kind, targetId }: Target) {
  return !!tx
    .select({ one: sql`1` })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.kind, kind), eq(follows.targetId, targetId)))
    .get();
}

/** For pages: whether the viewer (if signed in) follows the thing. */
// Every signed-in view of a followable page asks it: prepared once (db.server's `prepared`).
const viewerFollowsQuery = prepared(() =>
  db
    .select({ one: sql`1` })
    .from(follows)
    .where(
      and(
        eq(follows.userId, sql.placeholder("userId")),
        eq(follows.kind, sql.placeholder("kind")),
        eq(follows.targetId, sql.placeholder("targetId")),
      ),
    )
    .prepare(),
);

export function viewerFollows(userId: number | undefined, kind: FollowKind, targetId: number) {
  return userId ? !!viewerFollowsQuery().get({ userId, kind, targetId }) : false;
}

/** The ids of the members who follow the thing (or any of `targetIds`), each once. */
export function followersOf(tx: Tx | typeof db, kind: FollowKind, targetId: number | number[]) {
  const ids = Array.isArray(targetId) ? targetId : [targetId];
  if (!ids.length) return [];
  return tx
    .selectDistinct({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.kind, kind), inArray(follows.targetId, ids)))
    .all()
    .map((r) => r.userId);
}

/** The follow button's form: `value` 1 follows, 0 stops. */
export function setFollowing(input: Target & { value: boolean; now?: Date }) {
  writeTransaction((tx) => (input.value ? follow(tx, input) : unfollow(tx, input)));
}

export type FollowedItem = { kind: FollowKind; targetId: number; name: string; url: string; auto: boolean };

/** What /settings lists: everything the member follows, by kind, newest first, with names and links. */
export function followsOf(userId: number): FollowedItem[] {
  const rows = db.select().from(follows).where(eq(follows.userId, userId)).orderBy(desc(follows.createdAt)).all();
  const idsOf = (kind: FollowKind) => rows.filter((r) => r.kind === kind).map((r) => r.targetId);
  const names = new Map<string, string>();
  const put = (kind: FollowKind, list: { id: number; name: string | null }[]) =>
    list.forEach((r) => names.set(`${kind}:${r.id}`, r.name ?? ""));
  const tagIds = idsOf("tag");
  if (tagIds.length)
    put("tag", db.select({ id: tags.id, name: tags.name }).from(tags).where(inArray(tags.id, tagIds)).all());
  const memberIds = idsOf("member");
  if (memberIds.length)
    put(
      "member",
      db.select({ id: users.id, name: users.handle }).from(users).where(inArray(users.id, memberIds)).all(),
    );
  for (const kind of ["question", "idea"] as const) {
    const ids = idsOf(kind);
    if (ids.length)
      // A post taken down (hidden, held, deleted) leaves the list: its title is no longer public.
      put(
        kind,
        db
          .select({ id: posts.id, name: posts.title })
          .from(posts)
          .where(and(inArray(posts.id, ids), eq(posts.status, "published")))
          .all(),
      );
  }
  const eventIds = idsOf("event");
  if (eventIds.length)
    put(
      "event",
      db.select({ id: events.id, name: events.title }).from(events).where(inArray(events.id, eventIds)).all(),
    );
  return rows.flatMap((r) => {
    const name = names.get(`${r.kind}:${r.targetId}`);
    if (name === undefined) return []; // its target is gone
    return [
      { kind: r.kind, targetId: r.targetId, name, url: followUrl(r.kind, { id: r.targetId, name }), auto: r.auto },
    ];
  });
}

/**
 * Tells the followers of a new, published post, in its write's transaction and after its direct notifications
 * (notifyAboutPost): the shared dedupe key `post:<id>` means an asker told of an answer, or a member mentioned
 * in it, is not told again, and a member who follows both the tag and the author hears once. An answer tells
 * its question's followers (`followed_question`, in the app and by email as they chose); a question or article
 * tells the followers of its tags and of its author, and an answer those of its author (`following`, in the
 * app only: the weekly digest gathers them).
 */
export function notifyFollowers(
  tx: Tx,
  { post, root, actorId, at }: { post: Post; root: Post; actorId: number; at: Date },
) {
  const about = { actorId, title: root.title, url: postUrl(post), dedupeKey: `post:${post.id}`, at };
  if (post.kind === "answer") {
    // The asker hears of answers by the "answer" kind, as they chose for it (notifyAboutPost), never a second way.
    for (const userId of followersOf(tx, "question", root.id).filter((id) => id !== root.authorId))
      notify(tx, { ...about, userId, kind: "followed_question", subject: `post:${root.id}` });
  }
  if (post.kind === "comment") return;
  const followers = new Set(followersOf(tx, "member", post.authorId));
  if (post.id === root.id)
    for (const userId of followersOf(tx, "tag", tagIdsOfPost(tx, post.id))) followers.add(userId);
  for (const userId of followers) notify(tx, { ...about, userId, kind: "following", subject: `following:${post.id}` });
}
