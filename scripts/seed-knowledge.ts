/**
 * Nine months of knowledge sharing for the demo community, written through the real model functions
 * (so counts, revisions, the search index and the activity log are exactly what the app would write).
 * Activity rises, peaks around month five and then declines, as communities do.
 */
import { eq, inArray } from "drizzle-orm";
import { memberships, posts, tags, users, type Relation, type Role } from "~db/schema";
import { acceptAnswer, castVote, createAnswer, createArticle, createComment, createQuestion } from "~/models/post.server";
import { db } from "~/utils/db.server";
import { createRandom } from "../test/factories";
import { articleSeeds, COMMENTS, questionSeeds, TAGS } from "./seed-content";

const DAY = 24 * 60 * 60 * 1000;
const SPAN_DAYS = 270;

type Person = { id: number; role: Role; relation: Relation | null };

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
    .select({ id: users.id, role: users.role, relation: memberships.relation })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .orderBy(users.id)
    .all();
  const writers = people.filter((p) => p.role !== "member");
  const askers = people.filter((p) => p.relation !== "employee" || rng.next() < 0.2);
  const answerers = people.filter((p) => p.role !== "member" || p.relation === "partner" || rng.next() < 0.3);
  const voters = people;

  for (const tag of TAGS) {
    db.insert(tags).values({ name: tag.name, description: tag.description }).onConflictDoUpdate({ target: tags.name, set: { description: tag.description } }).run();
  }

  // Already seeded titles are skipped, so a second run adds nothing.
  const existing = new Set(
    db.select({ title: posts.title }).from(posts).where(inArray(posts.kind, ["article", "question"])).all().map((p) => p.title),
  );
  const at = (day: number) => new Date(Math.min(start + day * DAY, now - 60_000));
  const later = (date: Date, maxDays: number) => new Date(Math.min(date.getTime() + rng.next() * maxDays * DAY + 10 * 60_000, now - 30_000));

  const voteOn = (postId: number, createdAt: Date, count: number) => {
    for (let i = 0; i < count; i++) {
      castVote({ userId: rng.pick(voters).id, postId, value: rng.next() < 0.9 ? 1 : -1, now: later(createdAt, 20) });
    }
  };
  const commentOn = (postId: number, createdAt: Date, lang: "nl" | "en") => {
    if (rng.next() < 0.35) createComment({ authorId: rng.pick(people).id, postId, body: rng.pick(COMMENTS[lang]), now: later(createdAt, 5) });
  };

  for (const seedArticle of articleSeeds()) {
    const day = pickDay(rng);
    const author = rng.pick(writers);
    const votes = rng.int(0, 12);
    if (existing.has(seedArticle.title)) continue;
    const createdAt = at(day);
    const article = createArticle({ authorId: author.id, title: seedArticle.title, summary: seedArticle.summary, body: seedArticle.body, tags: seedArticle.tags, now: createdAt });
    voteOn(article.id, createdAt, votes);
    commentOn(article.id, createdAt, seedArticle.lang);
  }

  for (const seedQuestion of questionSeeds()) {
    const day = pickDay(rng);
    const asker = rng.pick(askers);
    if (existing.has(seedQuestion.title)) continue;
    const createdAt = at(day);
    const question = createQuestion({ authorId: asker.id, title: seedQuestion.title, body: seedQuestion.body, tags: seedQuestion.tags, now: createdAt });
    voteOn(question.id, createdAt, rng.int(0, 4));
    commentOn(question.id, createdAt, seedQuestion.lang);
    const answerIds: number[] = [];
    let answeredAt = createdAt;
    for (const body of seedQuestion.answers) {
      answeredAt = later(answeredAt, 3);
      const author = rng.pick(answerers.filter((p) => p.id !== asker.id));
      const answer = createAnswer({ authorId: author.id, questionId: question.id, body, now: answeredAt });
      if (!answer) continue;
      answerIds.push(answer.id);
      voteOn(answer.id, answeredAt, rng.int(0, 6));
      commentOn(answer.id, answeredAt, seedQuestion.lang);
    }
    if (answerIds.length && rng.next() < 0.6) {
      acceptAnswer({ questionId: question.id, answerId: rng.pick(answerIds), askerId: asker.id, now: later(answeredAt, 4) });
    }
  }
}
