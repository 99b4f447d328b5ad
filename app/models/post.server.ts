/**
 * Writing posts: asking, answering, commenting, publishing articles, editing, rolling back, deleting and
 * restoring. Votes and accepted answers are in post-votes.server.ts; reading in post-queries.server.ts.
 */
import { and, eq, sql } from "drizzle-orm";
import { posts, postRevisions, type Post, type PostStatus } from "~db/schema";
import { slugify } from "~/utils/slug";
import { type Tx, writeTransaction } from "~/utils/db.server";
import { recordActivity } from "./activity.server";
import { recordAudit } from "./audit.server";
import { holdPost } from "./flag.server";
import { follow, notifyFollowers } from "./follow.server";
import type { WriteGuard } from "./post-limits.server";
import { notify } from "./notification.server";
import { postUrl } from "./post-queries.server";
import {
  findPost,
  languageOf,
  mentionedMembers,
  notifyAboutPost,
  renderBody,
  rootOf,
  touch,
  uniqueSlug,
  writeRevision,
} from "./post-write.server";
import { reverseAcceptanceReputation } from "./reputation.server";
import { enqueueRouting } from "./routing.server";
import { spamVerdict } from "./spam.server";
import { adjustTagCounts, setPostTags, tagIdsOfPost } from "./tag.server";
import { MARKDOWN_VERSION } from "~/utils/markdown.server";

/**
 * `guard`: the posting limits (post-limits.server.ts), checked in the transaction that inserts. `screen`: the
 * spam rules (spam.server.ts) judge it there too, and may hold it; routes pass both, the seed and tests neither.
 */
type Screening = { guard?: WriteGuard; screen?: boolean };
type NewTopPost = { authorId: number; title: string; body: string; tags: string[]; now?: Date } & Screening;
/** A question may invite one expert to answer ("Ask an expert" on a profile). */
type NewQuestion = NewTopPost & { invitedExpertId?: number };

function createTopPost(kind: "article" | "question", input: NewQuestion & { summary?: string }) {
  const now = input.now ?? new Date();
  const { bodyHtml, mentioned } = renderBody(input.body);
  return writeTransaction((tx) => {
    input.guard?.(tx);
    const held = input.screen ? spamVerdict(tx, { authorId: input.authorId, body: input.body, bodyHtml, now }) : null;
    const post = tx
      .insert(posts)
      .values({
        kind,
        authorId: input.authorId,
        title: input.title,
        summary: input.summary ?? "",
        body: input.body,
        bodyHtml,
        htmlVersion: MARKDOWN_VERSION,
        lang: languageOf(tx, input.authorId, input.title, input.summary, input.body),
        slug: kind === "article" ? uniqueSlug(tx, slugify(input.title)) : null,
        createdAt: now,
        updatedAt: now,
        lastActivityAt: now,
      })
      .returning()
      .get();
    const tagIds = setPostTags(tx, post.id, input.tags);
    writeRevision(tx, post, input.authorId, input.tags, now);
    recordActivity(tx, { actorId: input.authorId, verb: kind, postId: post.id, tagIds, at: now });
    // A held post tells nobody but its author (holdPost); approving it tells the others (announceApproved).
    if (held) holdPost(tx, post, held, now);
    else if (input.invitedExpertId) {
      notify(tx, {
        userId: input.invitedExpertId,
        kind: "ask_expert",
        actorId: input.authorId,
        subject: `post:${post.id}`,
        title: post.title,
        url: postUrl(post),
        dedupeKey: `post:${post.id}`,
        at: now,
      });
    }
    if (!held) notifyAboutPost(tx, { post, root: post, actorId: input.authorId, mentioned, at: now });
    if (!held) notifyFollowers(tx, { post, root: post, actorId: input.authorId, at: now });
    if (kind === "question")
      follow(tx, { userId: input.authorId, kind: "question", targetId: post.id, auto: true, now });
    if (!held) enqueueRouting(tx, post, now);
    touch(tx, post, post.authorId);
    return held ? { ...post, status: "held" as const } : post;
  });
}

