/**
 * The review queue at /admin and the decisions leads take on it (docs/moderation.md): open flags grouped by
 * post, held posts from the spam rules among them, with what a lead needs to judge (the author's history),
 * and one transaction per decision: the post's new state, the flags closed, flaggers and author told, the
 * audit log written.
 */
import { and, count, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { flags, posts, users, type Post, type PostKind, type PostStatus } from "~db/schema";
import { db, type Tx, writeTransaction } from "~/utils/db.server";
import { DAY_MS } from "~/utils/time";
import { recordAudit, type AuditAction } from "./audit.server";
import { notifyModeration, postLabel, openFlaggers, type ModerationOutcome } from "./flag.server";
import { postUrl } from "./post-queries.server";
import { announceApproved, setPostStatus } from "./post.server";
import { findPost } from "./post-write.server";
import { suspendMember } from "./suspension.server";

export const DECISIONS = ["dismiss", "hide", "delete", "restore", "suspend"] as const;
export type Decision = (typeof DECISIONS)[number];

const QUEUE_PAGE = 20;

/** Posts with open flags (held posts included), the most recently flagged first. */
export function reviewQueue() {
  const queued = db
    .select({ postId: flags.postId, lastFlagged: sql<number>`max(${flags.createdAt})` })
    .from(flags)
    .where(eq(flags.status, "open"))
    .groupBy(flags.postId)
    .orderBy(desc(sql`max(${flags.createdAt})`))
    .limit(QUEUE_PAGE)
    .all();
  const ids = queued.map((q) => q.postId);
  if (!ids.length) return { items: [], total: 0 };
  const total = db
    .select({ n: sql<number>`count(distinct ${flags.postId})` })
    .from(flags)
    .where(eq(flags.status, "open"))
    .get()!.n;
  const postRows = db
    .select({ post: posts, authorName: users.name, authorHandle: users.handle })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(inArray(posts.id, ids))
    .all();
  const flagRows = db
    .select({
      id: flags.id,
      postId: flags.postId,
      reason: flags.reason,
      note: flags.note,
      weight: flags.weight,
      createdAt: flags.createdAt,
      flaggerName: users.name,
      flaggerHandle: users.handle,
    })
    .from(flags)
    .leftJoin(users, eq(users.id, flags.flaggerId))
    .where(and(eq(flags.status, "open"), inArray(flags.postId, ids)))
    .orderBy(flags.createdAt)
    .all();
  const byId = new Map(postRows.map((r) => [r.post.id, r]));
  const histories = authorHistories(postRows.map((r) => r.post.authorId));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        post: {
          id: row.post.id,
          kind: row.post.kind,
          status: row.post.status,
          title: postLabel(row.post),
          bodyHtml: row.post.bodyHtml,
          url: postUrl(row.post),
          createdAt: row.post.createdAt,
        },
        author: { ...histories.get(row.post.authorId)!, name: row.authorName, handle: row.authorHandle },
        flags: flagRows.filter((f) => f.postId === id),
      },
    ];
  });
  return { items, total };
}

/**
 * What a lead weighs, for every author in the queue at once (four queries, whatever the queue's length): how
 * long they have been here, what they posted lately, how often their posts were flagged before.
 */
function authorHistories(authorIds: number[]) {
  const ids = [...new Set(authorIds)];
  const authors = db
    .select({
      id: users.id,
      role: users.role,
      reputation: users.reputation,
      createdAt: users.createdAt,
      suspendedAt: users.suspendedAt,
      suspendedUntil: users.suspendedUntil,
    })
    .from(users)
    .where(inArray(users.id, ids))
    .all();
  const recent = db.all<{
    authorId: number;
    id: number;
    kind: PostKind;
    title: string;
    status: PostStatus;
    createdAt: number;
  }>(sql`
    select author_id as authorId, id, kind, title, status, created_at as createdAt from (
      select *, row_number() over (partition by author_id order by created_at desc) as n from posts
      where author_id in (select value from json_each(${JSON.stringify(ids)})))
    where n <= 5 order by created_at desc`);
  const counts = db
    .select({ authorId: posts.authorId, n: count() })
    .from(posts)
    .where(inArray(posts.authorId, ids))
    .groupBy(posts.authorId)
    .all();
  const earlier = db
    .select({ authorId: posts.authorId, status: flags.status, n: count() })
    .from(flags)
    .innerJoin(posts, eq(posts.id, flags.postId))
    .where(and(inArray(posts.authorId, ids), ne(flags.status, "open")))
    .groupBy(posts.authorId, flags.status)
    .all();
  const flagsOf = (authorId: number, status: "upheld" | "dismissed") =>
    earlier.find((e) => e.authorId === authorId && e.status === status)?.n ?? 0;
  return new Map(
    authors.map((author) => [
      author.id,
      {
        ...author,
        postCount: counts.find((c) => c.authorId === author.id)?.n ?? 0,
        recent: recent
          .filter((p) => p.authorId === author.id)
          .map(({ authorId: _, createdAt, ...p }) => ({ ...p, createdAt: new Date(createdAt) })),
        earlierFlags: { upheld: flagsOf(author.id, "upheld"), dismissed: flagsOf(author.id, "dismissed") },
      },
    ]),
  );
}

