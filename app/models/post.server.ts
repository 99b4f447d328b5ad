import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import {
  notifications,
  posts,
  postRevisions,
  postTags,
  tags,
  users,
  votes,
  type NotificationKind,
  type Post,
  type PostKind,
} from "~db/schema";
import { db, prepared, type Tx } from "~/utils/db.server";
import { bumpCacheTags, VersionedCache } from "~/utils/page-cache.server";
import { postLanguage } from "~/utils/language.server";
import { mentionedHandles, renderMarkdown } from "~/utils/markdown.server";
import { recordActivity } from "./activity.server";
import type { WriteGuard } from "./post-limits.server";
import { MAX_MENTIONS_NOTIFIED, notify } from "./notification.server";
import { recordAcceptanceReputation, recordVoteReputation, reverseAcceptanceReputation } from "./reputation.server";
import { adjustTagCounts, setPostTags, tagIdsOfPost, tagsOfPosts } from "./tag.server";
import type { QuestionState } from "~/utils/questions";

const IMMEDIATE = { behavior: "immediate" } as const;

export function slugify(title: string) {
  const base = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return base || "article";
}

function uniqueSlug(tx: Tx, base: string) {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!tx.select({ id: posts.id }).from(posts).where(eq(posts.slug, slug)).get()) return slug;
  }
}

function findPost(tx: Tx, id: number) {
  return tx.select().from(posts).where(eq(posts.id, id)).get();
}

/** The article or question a post belongs to (itself, an answer's question, a comment's root). */
function rootOf(tx: Tx, post: Post): Post {
  if (!post.parentId) return post;
  const parent = findPost(tx, post.parentId);
  return parent ? rootOf(tx, parent) : post;
}

/**
 * Invalidates the cached pages that show this root post: its page, its lists, its tags' pages, search,
 * and the profiles of `members` (the author of what changed, whose profile lists it).
 */
function touch(tx: Tx, root: Post, ...members: number[]) {
  const names = tx
    .select({ name: tags.name })
    .from(postTags)
    .innerJoin(tags, eq(tags.id, postTags.tagId))
    .where(eq(postTags.postId, root.id))
    .all();
  bumpCacheTags(tx, [
    `post:${root.id}`,
    `list:${root.kind}`,
    "tags",
    "search",
    ...names.map((n) => `tag:${n.name}`),
    ...members.map((id) => `member:${id}`),
  ]);
}

type Mentioned = { id: number; handle: string };

/** The post's HTML, with `@handle`s of existing members as profile links, and those members in order. */
function renderBody(body: string): { bodyHtml: string; mentioned: Mentioned[] } {
  const handles = mentionedHandles(body).slice(0, 50);
  const found = handles.length
    ? db
        .select({ id: users.id, handle: users.handle })
        .from(users)
        .where(inArray(sql`lower(${users.handle})`, handles))
        .all()
    : [];
  const byHandle = new Map(found.map((m) => [m.handle.toLowerCase(), m]));
  const mentioned = handles.flatMap((h) => byHandle.get(h) ?? []);
  return {
    bodyHtml: renderMarkdown(body, new Map(mentioned.map((m) => [m.handle.toLowerCase(), m.handle]))),
    mentioned,
  };
}

/**
 * Tells the members a new or edited post concerns: `direct` (the asker of an answered question, the
 * author of a commented post) and those it mentions. Each hears once per post, ever: the dedupe key is
 * shared, so an asker mentioned in an answer gets one notification and an edit only reaches members
 * not told before. At most MAX_MENTIONS_NOTIFIED mentions of one post notify.
 */
function notifyAboutPost(
  tx: Tx,
  {
    post,
    root,
    actorId,
    direct,
    mentioned,
    at,
  }: {
    post: Post;
    root: Post;
    actorId: number;
    direct?: { userId: number; kind: NotificationKind };
    mentioned: Mentioned[];
    at: Date;
  },
) {
  const about = {
    actorId,
    subject: `post:${root.id}`,
    title: root.title,
    url: postUrl(post),
    dedupeKey: `post:${post.id}`,
    at,
  };
  if (direct) notify(tx, { ...about, ...direct });
  let mentionsNotified =
    tx
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.kind, "mention"), eq(notifications.dedupeKey, about.dedupeKey)))
      .get()?.n ?? 0;
  for (const member of mentioned) {
    if (mentionsNotified >= MAX_MENTIONS_NOTIFIED) break;
    if (notify(tx, { ...about, userId: member.id, kind: "mention" })) mentionsNotified++;
  }
}

