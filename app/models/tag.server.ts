import { desc, eq, inArray, sql } from "drizzle-orm";
import { postTags, tags } from "~db/schema";
import { db, prepared, type Tx } from "~/utils/db.server";

/** Sets a post's tags (creating unknown tags) and keeps each tag's post count in step. */
export function setPostTags(tx: Tx, postId: number, names: string[]) {
  const previous = tx
    .select({ tagId: postTags.tagId })
    .from(postTags)
    .where(eq(postTags.postId, postId))
    .all()
    .map((r) => r.tagId);
  if (previous.length) {
    tx.update(tags)
      .set({ postCount: sql`${tags.postCount} - 1` })
      .where(inArray(tags.id, previous))
      .run();
    tx.delete(postTags).where(eq(postTags.postId, postId)).run();
  }
  if (!names.length) return [];
  tx.insert(tags)
    .values(names.map((name) => ({ name })))
    .onConflictDoNothing()
    .run();
  const ids = tx
    .select({ id: tags.id })
    .from(tags)
    .where(inArray(tags.name, names))
    .all()
    .map((r) => r.id);
  tx.insert(postTags)
    .values(ids.map((tagId) => ({ postId, tagId })))
    .run();
  tx.update(tags)
    .set({ postCount: sql`${tags.postCount} + 1` })
    .where(inArray(tags.id, ids))
    .run();
  return ids;
}

/** Post-count changes when a post is soft-deleted or restored. */
export function adjustTagCounts(tx: Tx, postId: number, delta: 1 | -1) {
  const ids = tx
    .select({ tagId: postTags.tagId })
    .from(postTags)
    .where(eq(postTags.postId, postId))
    .all()
    .map((r) => r.tagId);
  if (ids.length)
    tx.update(tags)
      .set({ postCount: sql`${tags.postCount} + ${delta}` })
      .where(inArray(tags.id, ids))
      .run();
}

export function tagIdsOfPost(tx: Tx, postId: number) {
  return tx
    .select({ tagId: postTags.tagId })
    .from(postTags)
    .where(eq(postTags.postId, postId))
    .all()
    .map((r) => r.tagId);
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

// Read on every /tags and /health view.
const listTagsQuery = prepared(() =>
  db
    .select()
    .from(tags)
    .where(sql`${tags.postCount} > 0`)
    .orderBy(desc(tags.postCount), tags.name)
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare(),
);

export function listTags({ page, perPage }: { page: number; perPage: number }) {
  const rows = listTagsQuery().all({ limit: perPage + 1, offset: (page - 1) * perPage });
  return { tags: rows.slice(0, perPage), hasMore: rows.length > perPage };
}

export function getTagByName(name: string) {
  return db.select().from(tags).where(eq(tags.name, name.toLowerCase())).get();
}
