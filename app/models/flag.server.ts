/**
 * Flags on posts (docs/moderation.md). A member flags a live post once while the flag is open; each flag
 * weighs by the flagger's standing, and when a post's open flags reach HIDE_AT it is hidden at once,
 * pending a lead's decision in /admin. Nothing is deleted by flags alone. The spam rules hold a post with a
 * flag of their own (no flagger), so held posts wait in the same queue.
 */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { flags, users, type FlagReason, type Post } from "~db/schema";
import { db, prepared, type Tx, writeTransaction } from "~/utils/db.server";
import { hasRole } from "~/utils/permissions";
import { notify } from "./notification.server";
import { postUrl } from "./post-queries.server";
import { setPostStatus } from "./post.server";
import { findPost } from "./post-write.server";

/** Reputation from which a flag weighs more: members who have shown they know the community. */
export const ESTABLISHED_REPUTATION = 200;
export const FLAG_WEIGHT = { member: 1, established: 2 } as const;
/** Open flag weight that hides a post: three established members, or six newer ones. */
export const HIDE_AT = 6;

function weightOf(tx: Tx, flaggerId: number) {
  const flagger = tx
    .select({ id: users.id, role: users.role, reputation: users.reputation })
    .from(users)
    .where(eq(users.id, flaggerId))
    .get();
  if (!flagger) return FLAG_WEIGHT.member;
  const established = hasRole(flagger, "expert") || flagger.reputation >= ESTABLISHED_REPUTATION;
  return established ? FLAG_WEIGHT.established : FLAG_WEIGHT.member;
}

export type FlagResult = { status: "flagged" | "already" | "missing"; hidden: boolean };

export function flagPost({
  postId,
  flaggerId,
  reason,
  note = "",
  now = new Date(),
}: {
  postId: number;
  flaggerId: number;
  reason: FlagReason;
  note?: string;
  now?: Date;
}): FlagResult {
  return writeTransaction((tx) => {
    const post = findPost(tx, postId);
    if (!post || post.status !== "published") return { status: "missing", hidden: false };
    const inserted = tx
      .insert(flags)
      .values({ postId, flaggerId, reason, note, weight: weightOf(tx, flaggerId), createdAt: now })
      .onConflictDoNothing()
      .returning({ id: flags.id })
      .get();
    if (!inserted) return { status: "already", hidden: false };
    const hidden = openWeight(tx, postId) >= HIDE_AT;
    if (hidden) takeDown(tx, post, "hidden", "postHidden", now);
    return { status: "flagged", hidden };
  });
}

function openWeight(tx: Tx, postId: number) {
  return (
    tx
      .select({ total: sql<number>`coalesce(sum(${flags.weight}), 0)` })
      .from(flags)
      .where(and(eq(flags.postId, postId), eq(flags.status, "open")))
      .get()?.total ?? 0
  );
}

/** The spam rules' verdict: the post is saved but held, with the rule that caught it, for a lead to decide. */
export function holdPost(tx: Tx, post: Post, note: string, now: Date) {
  tx.insert(flags).values({ postId: post.id, flaggerId: null, reason: "spam", note, weight: 0, createdAt: now }).run();
  takeDown(tx, post, "held", "postHeld", now);
}

function takeDown(tx: Tx, post: Post, status: "hidden" | "held", outcome: ModerationOutcome, now: Date) {
  setPostStatus(tx, { postId: post.id, status, now });
  notifyModeration(tx, { userId: post.authorId, post, outcome, now });
}

/**
 * What moderation tells a member. The outcome travels in the title ("postHidden:Title") so it reads in the
 * member's language (app/utils/notification-text.ts).
 */
export type ModerationOutcome =
  "postHidden" | "postHeld" | "postRemoved" | "postRestored" | "flagUpheld" | "flagDismissed";

export function notifyModeration(
  tx: Tx,
  {
    userId,
    post,
    outcome,
    actorId,
    now,
  }: { userId: number; post: Post; outcome: ModerationOutcome; actorId?: number; now: Date },
) {
  notify(tx, {
    userId,
    kind: "moderation",
    actorId: actorId ?? null,
    subject: `post:${post.id}`,
    title: `${outcome}:${postLabel(post)}`,
    url: postUrl(post),
    at: now,
  });
}

/**
 * A post's title, or the start of its text for answers and comments. Not excerpt() of app/utils/text.ts: that
 * strips markdown characters, and would turn "@jan_de_vries" into "@jan de vries".
 */
export function postLabel(post: Pick<Post, "title" | "body">) {
  if (post.title) return post.title;
  const text = post.body.replace(/\s+/g, " ").trim();
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Which of these posts the member has an open flag on, for "you flagged this". */
// Every signed-in view of a thread asks this: prepared once, the ids as one JSON parameter.
const flaggedByQuery = prepared(() =>
  db
    .select({ postId: flags.postId })
    .from(flags)
    .where(
      and(
        eq(flags.flaggerId, sql.placeholder("userId")),
        eq(flags.status, "open"),
        sql`${flags.postId} in (select value from json_each(${sql.placeholder("ids")}))`,
      ),
    )
    .prepare(),
);

export function flaggedBy(userId: number | undefined, postIds: number[]): number[] {
  if (!userId || !postIds.length) return [];
  return flaggedByQuery()
    .all({ userId, ids: JSON.stringify(postIds) })
    .map((r) => r.postId);
}

/** The members whose open flags on a post a decision answers (the spam rules' flags have no flagger). */
export function openFlaggers(tx: Tx, postId: number) {
  return tx
    .select({ id: flags.id, flaggerId: flags.flaggerId })
    .from(flags)
    .where(and(eq(flags.postId, postId), eq(flags.status, "open"), isNotNull(flags.flaggerId)))
    .all();
}