export function createArticle(input: NewTopPost & { summary: string }) {
  return createTopPost("article", input);
}

export function createQuestion(input: NewQuestion) {
  return createTopPost("question", input);
}

/** Returns null when the question does not exist or is deleted. */
export function createAnswer({
  authorId,
  questionId,
  body,
  now = new Date(),
  guard,
  screen,
}: {
  authorId: number;
  questionId: number;
  body: string;
  now?: Date;
} & Screening) {
  const { bodyHtml, mentioned } = renderBody(body);
  return writeTransaction((tx) => {
    guard?.(tx);
    const question = findPost(tx, questionId);
    if (!question || question.kind !== "question" || question.status !== "published") return null;
    const held = screen ? spamVerdict(tx, { authorId, body, bodyHtml, now }) : null;
    const answer = insertReply(tx, { kind: "answer", parentId: questionId, authorId, body, bodyHtml, now });
    // A held answer is counted until holdPost takes it out again, but does not bump the question nor answer it.
    tx.update(posts)
      .set({
        answerCount: sql`${posts.answerCount} + 1`,
        ...(held
          ? {}
          : { lastActivityAt: now, firstAnswerAt: sql`coalesce(${posts.firstAnswerAt}, ${now.getTime()})` }),
      })
      .where(eq(posts.id, questionId))
      .run();
    writeRevision(tx, answer, authorId, [], now);
    recordActivity(tx, {
      actorId: authorId,
      verb: "answer",
      postId: answer.id,
      targetUserId: question.authorId,
      tagIds: tagIdsOfPost(tx, questionId),
      at: now,
    });
    if (held) holdPost(tx, answer, held, now);
    else {
      notifyAboutPost(tx, {
        post: answer,
        root: question,
        actorId: authorId,
        direct: direct(answer, question),
        mentioned,
        at: now,
      });
      notifyFollowers(tx, { post: answer, root: question, actorId: authorId, at: now });
    }
    follow(tx, { userId: authorId, kind: "question", targetId: questionId, auto: true, now });
    touch(tx, question, authorId);
    return held ? { ...answer, status: "held" as const } : answer;
  });
}

/** Comments go on articles, questions and answers; returns null when the target cannot take one. */
export function createComment({
  authorId,
  postId,
  body,
  now = new Date(),
  guard,
  screen,
}: {
  authorId: number;
  postId: number;
  body: string;
  now?: Date;
} & Screening) {
  const { bodyHtml, mentioned } = renderBody(body);
  return writeTransaction((tx) => {
    guard?.(tx);
    const target = findPost(tx, postId);
    if (!target || target.kind === "comment" || target.status !== "published") return null;
    const root = rootOf(tx, target);
    if (root.status !== "published") return null;
    const held = screen ? spamVerdict(tx, { authorId, body, bodyHtml, now }) : null;
    const comment = insertReply(tx, { kind: "comment", parentId: postId, authorId, body, bodyHtml, now });
    tx.update(posts)
      .set({ commentCount: sql`${posts.commentCount} + 1` })
      .where(eq(posts.id, postId))
      .run();
    if (!held) tx.update(posts).set({ lastActivityAt: now }).where(eq(posts.id, root.id)).run();
    recordActivity(tx, {
      actorId: authorId,
      verb: "comment",
      postId: comment.id,
      targetUserId: target.authorId,
      tagIds: tagIdsOfPost(tx, root.id),
      at: now,
    });
    if (held) holdPost(tx, comment, held, now);
    else
      notifyAboutPost(tx, {
        post: comment,
        root,
        actorId: authorId,
        direct: direct(comment, target),
        mentioned,
        at: now,
      });
    touch(tx, root);
    return { comment: held ? { ...comment, status: "held" as const } : comment, root };
  });
}

