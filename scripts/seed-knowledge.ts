/**
 * Nine months of knowledge sharing for the demo community, written through the real model functions
 * (so counts, revisions, the search index and the activity log are exactly what the app would write).
 * Activity rises, peaks around month five and then declines, as communities do.
 */
import { eq, inArray } from "drizzle-orm";
import { memberships, organisations, posts, tags, users, type Relation, type Role } from "~db/schema";
import { acceptAnswer, castVote } from "~/models/post-votes.server";
import { createAnswer, createArticle, createComment, createQuestion } from "~/models/post.server";
import { db } from "~/utils/db.server";
import { createRandom } from "../test/factories";
import { articleSeeds, COMMENTS, questionSeeds, TAGS } from "./seed-content";
import { DAY_MS } from "~/utils/time";

const DAY = DAY_MS;
const SPAN_DAYS = 270;

type Person = { id: number; role: Role; relation: Relation | null; org: string | null; joinedAt: Date };

/** Who could have done something at `at`: only members who had joined by then (the seed keeps its own clock). */
function joinedBy(list: Person[], at: Date) {
  const joined = list.filter((p) => p.joinedAt <= at);
  if (!joined.length) throw new Error(`nobody had joined by ${at.toISOString()}`);
  return joined;
}

/**
 * A few tags have a resident expert who answers many of their questions, so the demo shows Tag Expert
 * badges (per tag, at different levels) the way a real community grows them. Not at the organisation
 * whose members fade (seed-health.ts), so their story stays theirs.
 */
const RESIDENT_TAGS = ["pipelines", "sql", "dashboards", "security"];

/** Relative activity on day d of the span (0 = nine months ago): rise, peak near day 150, decline. */
function activityLevel(day: number) {
  return day < 150 ? 0.25 + 0.75 * (day / 150) : Math.max(0.2, 1 - 0.8 * ((day - 150) / 120));
}

function pickDay(rng: ReturnType<typeof createRandom>) {
  for (;;) {
    const day = rng.next() * SPAN_DAYS;
    if (rng.next() < activityLevel(day)) return day;
  }
}

export function seedKnowledge({ now }: { now: number }) {
  const rng = createRandom(4242);
  const start = now - SPAN_DAYS * DAY;
  const people: Person[] = db
    .select({
      id: users.id,
      role: users.role,
      relation: memberships.relation,
      org: organisations.slug,
      joinedAt: users.createdAt,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .orderBy(users.id)
    .all();
  const writers = people.filter((p) => p.role !== "member");
  const askers = people.filter((p) => p.relation !== "employee" || rng.next() < 0.2);
  const answerers = people.filter((p) => p.role !== "member" || p.relation === "partner" || rng.next() < 0.3);
  const voters = people;
  // The demo expert (the first expert account) and the earliest-joined experts after her.
  const residents = new Map(
    answerers
      .filter((p) => p.role === "expert" && p.org !== "harbourline" && p.joinedAt.getTime() <= start + 30 * DAY)
      .slice(0, RESIDENT_TAGS.length)
      .map((p, i) => [RESIDENT_TAGS[i], p]),
  );

  for (const tag of TAGS) {
    db.insert(tags)
      .values({ name: tag.name, description: tag.description })
      .onConflictDoUpdate({ target: tags.name, set: { description: tag.description } })
      .run();
  }

  // Already seeded titles are skipped, so a second run adds nothing.
  const existing = new Set(
    db
      .select({ title: posts.title })
      .from(posts)
      .where(inArray(posts.kind, ["article", "question"]))
      .all()
      .map((p) => p.title),
  );
  const at = (day: number) => new Date(Math.min(start + day * DAY, now - 60_000));
  const later = (date: Date, maxDays: number) =>
    new Date(Math.min(date.getTime() + rng.next() * maxDays * DAY + 10 * 60_000, now - 30_000));

  const voteOn = (postId: number, createdAt: Date, count: number) => {
    for (let i = 0; i < count; i++) {
      const votedAt = later(createdAt, 20);
      castVote({
        userId: rng.pick(joinedBy(voters, votedAt)).id,
        postId,
        value: rng.next() < 0.9 ? 1 : -1,
        now: votedAt,
      });
    }
  };
  const commentOn = (postId: number, createdAt: Date, lang: "nl" | "en") => {
    if (rng.next() < 0.35) {
      const commentedAt = later(createdAt, 5);
      createComment({
        authorId: rng.pick(joinedBy(people, commentedAt)).id,
        postId,
        body: rng.pick(COMMENTS[lang]),
        now: commentedAt,
      });
    }
  };

  for (const seedArticle of articleSeeds()) {
    const day = pickDay(rng);
    const createdAt = at(day);
    const author = rng.pick(joinedBy(writers, createdAt));
    const votes = rng.int(0, 12);
    if (existing.has(seedArticle.title)) continue;
    const article = createArticle({
      authorId: author.id,
      title: seedArticle.title,
      summary: seedArticle.summary,
      body: seedArticle.body,
      tags: seedArticle.tags,
      now: createdAt,
    });
    voteOn(article.id, createdAt, votes);
    commentOn(article.id, createdAt, seedArticle.lang);
  }

  for (const seedQuestion of questionSeeds()) {
    const day = pickDay(rng);
    const createdAt = at(day);
    const asker = rng.pick(joinedBy(askers, createdAt));
    if (existing.has(seedQuestion.title)) continue;
    const resident = seedQuestion.tags.map((tag) => residents.get(tag)).find((p) => p && p.id !== asker.id);
    let residentAnswered = false;
    const question = createQuestion({
      authorId: asker.id,
      title: seedQuestion.title,
      body: seedQuestion.body,
      tags: seedQuestion.tags,
      now: createdAt,
    });
    voteOn(question.id, createdAt, rng.int(0, 4));
    commentOn(question.id, createdAt, seedQuestion.lang);
    const answerIds: number[] = [];
    let answeredAt = createdAt;
    for (const body of seedQuestion.answers) {
      answeredAt = later(answeredAt, 3);
      const residentAnswers: boolean =
        !!resident && !residentAnswered && resident.joinedAt <= answeredAt && rng.next() < 0.6;
      residentAnswered ||= residentAnswers;
      const author =
        residentAnswers && resident
          ? resident
          : rng.pick(joinedBy(answerers, answeredAt).filter((p) => p.id !== asker.id));
      const answer = createAnswer({ authorId: author.id, questionId: question.id, body, now: answeredAt });
      if (!answer) continue;
      answerIds.push(answer.id);
      voteOn(answer.id, answeredAt, rng.int(0, 6));
      commentOn(answer.id, answeredAt, seedQuestion.lang);
    }
    if (answerIds.length && rng.next() < 0.6) {
      acceptAnswer({
        questionId: question.id,
        answerId: rng.pick(answerIds),
        askerId: asker.id,
        now: later(answeredAt, 4),
      });
    }
  }
}
