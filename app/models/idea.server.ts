/**
 * Ideas (co-creation, docs/ideas.md): posts of kind `idea` addressed to an organisation, with a status, an
 * official response, support from members (idea_votes, not reputation votes) and merges of duplicates.
 * Every write is one transaction with its notifications, reputation credit and cache invalidation.
 */
import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import {
  IDEA_CREDITED_STATUSES,
  IDEA_STATUSES,
  ideas,
  ideaVotes,
  memberships,
  organisations,
  posts,
  users,
  type IdeaStatus,
  type NotificationKind,
  type Post,
} from "~db/schema";
import { db, prepared, type Tx, writeTransaction } from "~/utils/db.server";
import { renderMarkdown, MARKDOWN_VERSION } from "~/utils/markdown.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { DAY_MS } from "~/utils/time";
import type { IdeaSort } from "~/utils/ideas";
import { recordActivity } from "./activity.server";
import { follow, followersOf, moveFollowers, notifyFollowers } from "./follow.server";
import { holdPost } from "./flag.server";
import { notify } from "./notification.server";
import type { WriteGuard } from "./post-limits.server";
import { findPost, languageOf, renderBody, touch, writeRevision } from "./post-write.server";
import { recordIdeaCredit } from "./reputation.server";
import { spamVerdict } from "./spam.server";
import { setPostTags, tagsOfPosts } from "./tag.server";

export const ideaUrl = (id: number) => `/ideas/${id}`;

/** Trending counts the support of the last 30 days. */
export const TRENDING_DAYS = 30;

export function createIdea(input: {
  authorId: number;
  orgId: number;
  title: string;
  body: string;
  tags: string[];
  now?: Date;
  guard?: WriteGuard;
  screen?: boolean;
}) {
  const now = input.now ?? new Date();
  const { bodyHtml } = renderBody(input.body);
  return writeTransaction((tx) => {
    input.guard?.(tx);
    const held = input.screen ? spamVerdict(tx, { authorId: input.authorId, body: input.body, bodyHtml, now }) : null;
    const post = tx
      .insert(posts)
      .values({
        kind: "idea",
        authorId: input.authorId,
        title: input.title,
        body: input.body,
        bodyHtml,
        htmlVersion: MARKDOWN_VERSION,
        lang: languageOf(tx, input.authorId, input.title, input.body),
        createdAt: now,
        updatedAt: now,
        lastActivityAt: now,
      })
      .returning()
      .get();
    tx.insert(ideas).values({ postId: post.id, orgId: input.orgId }).run();
    const tagIds = setPostTags(tx, post.id, input.tags);
    writeRevision(tx, post, input.authorId, input.tags, now);
    recordActivity(tx, { actorId: input.authorId, verb: "idea", postId: post.id, tagIds, at: now });
    follow(tx, { userId: input.authorId, kind: "idea", targetId: post.id, auto: true, now });
    if (held) holdPost(tx, post, held, now);
    else notifyFollowers(tx, { post, root: post, actorId: input.authorId, at: now });
    touchIdea(tx, post, input.orgId, input.authorId);
    return held ? { ...post, status: "held" as const } : post;
  });
}

/** The idea's pages, lists, roadmap and the given members' profiles show something new. */
function touchIdea(tx: Tx, post: Post, orgId: number, ...members: number[]) {
  touch(tx, post, ...members);
  bumpCacheTags(tx, [`roadmap:${orgId}`]);
}

function findIdea(tx: Tx, id: number) {
  const row = tx
    .select({ post: posts, idea: ideas })
    .from(posts)
    .innerJoin(ideas, eq(ideas.postId, posts.id))
    .where(and(eq(posts.id, id), eq(posts.kind, "idea")))
    .get();
  return row ?? null;
}

