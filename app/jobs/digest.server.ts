/**
 * The weekly digest: once a week, members who have not visited for a week (and have not turned the
 * digest off, and are not suspended) get one email with what they missed. The weekly job only
 * enqueues one email job per member; each is idempotent by week and member.
 */
import { and, desc, eq, gte, inArray, isNull, lt, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { events, follows, posts, postTags, users, userVisits } from "~db/schema";
import { renderEmail } from "~/emails/layout.server";
import { listMatches } from "~/models/introduction.server";
import { unsubscribeUrl } from "~/models/unsubscribe.server";
import { notSuspended } from "~/models/suspension.server";
import { findUserById } from "~/models/user.server";
import { receivesEmail } from "~/utils/permissions";
import { db, writeTransaction } from "~/utils/db.server";
import { DEFAULT_LOCALE, formatDate } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { reasonText } from "~/utils/introductions";
import { enqueueJob, type JobHandler } from "~/utils/jobs.server";
import { sendMail, siteUrl } from "~/utils/mail.server";
import { communityDay, communityWeek, DAY_MS } from "~/utils/time";

/** Called on every scheduler tick: makes sure this week's digest job exists (once per week, ever). */
export function scheduleWeeklyDigest(now = new Date()) {
  const week = communityWeek(now);
  writeTransaction((tx) =>
    enqueueJob(tx, {
      kind: "weekly-digest",
      key: `weekly-digest:${week}`,
      payload: { week, at: now.getTime() },
      runAt: now,
    }),
  );
}

/** The members due a digest at `now`: digest on, not suspended, joined and not seen for a week. */
export function digestRecipients(now: Date) {
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  return db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.digest, "weekly"),
        notSuspended(now),
        isNull(users.erasedAt),
        lt(users.createdAt, weekAgo),
        notExists(
          db
            .select({ one: sql`1` })
            .from(userVisits)
            .where(and(eq(userVisits.userId, users.id), gte(userVisits.day, communityDay(weekAgo)))),
        ),
      ),
    )
    .all()
    .map((r) => r.id);
}

export const enqueueWeeklyDigests: JobHandler = (payload) => {
  const now = new Date(Number(payload.at));
  const week = String(payload.week);
  const recipients = digestRecipients(now);
  // In batches: one transaction for a hundred thousand members would hold the write lock for seconds.
  for (let i = 0; i < recipients.length; i += 500) {
    writeTransaction((tx) => {
      for (const userId of recipients.slice(i, i + 500)) {
        enqueueJob(tx, {
          kind: "digest-email",
          key: `digest-email:${week}:${userId}`,
          payload: { userId, since: now.getTime() - 7 * DAY_MS },
          runAt: now,
        });
      }
    });
  }
};