export type DecisionInput = {
  postId: number;
  moderatorId: number;
  decision: Decision;
  reason?: string;
  /** For "suspend": when it ends (null: indefinite). */
  suspendUntil?: Date | null;
  /** For "suspend": also delete what the author posted in the last PURGE_DAYS (a spam run, in one click). */
  purgeRecent?: boolean;
  now?: Date;
};

/** What each decision does to the post, to its open flags, and what the author hears. */
const EFFECTS: Record<
  Decision,
  { status: PostStatus | null; flags: "upheld" | "dismissed"; author: ModerationOutcome | null }
> = {
  dismiss: { status: "published", flags: "dismissed", author: null },
  restore: { status: "published", flags: "dismissed", author: "postRestored" },
  hide: { status: "hidden", flags: "upheld", author: "postHidden" },
  delete: { status: "deleted", flags: "upheld", author: "postRemoved" },
  suspend: { status: "hidden", flags: "upheld", author: null },
};

const AUDITED_AS: Record<Decision, AuditAction> = {
  dismiss: "flag.dismiss",
  restore: "post.restore",
  hide: "post.hide",
  delete: "post.delete",
  suspend: "post.hide",
};

/**
 * Applies a lead's decision in one transaction. Returns false when the post does not exist. Dismissing flags
 * on a post the flags hid puts it back; restoring a held post also lifts its author's review (docs/moderation.md).
 */
export function decide({
  postId,
  moderatorId,
  decision,
  reason = "",
  suspendUntil = null,
  purgeRecent = false,
  now = new Date(),
}: DecisionInput) {
  return writeTransaction((tx) => {
    const post = findPost(tx, postId);
    if (!post) return false;
    const effect = EFFECTS[decision];
    const wasHeld = post.status === "held";
    // A post its author deleted stays deleted whatever is decided about its flags, unless a lead restores it.
    const status = post.status === "deleted" && decision !== "restore" && decision !== "delete" ? null : effect.status;
    if (status) setPostStatus(tx, { postId, status, actorId: moderatorId, now });
    closeFlags(tx, post, effect.flags, moderatorId, now);
    if (effect.author && status && status !== post.status)
      notifyModeration(tx, { userId: post.authorId, post, outcome: effect.author, actorId: moderatorId, now });
    if (wasHeld && effect.status === "published") {
      tx.update(users).set({ reviewPosts: false }).where(eq(users.id, post.authorId)).run();
      announceApproved(tx, post, now);
    }
    recordAudit(tx, {
      actorId: moderatorId,
      action: wasHeld && effect.status === "published" ? "post.approve" : AUDITED_AS[decision],
      subject: `post:${postId}`,
      detail: reason,
      at: now,
    });
    if (decision === "suspend") {
      suspendMember(tx, { userId: post.authorId, moderatorId, reason, until: suspendUntil, now });
      if (purgeRecent) purgeRecentPosts(tx, { authorId: post.authorId, moderatorId, now });
    }
    return true;
  });
}

export const PURGE_DAYS = 7;

/** Deletes every post the author wrote in the last PURGE_DAYS that is still up, upholding flags on them. */
function purgeRecentPosts(
  tx: Tx,
  { authorId, moderatorId, now }: { authorId: number; moderatorId: number; now: Date },
) {
  const recent = tx
    .select()
    .from(posts)
    .where(
      and(
        eq(posts.authorId, authorId),
        ne(posts.status, "deleted"),
        gte(posts.createdAt, new Date(now.getTime() - PURGE_DAYS * DAY_MS)),
      ),
    )
    .all();
  for (const post of recent) {
    setPostStatus(tx, { postId: post.id, status: "deleted", actorId: moderatorId, now });
    closeFlags(tx, post, "upheld", moderatorId, now);
  }
  recordAudit(tx, {
    actorId: moderatorId,
    action: "user.purge",
    subject: `user:${authorId}`,
    detail: `${recent.length} posts`,
    at: now,
  });
}

/** Closes the post's open flags and thanks each flagger with the outcome. */
function closeFlags(tx: Tx, post: Post, status: "upheld" | "dismissed", moderatorId: number, now: Date) {
  const open = openFlaggers(tx, post.id);
  tx.update(flags)
    .set({ status, resolvedAt: now, resolvedBy: moderatorId })
    .where(and(eq(flags.postId, post.id), eq(flags.status, "open")))
    .run();
  const outcome = status === "upheld" ? "flagUpheld" : "flagDismissed";
  for (const { flaggerId } of open)
    notifyModeration(tx, { userId: flaggerId!, post, outcome, actorId: moderatorId, now });
}