/** An idea with its author, organisation, tags and official response, for its page. */
export function getIdea(id: number) {
  const row = db
    .select({
      post: {
        id: posts.id,
        kind: posts.kind,
        authorId: posts.authorId,
        title: posts.title,
        status: posts.status,
        deletedBy: posts.deletedBy,
        bodyHtml: posts.bodyHtml,
        lang: posts.lang,
        createdAt: posts.createdAt,
        updatedAt: posts.updatedAt,
      },
      idea: ideas,
      authorName: users.name,
      authorHandle: users.handle,
      authorRole: users.role,
      orgName: organisations.name,
      orgSlug: organisations.slug,
    })
    .from(posts)
    .innerJoin(ideas, eq(ideas.postId, posts.id))
    .innerJoin(users, eq(users.id, posts.authorId))
    .innerJoin(organisations, eq(organisations.id, ideas.orgId))
    .where(and(eq(posts.id, id), eq(posts.kind, "idea")))
    .get();
  if (!row) return null;
  const responder = row.idea.responderId
    ? db.select({ name: users.name, handle: users.handle }).from(users).where(eq(users.id, row.idea.responderId)).get()
    : undefined;
  return {
    ...row.post,
    author: { name: row.authorName, handle: row.authorHandle, role: row.authorRole },
    org: { id: row.idea.orgId, name: row.orgName, slug: row.orgSlug },
    ideaStatus: row.idea.status,
    votes: row.idea.votes,
    mergedIntoId: row.idea.mergedIntoId,
    response: row.idea.responseHtml
      ? {
          html: row.idea.responseHtml,
          source: row.idea.response,
          responder: responder ?? null,
          orgName: row.idea.responderOrgName,
          role: row.idea.responderRole,
          at: row.idea.respondedAt,
        }
      : null,
    tags: tagsOfPosts([id]).get(id) ?? [],
  };
}

export function hasVoted(userId: number | undefined, ideaId: number) {
  if (!userId) return false;
  return !!db
    .select({ one: sql`1` })
    .from(ideaVotes)
    .where(and(eq(ideaVotes.ideaId, ideaId), eq(ideaVotes.userId, userId)))
    .get();
}

export type IdeaFilters = { orgSlug?: string; tag?: string; status?: IdeaStatus };

/** Published ideas not merged into another, with the filters; `tag` and `orgSlug` that do not exist match nothing. */
function ideaFilter({ orgSlug, tag, status }: IdeaFilters): SQL | undefined {
  return and(
    eq(posts.kind, "idea"),
    eq(posts.status, "published"),
    isNull(ideas.mergedIntoId),
    orgSlug ? eq(organisations.slug, orgSlug) : undefined,
    status ? eq(ideas.status, status) : undefined,
    tag
      ? sql`exists (select 1 from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = ${posts.id} and t.name = ${tag})`
      : undefined,
  );
}

const listColumns = {
  id: posts.id,
  title: posts.title,
  createdAt: posts.createdAt,
  lang: posts.lang,
  authorName: users.name,
  authorHandle: users.handle,
  status: ideas.status,
  votes: ideas.votes,
  orgName: organisations.name,
  orgSlug: organisations.slug,
};

/** A page of ideas: by support, by support in the last 30 days (trending), or newest first. */
export function listIdeas({
  sort,
  page,
  perPage,
  now = new Date(),
  ...filters
}: IdeaFilters & { sort: IdeaSort; page: number; perPage: number; now?: Date }) {
  const since = now.getTime() - TRENDING_DAYS * DAY_MS;
  const recent = sql<number>`(select count(*) from ${ideaVotes} where ${ideaVotes.ideaId} = ${posts.id} and ${ideaVotes.createdAt} >= ${since})`;
  const order =
    sort === "newest"
      ? [desc(posts.createdAt)]
      : sort === "trending"
        ? [desc(recent), desc(ideas.votes)]
        : [desc(ideas.votes), desc(posts.createdAt)];
  const rows = db
    .select(listColumns)
    .from(posts)
    .innerJoin(ideas, eq(ideas.postId, posts.id))
    .innerJoin(users, eq(users.id, posts.authorId))
    .innerJoin(organisations, eq(organisations.id, ideas.orgId))
    .where(ideaFilter(filters))
    .orderBy(...order, desc(posts.id))
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .all();
  const items = rows.slice(0, perPage);
  const tagMap = tagsOfPosts(items.map((r) => r.id));
  return { items: items.map((r) => ({ ...r, tags: tagMap.get(r.id) ?? [] })), hasMore: rows.length > perPage };
}

export type IdeaListItem = ReturnType<typeof listIdeas>["items"][number];

/** The organisation's ideas by status, most supported first: the roadmap. */
export function roadmap(orgId: number) {
  const rows = db
    .select(listColumns)
    .from(posts)
    .innerJoin(ideas, eq(ideas.postId, posts.id))
    .innerJoin(users, eq(users.id, posts.authorId))
    .innerJoin(organisations, eq(organisations.id, ideas.orgId))
    .where(and(ideaFilter({}), eq(ideas.orgId, orgId)))
    .orderBy(desc(ideas.votes), desc(posts.createdAt), desc(posts.id))
    .all();
  return IDEA_STATUSES.map((status) => {
    const items = rows.filter((r) => r.status === status);
    return { status, count: items.length, items };
  });
}