function writeRevision(tx: Tx, post: Post, editorId: number, tagNames: string[], at: Date) {
  tx.insert(postRevisions)
    .values({
      postId: post.id,
      editorId,
      title: post.title,
      summary: post.summary,
      body: post.body,
      tags: tagNames.join(","),
      createdAt: at,
    })
    .run();
}

/** Detected from the text, else the author's interface language (docs/content-language.md). */
function languageOf(tx: Tx, authorId: number, ...parts: (string | undefined)[]) {
  const author = tx.select({ locale: users.locale }).from(users).where(eq(users.id, authorId)).get();
  return postLanguage(parts, author?.locale);
}

/** `guard`: the posting limits (post-limits.server.ts), checked in the transaction that inserts. */
type NewTopPost = { authorId: number; title: string; body: string; tags: string[]; now?: Date; guard?: WriteGuard };
/** A question may invite one expert to answer ("Ask an expert" on a profile). */
type NewQuestion = NewTopPost & { invitedExpertId?: number };

function createTopPost(kind: "article" | "question", input: NewQuestion & { summary?: string }) {
  const now = input.now ?? new Date();
  const { bodyHtml, mentioned } = renderBody(input.body);
  return db.transaction((tx) => {
    input.guard?.(tx);
    const post = tx
      .insert(posts)
      .values({
        kind,
        authorId: input.authorId,
        title: input.title,
        summary: input.summary ?? "",
        body: input.body,
        bodyHtml,
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
    if (input.invitedExpertId) {
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
    notifyAboutPost(tx, { post, root: post, actorId: input.authorId, mentioned, at: now });
    touch(tx, post, post.authorId);
    return post;
  }, IMMEDIATE);
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
}: {
  authorId: number;
  questionId: number;
  body: string;
  now?: Date;
  guard?: WriteGuard;
}) {
  const { bodyHtml, mentioned } = renderBody(body);
  return db.transaction((tx) => {
    guard?.(tx);
    const question = findPost(tx, questionId);
    if (!question || question.kind !== "question" || question.status !== "published") return null;
    const answer = tx
      .insert(posts)
      .values({
        kind: "answer",
        parentId: questionId,
        authorId,
        body,
        bodyHtml,
        lang: languageOf(tx, authorId, body),
        createdAt: now,
        updatedAt: now,
        lastActivityAt: now,
      })
      .returning()
      .get();
    tx.update(posts)
      .set({
        answerCount: sql`${posts.answerCount} + 1`,
        lastActivityAt: now,
        firstAnswerAt: sql`coalesce(${posts.firstAnswerAt}, ${now.getTime()})`,
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
    notifyAboutPost(tx, {
      post: answer,
      root: question,
      actorId: authorId,
      direct: { userId: question.authorId, kind: "answer" },
      mentioned,
      at: now,
    });
    touch(tx, question, authorId);
    return answer;
  }, IMMEDIATE);
}

/** Comments go on articles, questions and answers; returns null when the target cannot take one. */
export function createComment({
  authorId,
  postId,
  body,
  now = new Date(),
  guard,
}: {
  authorId: number;
  postId: number;
  body: string;
  now?: Date;
  guard?: WriteGuard;
}) {
  const { bodyHtml, mentioned } = renderBody(body);
  return db.transaction((tx) => {
    guard?.(tx);
    const target = findPost(tx, postId);
    if (!target || target.kind === "comment" || target.status !== "published") return null;
    const root = rootOf(tx, target);
    if (root.status !== "published") return null;
    const comment = tx
      .insert(posts)
      .values({
        kind: "comment",
        parentId: postId,
        authorId,
        body,
        bodyHtml,
        lang: languageOf(tx, authorId, body),
        createdAt: now,
        updatedAt: now,
        lastActivityAt: now,
      })
      .returning()
      .get();
    tx.update(posts)
      .set({ commentCount: sql`${posts.commentCount} + 1` })
      .where(eq(posts.id, postId))
      .run();
    tx.update(posts).set({ lastActivityAt: now }).where(eq(posts.id, root.id)).run();
    recordActivity(tx, {
      actorId: authorId,
      verb: "comment",
      postId: comment.id,
      targetUserId: target.authorId,
      tagIds: tagIdsOfPost(tx, root.id),
      at: now,
    });
    notifyAboutPost(tx, {
      post: comment,
      root,
      actorId: authorId,
      direct: { userId: target.authorId, kind: "comment" },
      mentioned,
      at: now,
    });
    touch(tx, root);
    return { comment, root };
  }, IMMEDIATE);
}

/** An edit: new content, a revision recording who and when, tags re-synced for articles and questions. */
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
  return db.transaction((tx) => applyEdit(tx, edit, rendered), IMMEDIATE);
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
  return db.transaction((tx) => {
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
  }, IMMEDIATE);
}

function applyEdit(
  tx: Tx,
  { postId, editorId, title, summary, body, tags: tagNames, now = new Date() }: Edit,
  { bodyHtml, mentioned }: ReturnType<typeof renderBody>,
) {
  const post = findPost(tx, postId);
  if (!post) return null;
  touch(tx, rootOf(tx, post)); // before: the old tags' pages
  const isTop = post.kind === "article" || post.kind === "question";
  const updated = tx
    .update(posts)
    .set({
      body,
      bodyHtml,
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

/** Soft delete and restore: the post leaves (or rejoins) lists, counts and search in one transaction. */
/** `actorId`: who deletes; recorded, so an author cannot undo a lead's removal (canRestorePost). */
export function setPostDeleted({
  postId,
  deleted,
  actorId,
  now = new Date(),
}: {
  postId: number;
  deleted: boolean;
  actorId?: number;
  now?: Date;
}) {
  return db.transaction((tx) => {
    const post = findPost(tx, postId);
    const status = deleted ? "deleted" : "published";
    if (!post || post.status === status) return post ?? null;
    const delta = deleted ? -1 : 1;
    tx.update(posts)
      .set({ status, deletedAt: deleted ? now : null, deletedBy: deleted ? (actorId ?? null) : null })
      .where(eq(posts.id, postId))
      .run();
    if (post.kind === "article" || post.kind === "question") adjustTagCounts(tx, postId, delta);
    if (post.kind === "answer" && post.parentId) {
      tx.update(posts)
        .set({ answerCount: sql`${posts.answerCount} + ${delta}` })
        .where(eq(posts.id, post.parentId))
        .run();
      // A deleted answer cannot stay the accepted one, nor keep what its acceptance earned.
      const unaccepted = deleted
        ? tx
            .update(posts)
            .set({ acceptedAnswerId: null })
            .where(and(eq(posts.id, post.parentId), eq(posts.acceptedAnswerId, postId)))
            .returning({ id: posts.id })
            .get()
        : undefined;
      if (unaccepted) reverseAcceptanceReputation(tx, postId, now);
    }
    if (post.kind === "comment" && post.parentId) {
      tx.update(posts)
        .set({ commentCount: sql`${posts.commentCount} + ${delta}` })
        .where(eq(posts.id, post.parentId))
        .run();
    }
    touch(tx, rootOf(tx, post), post.authorId);
    return { ...post, status };
  }, IMMEDIATE);
}

/** The asker accepts one answer (or switches to another); the answer's author is credited in the log. */
export function acceptAnswer({
  questionId,
  answerId,
  askerId,
  now = new Date(),
}: {
  questionId: number;
  answerId: number;
  askerId: number;
  now?: Date;
}) {
  return db.transaction((tx) => {
    const question = findPost(tx, questionId);
    const answer = findPost(tx, answerId);
    if (!question || question.kind !== "question" || question.authorId !== askerId) return "forbidden" as const;
    if (!answer || answer.kind !== "answer" || answer.parentId !== questionId || answer.status !== "published")
      return "invalid" as const;
    if (question.acceptedAnswerId === answerId) return "unchanged" as const;
    const tagIds = tagIdsOfPost(tx, questionId);
    if (question.acceptedAnswerId) {
      const previous = findPost(tx, question.acceptedAnswerId);
      if (previous)
        recordActivity(tx, {
          actorId: previous.authorId,
          verb: "answer_unaccepted",
          postId: previous.id,
          targetUserId: askerId,
          tagIds,
          at: now,
        });
    }
    tx.update(posts).set({ acceptedAnswerId: answerId, lastActivityAt: now }).where(eq(posts.id, questionId)).run();
    recordAcceptanceReputation(tx, { answer, question, previousAnswerId: question.acceptedAnswerId, at: now });
    const previousAuthor = question.acceptedAnswerId ? findPost(tx, question.acceptedAnswerId)?.authorId : undefined;
    recordActivity(tx, {
      actorId: answer.authorId,
      verb: "answer_accepted",
      postId: answerId,
      targetUserId: askerId,
      tagIds,
      at: now,
    });
    notify(tx, {
      userId: answer.authorId,
      kind: "accepted",
      actorId: askerId,
      subject: `post:${questionId}`,
      title: question.title,
      url: postUrl(answer),
      dedupeKey: `accepted:${answerId}`,
      at: now,
    });
    touch(tx, question, answer.authorId, askerId, ...(previousAuthor ? [previousAuthor] : []));
    return "accepted" as const;
  }, IMMEDIATE);
}

export type VoteResult = { status: "changed" | "unchanged" | "own" | "missing"; score: number };

/** One vote per member per post: 1, -1, or 0 to undo. Repeating a vote changes nothing. */
export function castVote({
  userId,
  postId,
  value,
  now = new Date(),
}: {
  userId: number;
  postId: number;
  value: -1 | 0 | 1;
  now?: Date;
}): VoteResult {
  return db.transaction((tx) => {
    const post = findPost(tx, postId);
    if (!post || post.kind === "comment" || post.status !== "published") return { status: "missing", score: 0 };
    if (post.authorId === userId) return { status: "own", score: post.score };
    const existing = tx
      .select()
      .from(votes)
      .where(and(eq(votes.userId, userId), eq(votes.postId, postId)))
      .get();
    const before = existing?.value ?? 0;
    if (before === value) return { status: "unchanged", score: post.score };
    if (value === 0)
      tx.delete(votes)
        .where(and(eq(votes.userId, userId), eq(votes.postId, postId)))
        .run();
    else
      tx.insert(votes)
        .values({ userId, postId, value, createdAt: now })
        .onConflictDoUpdate({ target: [votes.userId, votes.postId], set: { value, createdAt: now } })
        .run();
    const updated = tx
      .update(posts)
      .set({ score: sql`${posts.score} + ${value - before}` })
      .where(eq(posts.id, postId))
      .returning({ score: posts.score })
      .get();
    const root = rootOf(tx, post);
    recordActivity(tx, {
      actorId: userId,
      verb: "vote",
      postId,
      targetUserId: post.authorId,
      value,
      tagIds: tagIdsOfPost(tx, root.id),
      at: now,
    });
    recordVoteReputation(tx, { voterId: userId, post, rootId: root.id, previous: before, value, at: now });
    touch(tx, root, post.authorId, userId);
    return { status: "changed", score: updated.score };
  }, IMMEDIATE);
}

// ---- reading ----

const authorColumns = { authorName: users.name, authorHandle: users.handle, authorRole: users.role };

export function getPost(id: number) {
  return db.select().from(posts).where(eq(posts.id, id)).get();
}

/** The post and the posts it sits under (an answer's question, a comment's answer and question), nearest first. */
export function postWithAncestors(post: Post): Post[] {
  const chain = [post];
  for (let parentId = post.parentId; parentId;) {
    const parent = getPost(parentId);
    if (!parent) break;
    chain.push(parent);
    parentId = parent.parentId;
  }
  return chain;
}

export function getArticleBySlug(slug: string) {
  const row = db
    .select({ post: { ...pageColumns, summary: posts.summary }, ...authorColumns })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.slug, slug), eq(posts.kind, "article")))
    .get();
  if (!row) return null;
  return { ...row.post, ...authorFields(row), tags: tagsOfPosts([row.post.id]).get(row.post.id) ?? [] };
}

function authorFields(row: { authorName: string; authorHandle: string; authorRole: string }) {
  return { author: { name: row.authorName, handle: row.authorHandle, role: row.authorRole } };
}

/** What a post page shows of a post: no markdown source, which pages never need. */
const pageColumns = {
  id: posts.id,
  kind: posts.kind,
  authorId: posts.authorId,
  title: posts.title,
  status: posts.status,
  deletedBy: posts.deletedBy,
  score: posts.score,
  acceptedAnswerId: posts.acceptedAnswerId,
  bodyHtml: posts.bodyHtml,
  lang: posts.lang,
  createdAt: posts.createdAt,
  updatedAt: posts.updatedAt,
};

/**
 * The thread queries run on every question page view, signed-in ones included, so they are prepared
 * once (no query building per request). Lists of ids travel as one JSON parameter.
 */
const idsParam = (ids: number[]) => JSON.stringify(ids);
const threadQueries = prepared(() => ({
  question: db
    .select({ post: pageColumns, ...authorColumns })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.id, sql.placeholder("id")), eq(posts.kind, "question")))
    .prepare(),
  answers: db
    .select({ post: pageColumns, ...authorColumns })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.parentId, sql.placeholder("id")), eq(posts.kind, "answer"), eq(posts.status, "published")))
    .orderBy(
      desc(sql`${posts.id} = ${sql.placeholder("acceptedId")}`),
      desc(posts.score),
      asc(posts.createdAt),
      asc(posts.id),
    )
    .prepare(),
  comments: db
    .select({
      id: posts.id,
      parentId: posts.parentId,
      authorId: posts.authorId,
      bodyHtml: posts.bodyHtml,
      lang: posts.lang,
      createdAt: posts.createdAt,
      ...authorColumns,
    })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(
      and(
        sql`${posts.parentId} in (select value from json_each(${sql.placeholder("ids")}))`,
        eq(posts.kind, "comment"),
        eq(posts.status, "published"),
      ),
    )
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .prepare(),
  votes: db
    .select({ postId: votes.postId, value: votes.value })
    .from(votes)
    .where(
      and(
        eq(votes.userId, sql.placeholder("userId")),
        sql`${votes.postId} in (select value from json_each(${sql.placeholder("ids")}))`,
      ),
    )
    .prepare(),
}));