/** Who a new answer or comment concerns directly: the asker, or the author of the commented post. */
const direct = (reply: Post, parent: Post) =>
  ({ userId: parent.authorId, kind: reply.kind === "answer" ? "answer" : "comment" }) as const;

/**
 * A held post a lead approved (moderation.server.ts): the notifications its publication would have sent go
 * out now, to the members it concerns and mentions. An invitation to an expert ("Ask an expert") is not kept
 * with the question, so a held question's invitation is not sent.
 */
export function announceApproved(tx: Tx, post: Post, now: Date) {
  const parent = post.parentId ? findPost(tx, post.parentId) : undefined;
  notifyAboutPost(tx, {
    post,
    root: rootOf(tx, post),
    actorId: post.authorId,
    direct: parent ? direct(post, parent) : undefined,
    mentioned: mentionedMembers(post.body),
    at: now,
  });
  // Not for an answer whose question was taken down meanwhile: its followers would read the hidden title.
  const root = rootOf(tx, post);
  if (root.status === "published") notifyFollowers(tx, { post, root, actorId: post.authorId, at: now });
  enqueueRouting(tx, post, now);
}

/** An edit: new content, a revision recording who and when, tags re-synced for articles, questions and ideas. */
type Edit = {
  postId: number;
  editorId: number;
  title?: string;
  summary?: string;
  body: string;
  tags?: string[];
  now?: Date;
};

export function editPost(edit: Edit) {
  const rendered = renderBody(edit.body);
  return writeTransaction((tx) => applyEdit(tx, edit, rendered));
}

/**
 * Rolls a post back to one of its versions: a new revision with that version's text, rendered and
 * sanitised like any edit, in one transaction with reading the version. Null when the version is not
 * one of this post's.
 */
export function rollbackPost({
  postId,
  revisionId,
  editorId,
  now,
}: {
  postId: number;
  revisionId: number;
  editorId: number;
  now?: Date;
}) {
  return writeTransaction((tx) => {
    const version = tx
      .select()
      .from(postRevisions)
      .where(and(eq(postRevisions.id, revisionId), eq(postRevisions.postId, postId)))
      .get();
    if (!version) return null;
    const tagNames = version.tags ? version.tags.split(",") : undefined;
    const edit = {
      postId,
      editorId,
      title: version.title,
      summary: version.summary,
      body: version.body,
      tags: tagNames,
      now,
    };
    return applyEdit(tx, edit, renderBody(version.body));
  });
}

function applyEdit(
  tx: Tx,
  { postId, editorId, title, summary, body, tags: tagNames, now = new Date() }: Edit,
  { bodyHtml, mentioned }: ReturnType<typeof renderBody>,
) {
  const post = findPost(tx, postId);
  if (!post) return null;
  touch(tx, rootOf(tx, post)); // before: the old tags' pages
  const isTop = post.kind === "article" || post.kind === "question" || post.kind === "idea";
  const updated = tx
    .update(posts)
    .set({
      body,
      bodyHtml,
      htmlVersion: MARKDOWN_VERSION,
      lang: languageOf(
        tx,
        post.authorId,
        isTop ? (title ?? post.title) : "",
        post.kind === "article" ? (summary ?? post.summary) : "",
        body,
      ),
      updatedAt: now,
      ...(isTop && title !== undefined ? { title } : {}),
      ...(post.kind === "article" && summary !== undefined ? { summary } : {}),
    })
    .where(eq(posts.id, postId))
    .returning()
    .get();
  const names = isTop && tagNames ? tagNames : [];
  if (isTop && tagNames && post.status === "published") setPostTags(tx, postId, tagNames);
  writeRevision(tx, updated, editorId, names, now);
  const root = rootOf(tx, updated);
  tx.update(posts).set({ lastActivityAt: now }).where(eq(posts.id, root.id)).run();
  if (updated.status === "published")
    notifyAboutPost(tx, { post: updated, root, actorId: editorId, mentioned, at: now });
  touch(tx, root, post.authorId); // after: the new tags' pages
  return updated;
}

