/**
 * The steps every command that changes a post shares (post.server.ts, post-votes.server.ts): finding the
 * post and its root, rendering the body and its mentions, telling the members it concerns, recording a
 * revision, and invalidating the cached pages that show it.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  notifications,
  posts,
  postRevisions,
  postTags,
  tags,
  users,
  type NotificationKind,
  type Post,
} from "~db/schema";
import { db, type Tx } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { postLanguage } from "~/utils/language.server";
import { mentionedHandles, renderMarkdown } from "~/utils/markdown.server";
import { MAX_MENTIONS_NOTIFIED, notify } from "./notification.server";
import { postUrl } from "./post-queries.server";

export function uniqueSlug(tx: Tx, base: string) {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!tx.select({ id: posts.id }).from(posts).where(eq(posts.slug, slug)).get()) return slug;
  }
}

export function findPost(tx: Tx, id: number) {
  return tx.select().from(posts).where(eq(posts.id, id)).get();
}

/** The article or question a post belongs to (itself, an answer's question, a comment's root). */
export function rootOf(tx: Tx, post: Post): Post {
  if (!post.parentId) return post;
  const parent = findPost(tx, post.parentId);
  return parent ? rootOf(tx, parent) : post;
}

/**
 * Invalidates the cached pages that show this root post: its page, its lists, its tags' pages, search,
 * and the profiles of `members` (the author of what changed, whose profile lists it).
 */
export function touch(tx: Tx, root: Post, ...members: number[]) {
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

/** The existing members a text mentions with `@handle`, in order. */
export function mentionedMembers(body: string): Mentioned[] {
  const handles = mentionedHandles(body).slice(0, 50);
  const found = handles.length
    ? db
        .select({ id: users.id, handle: users.handle })
        .from(users)
        .where(inArray(sql`lower(${users.handle})`, handles))
        .all()
    : [];
  const byHandle = new Map(found.map((m) => [m.handle.toLowerCase(), m]));
  return handles.flatMap((h) => byHandle.get(h) ?? []);
}

/** The post's HTML, with `@handle`s of existing members as profile links, and those members in order. */
export function renderBody(body: string): { bodyHtml: string; mentioned: Mentioned[] } {
  const mentioned = mentionedMembers(body);
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
export function notifyAboutPost(
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

export function writeRevision(tx: Tx, post: Post, editorId: number, tagNames: string[], at: Date) {
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
export function languageOf(tx: Tx, authorId: number, ...parts: (string | undefined)[]) {
  const author = tx.select({ locale: users.locale }).from(users).where(eq(users.id, authorId)).get();
  return postLanguage(parts, author?.locale);
}