const recentThreads = new VersionedCache<ReturnType<typeof loadQuestionThread>>(200);

/**
 * A question with its published answers (accepted first, then score, then age) and every comment, in
 * four queries, remembered until the thread changes (its "post:" tag) or an author is renamed.
 */
export function getQuestionThread(id: number) {
  return recentThreads.get(String(id), [`post:${id}`, "names"], () => loadQuestionThread(id));
}

function loadQuestionThread(id: number) {
  const row = threadQueries().question.get({ id });
  if (!row) return null;
  const question = { ...row.post, ...authorFields(row), tags: tagsOfPosts([id]).get(id) ?? [] };
  const answers = threadQueries()
    .answers.all({ id, acceptedId: question.acceptedAnswerId ?? -1 })
    .map((a) => ({ ...a.post, ...authorFields(a) }));
  const comments = commentsOf([id, ...answers.map((a) => a.id)]);
  return { question, answers, comments };
}

export function commentsOf(parentIds: number[]) {
  const byParent = new Map<number, ReturnType<ReturnType<typeof threadQueries>["comments"]["all"]>>();
  if (!parentIds.length) return {};
  for (const c of threadQueries().comments.all({ ids: idsParam(parentIds) })) {
    byParent.set(c.parentId!, [...(byParent.get(c.parentId!) ?? []), c]);
  }
  return Object.fromEntries(byParent);
}