/**
 * Moves a post between published, deleted, hidden and held (docs/moderation.md). Leaving "published" takes it
 * out of lists, counts and search, and coming back puts it in, in one transaction. `actorId` is recorded on a
 * delete, so an author cannot undo a lead's removal (canRestorePost). Returns the post as it was, or null.
 */
export function setPostStatus(
  tx: Tx,
  { postId, status, actorId, now = new Date() }: { postId: number; status: PostStatus; actorId?: number; now?: Date },
) {
  const post = findPost(tx, postId);
  if (!post || post.status === status) return post ?? null;
  const deleted = status === "deleted";
  tx.update(posts)
    .set({ status, deletedAt: deleted ? now : null, deletedBy: deleted ? (actorId ?? null) : null })
    .where(eq(posts.id, postId))
    .run();
  const live = (s: PostStatus) => s === "published";
  if (live(post.status) !== live(status)) adjustCounts(tx, post, live(status) ? 1 : -1, now);
  touch(tx, rootOf(tx, post), post.authorId);
  return post;
}

/** Soft delete and restore by a member or lead (post page, admin queue). */
export function setPostDeleted(input: { postId: number; deleted: boolean; actorId?: number; now?: Date }) {
  const { deleted, ...rest } = input;
  const status = deleted ? "deleted" : "published";
  return writeTransaction((tx) => {
    const before = setPostStatus(tx, { ...rest, status });
    // A lead deleting or restoring someone else's post is moderation: it goes in the audit log.
    if (before && before.status !== status && rest.actorId !== undefined && rest.actorId !== before.authorId)
      recordAudit(tx, {
        actorId: rest.actorId,
        action: deleted ? "post.delete" : "post.restore",
        subject: `post:${before.id}`,
        at: rest.now,
      });
    return before;
  });
}

/** The post's place in its tags' counts and its parent's answer or comment count. */
function adjustCounts(tx: Tx, post: Post, delta: 1 | -1, now: Date) {
  if (post.kind === "article" || post.kind === "question" || post.kind === "idea") adjustTagCounts(tx, post.id, delta);
  if (post.kind === "answer" && post.parentId) {
    tx.update(posts)
      .set({ answerCount: sql`${posts.answerCount} + ${delta}` })
      .where(eq(posts.id, post.parentId))
      .run();
    // An answer taken down cannot stay the accepted one, nor keep what its acceptance earned.
    const unaccepted =
      delta < 0
        ? tx
            .update(posts)
            .set({ acceptedAnswerId: null })
            .where(and(eq(posts.id, post.parentId), eq(posts.acceptedAnswerId, post.id)))
            .returning({ id: posts.id })
            .get()
        : undefined;
    if (unaccepted) reverseAcceptanceReputation(tx, post.id, now);
  }
  if (post.kind === "comment" && post.parentId) {
    tx.update(posts)
      .set({ commentCount: sql`${posts.commentCount} + ${delta}` })
      .where(eq(posts.id, post.parentId))
      .run();
  }
}

/** The row of a new answer or comment; its parent's counters and activity are the caller's. */
function insertReply(
  tx: Tx,
  reply: { kind: "answer" | "comment"; parentId: number; authorId: number; body: string; bodyHtml: string; now: Date },
) {
  const { kind, parentId, authorId, body, bodyHtml, now } = reply;
  return tx
    .insert(posts)
    .values({
      kind,
      parentId,
      authorId,
      body,
      bodyHtml,
      htmlVersion: MARKDOWN_VERSION,
      lang: languageOf(tx, authorId, body),
      createdAt: now,
      updatedAt: now,
      lastActivityAt: now,
    })
    .returning()
    .get();
}