/** New answers to the member's questions, and the best new articles in the tags they write in. */
export function digestContent(userId: number, since: Date) {
  const answers = alias(posts, "answers");
  const answered = db
    .select({ id: posts.id, title: posts.title, answers: sql<number>`count(${answers.id})` })
    .from(posts)
    .innerJoin(
      answers,
      and(
        eq(answers.parentId, posts.id),
        eq(answers.kind, "answer"),
        eq(answers.status, "published"),
        gte(answers.createdAt, since),
      ),
    )
    .where(and(eq(posts.authorId, userId), eq(posts.kind, "question"), eq(posts.status, "published")))
    .groupBy(posts.id)
    .orderBy(desc(sql`count(${answers.id})`))
    .limit(10)
    .all();
  const myTags = db
    .select({ tagId: postTags.tagId })
    .from(postTags)
    .innerJoin(posts, eq(posts.id, postTags.postId))
    .where(eq(posts.authorId, userId))
    .groupBy(postTags.tagId)
    .orderBy(desc(sql`count(*)`))
    .limit(5)
    .all()
    .map((r) => r.tagId);
  const articles = myTags.length
    ? db
        .selectDistinct({ slug: posts.slug, title: posts.title, score: posts.score })
        .from(posts)
        .innerJoin(postTags, eq(postTags.postId, posts.id))
        .where(
          and(
            eq(posts.kind, "article"),
            eq(posts.status, "published"),
            gte(posts.createdAt, since),
            inArray(postTags.tagId, myTags),
          ),
        )
        .orderBy(desc(posts.score))
        .limit(5)
        .all()
    : [];
  const location =
    db
      .select({ location: users.location })
      .from(users)
      .where(eq(users.id, userId))
      .get()
      ?.location.trim()
      .toLowerCase() ?? "";
  const meetups = db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, timezone: events.timezone })
    .from(events)
    .where(
      and(
        eq(events.status, "scheduled"),
        gte(events.startsAt, new Date(since.getTime() + 7 * DAY_MS)),
        lt(events.startsAt, new Date(since.getTime() + 21 * DAY_MS)),
        location
          ? or(sql`lower(${events.city}) = ${location}`, sql`${events.onlineUrl} != ''`)
          : sql`${events.onlineUrl} != ''`,
      ),
    )
    .orderBy(events.startsAt)
    .limit(3)
    .all();
  // New questions and articles in followed tags or by followed members (told in the app one by one, by email only here).
  const following = db
    .selectDistinct({
      id: posts.id,
      kind: posts.kind,
      slug: posts.slug,
      title: posts.title,
      createdAt: posts.createdAt,
    })
    .from(posts)
    .leftJoin(postTags, eq(postTags.postId, posts.id))
    .innerJoin(
      follows,
      and(
        eq(follows.userId, userId),
        or(
          and(eq(follows.kind, "tag"), eq(follows.targetId, postTags.tagId)),
          and(eq(follows.kind, "member"), eq(follows.targetId, posts.authorId)),
        ),
      ),
    )
    .where(
      and(
        inArray(posts.kind, ["question", "article", "idea"]),
        eq(posts.status, "published"),
        gte(posts.createdAt, since),
        sql`${posts.authorId} != ${userId}`,
      ),
    )
    .orderBy(desc(posts.createdAt))
    .limit(10)
    .all();
  // People you should meet, as the daily job left them (docs/people-to-meet.md).
  const people = listMatches(userId).slice(0, 3);
  return { answered, articles, meetups, following, people };
}

export const sendDigestEmail: JobHandler = async (payload, job) => {
  const user = findUserById(Number(payload.userId));
  if (!user || !receivesEmail(user) || user.digest !== "weekly") return;
  const { answered, articles, meetups, following, people } = digestContent(user.id, new Date(Number(payload.since)));
  if (!answered.length && !articles.length && !following.length) return; // meetups alone are not worth an email
  const locale = user.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const unsubscribe = unsubscribeUrl(user.id, "digest");
  const sections = [
    ...(answered.length
      ? [
          {
            heading: t("email.digest.answers"),
            lines: answered.map((q) => ({
              text: t("email.digest.answerLine", { count: q.answers, title: q.title }),
              url: siteUrl(`/questions/${q.id}`),
            })),
          },
        ]
      : []),
    ...(following.length
      ? [
          {
            heading: t("email.digest.following"),
            lines: following.map((p) => ({
              text: p.title,
              url: siteUrl(
                p.kind === "article"
                  ? `/articles/${p.slug}`
                  : p.kind === "idea"
                    ? `/ideas/${p.id}`
                    : `/questions/${p.id}`,
              ),
            })),
          },
        ]
      : []),
    ...(articles.length
      ? [
          {
            heading: t("email.digest.articles"),
            lines: articles.map((a) => ({ text: a.title, url: siteUrl(`/articles/${a.slug}`) })),
          },
        ]
      : []),
    ...(people.length
      ? [
          {
            heading: t("meet.digest"),
            lines: people.map((p) => ({
              text: [p.name, ...p.reasons.map((r) => reasonText(t, r))].join(" · "),
              url: siteUrl(`/members/${p.handle}`),
            })),
          },
        ]
      : []),
    ...(meetups.length
      ? [
          {
            heading: t("email.digest.meetups"),
            lines: meetups.map((m) => ({
              text: `${m.title} · ${formatDate(m.startsAt, locale, "datetime", m.timezone)}`,
              url: siteUrl(`/events/${m.id}`),
            })),
          },
        ]
      : []),
  ];
  await sendMail({
    id: job.key,
    to: user.email,
    subject: t("email.digest.subject"),
    ...renderEmail({
      locale,
      name: user.name,
      paragraphs: [t("email.digest.intro")],
      sections,
      settingsUrl: siteUrl("/settings#notifications"),
      unsubscribeUrl: unsubscribe,
    }),
    unsubscribeUrl: unsubscribe,
  });
};