/** The viewer's own votes on the given posts, for showing pressed buttons. */
export function votesBy(userId: number | undefined, postIds: number[]) {
  if (!userId || !postIds.length) return {};
  const rows = threadQueries().votes.all({ userId, ids: idsParam(postIds) });
  return Object.fromEntries(rows.map((r) => [r.postId, r.value]));
}

const listColumns = {
  id: posts.id,
  kind: posts.kind,
  title: posts.title,
  slug: posts.slug,
  summary: posts.summary,
  score: posts.score,
  answerCount: posts.answerCount,
  commentCount: posts.commentCount,
  acceptedAnswerId: posts.acceptedAnswerId,
  createdAt: posts.createdAt,
  lastActivityAt: posts.lastActivityAt,
  lang: posts.lang,
  ...authorColumns,
};

/**
 * Posts carrying a tag. A small tag's posts are looked up as a list; for a large tag that list would
 * cost more than walking the ordered index and checking each post's tag, which stops after one page.
 */
function withTag(tag: string | undefined): SQL | undefined {
  if (!tag) return undefined;
  const row = db.select({ id: tags.id, postCount: tags.postCount }).from(tags).where(eq(tags.name, tag)).get();
  if (!row) return sql`0`;
  if (row.postCount > 1000) {
    return sql`exists (select 1 from ${postTags} where ${postTags.postId} = ${posts.id} and ${postTags.tagId} = ${row.id})`;
  }
  return inArray(posts.id, db.select({ id: postTags.postId }).from(postTags).where(eq(postTags.tagId, row.id)));
}

