/**
 * Reading posts: one post, a question's thread (prepared statements and a cache, for the busiest page),
 * the article and question lists, revisions, feeds, and where a post is shown (postUrl).
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { posts, postRevisions, postTags, tags, users, votes, type Post, type PostKind } from "~db/schema";
import { db, prepared } from "~/utils/db.server";
import { VersionedCache } from "~/utils/page-cache.server";
import type { QuestionState } from "~/utils/questions";
import { tagsOfPosts } from "./tag.server";

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
  if (post.kind === "idea") return `/ideas/${post.id}`;
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
