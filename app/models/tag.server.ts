import { desc, eq, inArray, sql } from "drizzle-orm";
import { postTags, tags } from "~db/schema";
import { db, prepared, type Tx } from "~/utils/db.server";

/** Sets a post's tags (creating unknown tags) and keeps each tag's post count in step. */
export function setPostTags(tx: Tx, postId: number, names: string[]) {
  const previous = tx.select({ tagId: postTags.tagId }).from(postTags).where(eq(postTags.postId, postId)).all().map((r) => r.tagId);
  if (previous.length) {
    tx.update(tags).set({ postCount: sql`${tags.postCount} - 1` }).where(inArray(tags.id, previous)).run();
    tx.delete(postTags).where(eq(postTags.postId, postId)).run();
  }
  if (!names.length) return [];
  tx.insert(tags).values(names.map((name) => ({ name }))).onConflictDoNothing().run();
  const ids = tx.select({ id: tags.id }).from(tags).where(inArray(tags.name, names)).all().map((r) => r.id);
  tx.insert(postTags).values(ids.map((tagId) => ({ postId, tagId }))).run();
  tx.update(tags).set({ postCount: sql`${tags.postCount} + 1` }).where(inArray(tags.id, ids)).run();
  return ids;
}

/** Post-count changes when a post is soft-deleted or restored. */
export function adjustTagCounts(tx: Tx, postId: number, delta: 1 | -1) {
  const ids = tx.select({ tagId: postTags.tagId }).from(postTags).where(eq(postTags.postId, postId)).all().map((r) => r.tagId);
  if (ids.length) tx.update(tags).set({ postCount: sql`${tags.postCount} + ${delta}` }).where(inArray(tags.id, ids)).run();
}

export function tagIdsOfPost(tx: Tx, postId: number) {
  return tx.select({ tagId: postTags.tagId }).from(postTags).where(eq(postTags.postId, postId)).all().map((r) => r.tagId);
}

/** Tags of many posts at once: one query for a whole list page. */
// Every list and post page runs this.
const tagsOfPostsQuery = prepared(() =>
  db
    .select({ postId: postTags.postId, name: tags.name })
    .from(postTags)
    .innerJoin(tags, eq(tags.id, postTags.tagId))
    .where(sql`${postTags.postId} in (select value from json_each(${sql.placeholder("ids")}))`)
    .orderBy(tags.name)
    .prepare(),
);

export function tagsOfPosts(postIds: number[]) {
  const byPost = new Map<number, string[]>();
  if (!postIds.length) return byPost;
  const rows = tagsOfPostsQuery().all({ ids: JSON.stringify(postIds) });
  for (const row of rows) byPost.set(row.postId, [...(byPost.get(row.postId) ?? []), row.name]);
  return byPost;
}

export function listTags({ page, perPage }: { page: number; perPage: number }) {
  const rows = db
    .select()
    .from(tags)
    .where(sql`${tags.postCount} > 0`)
    .orderBy(desc(tags.postCount), tags.name)
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .all();
  return { tags: rows.slice(0, perPage), hasMore: rows.length > perPage };
}

export function getTagByName(name: string) {
  return db.select().from(tags).where(eq(tags.name, name.toLowerCase())).get();
}

/** How many of a tag's newest articles and questions count towards its top contributors. */
export const CONTRIBUTOR_WINDOW = 2000;

/**
 * Top contributors of a tag: the summed score of their articles and questions in the tag and of
 * their answers to questions in the tag, over the tag's newest CONTRIBUTOR_WINDOW posts, so the
 * page costs the same for a tag with a hundred posts as for one with a hundred thousand.
 */
export function tagTopContributors(tagId: number, limit = 10) {
  return db.all<{ id: number; name: string; handle: string; score: number; posts: number }>(sql`
    select u.id, u.name, u.handle, sum(p.score) as score, count(*) as posts
    from (select post_id from post_tags where tag_id = ${tagId} order by post_id desc limit ${CONTRIBUTOR_WINDOW}) pt
    join posts root on root.id = pt.post_id and root.status = 'published'
    join posts p on (p.id = root.id or (p.parent_id = root.id and p.kind = 'answer')) and p.status = 'published'
    join users u on u.id = p.author_id
    group by u.id
    order by score desc, posts desc
    limit ${limit}
  `);
}