/** The latest ideas, for the Atom feed. */
export function latestIdeas(limit: number) {
  return db
    .select({
      id: posts.id,
      title: posts.title,
      body: posts.body,
      createdAt: posts.createdAt,
      updatedAt: posts.updatedAt,
      authorName: users.name,
    })
    .from(posts)
    .innerJoin(ideas, eq(ideas.postId, posts.id))
    .innerJoin(users, eq(users.id, posts.authorId))
    .innerJoin(organisations, eq(organisations.id, ideas.orgId))
    .where(ideaFilter({}))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(limit)
    .all();
}

/** The ideas a member supports, latest support first (their profile's "Supported ideas"). */
// Every view of a member page reads it: prepared once (db.server's `prepared`).
const supportedIdeasQuery = prepared(() =>
  db
    .select({ id: posts.id, title: posts.title, lang: posts.lang, status: ideas.status, votes: ideas.votes })
    .from(ideaVotes)
    .innerJoin(posts, eq(posts.id, ideaVotes.ideaId))
    .innerJoin(ideas, eq(ideas.postId, posts.id))
    .where(
      and(eq(ideaVotes.userId, sql.placeholder("userId")), eq(posts.status, "published"), isNull(ideas.mergedIntoId)),
    )
    .orderBy(desc(ideaVotes.createdAt), desc(posts.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

export function supportedIdeas(userId: number, limit = 10) {
  return supportedIdeasQuery().all({ userId, limit });
}

/** The cached count, set from the rows themselves (so it cannot drift, whatever ran before). */
function recount(tx: Tx, ideaId: number) {
  tx.update(ideas)
    .set({ votes: sql`(select count(*) from ${ideaVotes} where ${ideaVotes.ideaId} = ${ideaId})` })
    .where(eq(ideas.postId, ideaId))
    .run();
}

/**
 * A member supports an idea (`value` 1) or withdraws their support (0). Own ideas, merged ones and those not
 * published take no votes. Idempotent: supporting twice counts once.
 */
export function setIdeaVote({
  ideaId,
  userId,
  value,
  now = new Date(),
}: {
  ideaId: number;
  userId: number;
  value: 0 | 1;
  now?: Date;
}) {
  return writeTransaction((tx) => {
    const found = findIdea(tx, ideaId);
    if (!found || found.post.status !== "published" || found.idea.mergedIntoId) return "invalid" as const;
    if (found.post.authorId === userId) return "own" as const;
    const changed =
      value === 1
        ? tx.insert(ideaVotes).values({ ideaId, userId, createdAt: now }).onConflictDoNothing().run().changes
        : tx
            .delete(ideaVotes)
            .where(and(eq(ideaVotes.ideaId, ideaId), eq(ideaVotes.userId, userId)))
            .run().changes;
    if (!changed) return "unchanged" as const;
    recount(tx, ideaId);
    if (value === 1) {
      recordActivity(tx, { actorId: userId, verb: "vote", postId: ideaId, value: 1, at: now });
      follow(tx, { userId, kind: "idea", targetId: ideaId, auto: true, now });
    }
    touchIdea(tx, found.post, found.idea.orgId, userId);
    return "ok" as const;
  });
}

/** Who hears about what happens to an idea: its author, its supporters and its followers (docs/following.md). */
export function ideaAudience(tx: Tx, ideaId: number): number[] {
  const idea = findPost(tx, ideaId);
  const voters = tx
    .select({ userId: ideaVotes.userId })
    .from(ideaVotes)
    .where(eq(ideaVotes.ideaId, ideaId))
    .all()
    .map((v) => v.userId);
  return [...new Set([...(idea ? [idea.authorId] : []), ...voters, ...followersOf(tx, "idea", ideaId)])];
}

function notifyAudience(
  tx: Tx,
  {
    idea,
    kind,
    title,
    url,
    actorId,
    dedupeKey,
    at,
  }: { idea: Post; kind: NotificationKind; title: string; url: string; actorId: number; dedupeKey: string; at: Date },
) {
  for (const userId of ideaAudience(tx, idea.id))
    notify(tx, { userId, kind, actorId, subject: `post:${idea.id}`, title, url, dedupeKey, at });
}

/** What the responder is, as shown with the official response: their organisation and relation, else their role. */
function responderCredentials(tx: Tx, userId: number) {
  const row = tx
    .select({ orgName: organisations.name, relation: memberships.relation, role: users.role })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(users.id, userId))
    .get();
  return { orgName: row?.orgName ?? "", role: row?.relation ?? row?.role ?? "" };
}

/**
 * Sets an idea's status and official response (the caller checked canSetIdeaStatus). A change of status
 * notifies the author and supporters once (the same status again changes only the response and tells
 * nobody), and gives or takes back the author's credit for a planned idea.
 */
export function setIdeaStatus({
  ideaId,
  actorId,
  status,
  response,
  now = new Date(),
}: {
  ideaId: number;
  actorId: number;
  status: IdeaStatus;
  response: string;
  now?: Date;
}) {
  return writeTransaction((tx) => {
    const found = findIdea(tx, ideaId);
    if (!found || found.post.status !== "published" || found.idea.mergedIntoId) return "invalid" as const;
    const statusChanged = found.idea.status !== status;
    const responseChanged = response !== found.idea.response;
    if (!statusChanged && !responseChanged) return "unchanged" as const;
    const credentials = responderCredentials(tx, actorId);
    tx.update(ideas)
      .set({
        status,
        ...(responseChanged
          ? {
              response,
              responseHtml: response ? renderMarkdown(response) : "",
              responderId: response ? actorId : null,
              responderOrgName: response ? credentials.orgName : "",
              responderRole: response ? credentials.role : "",
              respondedAt: response ? now : null,
            }
          : {}),
        ...(statusChanged ? { statusChangedAt: now } : {}),
      })
      .where(eq(ideas.postId, ideaId))
      .run();
    if (statusChanged) {
      recordIdeaCredit(tx, {
        idea: found.post,
        credited: IDEA_CREDITED_STATUSES.includes(status),
        actorId,
        at: now,
      });
      // The title carries the status, so the notification reads in the member's language (notification-text.ts).
      notifyAudience(tx, {
        idea: found.post,
        kind: "idea_status",
        title: `${status}:${found.post.title}`,
        url: ideaUrl(ideaId),
        actorId,
        dedupeKey: `idea-status:${ideaId}:${now.getTime()}`,
        at: now,
      });
    }
    tx.update(posts).set({ lastActivityAt: now }).where(eq(posts.id, ideaId)).run();
    touchIdea(tx, found.post, found.idea.orgId, found.post.authorId);
    return "ok" as const;
  });
}

/**
 * Merges a duplicate (`sourceId`) into `targetId` (the caller checked canMergeIdeas): its supporters support
 * the target (a member who supported both counts once; the target's author is not counted for their own idea),
 * its page redirects to the target, and its author and supporters are told.
 */
export function mergeIdea({
  sourceId,
  targetId,
  actorId,
  now = new Date(),
}: {
  sourceId: number;
  targetId: number;
  actorId: number;
  now?: Date;
}) {
  return writeTransaction((tx) => {
    if (sourceId === targetId) return "invalid" as const;
    const source = findIdea(tx, sourceId);
    const target = findIdea(tx, targetId);
    if (!source || !target || source.idea.mergedIntoId || target.idea.mergedIntoId) return "invalid" as const;
    if (source.post.status !== "published" || target.post.status !== "published") return "invalid" as const;
    const told = ideaAudience(tx, sourceId);
    notifyAudience(tx, {
      idea: source.post,
      kind: "idea_merged",
      title: source.post.title,
      url: ideaUrl(targetId),
      actorId,
      dedupeKey: `idea-merged:${sourceId}`,
      at: now,
    });
    tx.run(sql`
      insert into idea_votes (idea_id, user_id, created_at)
      select ${targetId}, user_id, created_at from idea_votes
      where idea_id = ${sourceId} and user_id != ${target.post.authorId}
      on conflict (idea_id, user_id) do nothing`);
    tx.delete(ideaVotes).where(eq(ideaVotes.ideaId, sourceId)).run();
    // The duplicate's followers follow the idea it lives on as; its credit goes (the kept idea carries it).
    moveFollowers(tx, "idea", sourceId, targetId);
    recordIdeaCredit(tx, { idea: source.post, credited: false, actorId, at: now });
    tx.update(ideas).set({ mergedIntoId: targetId }).where(eq(ideas.postId, sourceId)).run();
    recount(tx, sourceId);
    recount(tx, targetId);
    touchIdea(tx, source.post, source.idea.orgId, source.post.authorId);
    touchIdea(tx, target.post, target.idea.orgId, ...told);
    return "ok" as const;
  });
}