function stateFilter(state: QuestionState | undefined): SQL | undefined {
  if (state === "unanswered") return eq(posts.answerCount, 0);
  if (state === "answered") return and(sql`${posts.answerCount} > 0`, isNull(posts.acceptedAnswerId));
  if (state === "accepted") return isNotNull(posts.acceptedAnswerId);
  return undefined;
}

function listPage(kind: PostKind, where: SQL | undefined, order: SQL, page: number, perPage: number) {
  const rows = db
    .select(listColumns)
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.kind, kind), eq(posts.status, "published"), where))
    .orderBy(order, desc(posts.id))
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .all();
  const items = rows.slice(0, perPage);
  const tagMap = tagsOfPosts(items.map((r) => r.id));
  return { items: items.map((r) => ({ ...r, tags: tagMap.get(r.id) ?? [] })), hasMore: rows.length > perPage };
}

export type PostListItem = ReturnType<typeof listPage>["items"][number];

export function listArticles({ tag, page, perPage }: { tag?: string; page: number; perPage: number }) {
  return listPage("article", withTag(tag), desc(posts.createdAt), page, perPage);
}

/** Newest activity first, the way a Q&A front page reads. */
export function listQuestions({
  tag,
  state,
  page,
  perPage,
}: {
  tag?: string;
  state?: QuestionState;
  page: number;
  perPage: number;
}) {
  return listPage("question", and(withTag(tag), stateFilter(state)), desc(posts.lastActivityAt), page, perPage);
}

