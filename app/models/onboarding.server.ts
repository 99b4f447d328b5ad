/**
 * The newcomer's path from reader to contributor (docs/following.md): a checklist whose steps tick themselves
 * from what the member did (queries, not clicks), shown on the home page and at /welcome until done or
 * dismissed, and suggestions of tags to follow and open questions to answer.
 */
import { and, desc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { follows, memberOptions, memberships, memberTags, posts, postTags, tags, users } from "~db/schema";
import { db, writeTransaction } from "~/utils/db.server";
import { CHECKLIST_STEPS, TAGS_TO_FOLLOW, type ChecklistStep } from "~/utils/onboarding";
import { DAY_MS } from "~/utils/time";

/** The home page shows the checklist to members who joined this recently (/welcome shows it to everyone). */
export const NEWCOMER_DAYS = 30;

/**
 * Each step as an SQL condition on the row of `users` in the query: the one definition that both the checklist
 * and the health funnel (health-vitals.server.ts) read. Supporting an idea counts as a vote.
 */
export function checklistStepSql(): Record<ChecklistStep, SQL> {
  const uid = sql`${users.id}`;
  return {
    profile: sql`(${users.headline} != '' and exists (select 1 from member_tags where member_tags.user_id = ${uid}))`,
    tags: sql`((select count(*) from follows where follows.user_id = ${uid} and follows.kind = 'tag') >= ${TAGS_TO_FOLLOW})`,
    vote: sql`(exists (select 1 from votes where votes.user_id = ${uid} and votes.value > 0)
      or exists (select 1 from idea_votes where idea_votes.user_id = ${uid}))`,
    contribute: sql`exists (select 1 from posts where posts.author_id = ${uid} and posts.kind in ('question', 'answer') and posts.status != 'deleted')`,
    rsvp: sql`exists (select 1 from rsvps where rsvps.user_id = ${uid} and rsvps.status in ('going', 'maybe', 'waitlist'))`,
  };
}

/** Every step done, as one SQL condition on `users`. */
export function checklistCompleteSql() {
  return sql.join(
    CHECKLIST_STEPS.map((step) => checklistStepSql()[step]),
    sql` and `,
  );
}

export type Checklist = {
  steps: { step: ChecklistStep; done: boolean }[];
  done: number;
  total: number;
  complete: boolean;
  dismissed: boolean;
  joinedAt: Date;
};

export function checklistOf(userId: number): Checklist | null {
  const conditions = checklistStepSql();
  const row = db
    .select({
      joinedAt: users.createdAt,
      dismissedAt: memberOptions.checklistDismissedAt,
      ...Object.fromEntries(CHECKLIST_STEPS.map((step) => [step, sql<number>`${conditions[step]}`])),
    })
    .from(users)
    .leftJoin(memberOptions, eq(memberOptions.userId, users.id))
    .where(eq(users.id, userId))
    .get() as ({ joinedAt: Date; dismissedAt: Date | null } & Record<ChecklistStep, number>) | undefined;
  if (!row) return null;
  const steps = CHECKLIST_STEPS.map((step) => ({ step, done: !!row[step] }));
  const done = steps.filter((s) => s.done).length;
  return {
    steps,
    done,
    total: steps.length,
    complete: done === steps.length,
    dismissed: !!row.dismissedAt,
    joinedAt: row.joinedAt,
  };
}

/** The home page's checklist: for newcomers, until every step is done or they hid it. */
export function homeChecklist(userId: number, now = new Date()) {
  const list = checklistOf(userId);
  if (!list || list.complete || list.dismissed) return null;
  if (list.joinedAt.getTime() < now.getTime() - NEWCOMER_DAYS * DAY_MS) return null;
  return list;
}

/** "Dismiss": stored, so the home page stops showing the checklist on every device. */
export function dismissChecklist(userId: number, now = new Date()) {
  writeTransaction((tx) =>
    tx
      .insert(memberOptions)
      .values({ userId, checklistDismissedAt: now })
      .onConflictDoUpdate({ target: memberOptions.userId, set: { checklistDismissedAt: now } })
      .run(),
  );
}

/**
 * Tags to follow: those most asked about by members of the same relation to their organisation (customers see
 * the tags of customers' questions), else the community's biggest tags; never one the member follows already.
 */
export function suggestedTags(userId: number, limit = 6) {
  const relation = db
    .select({ relation: memberships.relation })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .get()?.relation;
  const followed = db
    .select({ id: follows.targetId })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.kind, "tag")));
  const byRelation = relation
    ? db
        .select({ name: tags.name, questions: sql<number>`count(*)` })
        .from(posts)
        .innerJoin(memberships, and(eq(memberships.userId, posts.authorId), eq(memberships.relation, relation)))
        .innerJoin(postTags, eq(postTags.postId, posts.id))
        .innerJoin(tags, eq(tags.id, postTags.tagId))
        .where(and(eq(posts.kind, "question"), eq(posts.status, "published"), notInArray(tags.id, followed)))
        .groupBy(tags.id)
        .orderBy(desc(sql`count(*)`), tags.name)
        .limit(limit)
        .all()
    : [];
  if (byRelation.length) return { relation: relation ?? null, tags: byRelation };
  const popular = db
    .select({ name: tags.name, questions: tags.postCount })
    .from(tags)
    .where(and(sql`${tags.postCount} > 0`, notInArray(tags.id, followed)))
    .orderBy(desc(tags.postCount), tags.name)
    .limit(limit)
    .all();
  return { relation: null, tags: popular };
}

/** Two or three open (unanswered) questions in the member's expertise tags, newest first, not their own. */
export function suggestedQuestions(userId: number, limit = 3) {
  const expertise = db.select({ id: memberTags.tagId }).from(memberTags).where(eq(memberTags.userId, userId));
  return db
    .selectDistinct({ id: posts.id, title: posts.title, createdAt: posts.createdAt })
    .from(posts)
    .innerJoin(postTags, eq(postTags.postId, posts.id))
    .where(
      and(
        eq(posts.kind, "question"),
        eq(posts.status, "published"),
        eq(posts.answerCount, 0),
        sql`${posts.authorId} != ${userId}`,
        inArray(postTags.tagId, expertise),
      ),
    )
    .orderBy(desc(posts.createdAt))
    .limit(limit)
    .all();
}