/** The newest `limit` versions of a post, newest first. */
export function listRevisions(postId: number, limit: number) {
  return db
    .select({
      id: postRevisions.id,
      title: postRevisions.title,
      summary: postRevisions.summary,
      body: postRevisions.body,
      tags: postRevisions.tags,
      createdAt: postRevisions.createdAt,
      editorName: users.name,
      editorHandle: users.handle,
    })
    .from(postRevisions)
    .innerJoin(users, eq(users.id, postRevisions.editorId))
    .where(eq(postRevisions.postId, postId))
    .orderBy(desc(postRevisions.createdAt), desc(postRevisions.id))
    .limit(limit)
    .all();
}

/** Where a post is shown: its own page, or its question's page with an anchor. */
export function postUrl(post: { id: number; kind: PostKind; slug: string | null; parentId: number | null }): string {
  if (post.kind === "article") return `/articles/${post.slug}`;
  if (post.kind === "question") return `/questions/${post.id}`;
  const parent = post.parentId ? getPost(post.parentId) : undefined;
  if (!parent) return "/";
  return `${postUrl(parent)}#post-${post.id}`;
}

/** Latest articles and questions (optionally of one tag), for Atom feeds and the home page. */
export function latestTopPosts({ tag, limit }: { tag?: string; limit: number }) {
  return db
    .select({
      id: posts.id,
      kind: posts.kind,
      slug: posts.slug,
      parentId: posts.parentId,
      title: posts.title,
      summary: posts.summary,
      body: posts.body,
      createdAt: posts.createdAt,
      updatedAt: posts.updatedAt,
      authorName: users.name,
    })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(and(inArray(posts.kind, ["article", "question"]), eq(posts.status, "published"), withTag(tag)))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(limit)
    .all();
}
