/**
 * Three demo members who fade for different reasons, so /health shows flags with causes on first start.
 * Written through the real model functions, after the knowledge seed, relative to "now":
 * - one answered steadily for months, voted on at first; four months ago the votes stopped, and they cooled;
 * - one asked a question nine weeks ago that nobody answered, and went quiet;
 * - one whose answers were appreciated kept going, then slowed to a trickle.
 * All three work at one organisation, which declines with them.
 * Idempotent: the unanswered question marks the set as written.
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { posts, users } from "~db/schema";
import { castVote } from "~/models/post-votes.server";
import { createAnswer, createQuestion } from "~/models/post.server";
import { db } from "~/utils/db.server";
import { createRandom } from "../test/factories";
import { DAY_MS } from "~/utils/time";

const WEEK = 7 * DAY_MS;
const FADING_ORGANISATION = "harbourline";
const UNANSWERED_TITLE = "Incrementele load vanuit SAP: wie heeft dit werkend met change data capture?";

const ANSWERS = [
  "We hadden hetzelfde probleem. Wat bij ons hielp: de job opsplitsen per bron en de retries per stap instellen in plaats van voor de hele pipeline.",
  "Check first whether the connector runs with the service account; most of the time the token has expired and the error message hides that.",
  "Ik zou beginnen met de query plan-weergave. Negen van de tien keer ontbreekt er een index op de join-kolom.",
  "We solved this with a staging table and a nightly merge. It keeps the dashboards fast and the history intact.",
  "Zet de tijdzone expliciet op Europe/Amsterdam in de bronverbinding; anders schuift alles een uur rond de zomertijd.",
  "In our setup the fix was to pin the driver version. The latest one changed how decimals are rounded.",
];

/** Weekly answers for `persona` following `perWeek(weeksAgo)`, each voted on by `votes(weeksAgo)` others. */
function answerWeekly(
  persona: number,
  now: number,
  perWeek: (weeksAgo: number) => number,
  votes: (weeksAgo: number) => number,
  rng: ReturnType<typeof createRandom>,
) {
  const voters = db.select({ id: users.id, joinedAt: users.createdAt }).from(users).where(ne(users.id, persona)).all();
  const joinedAt = db.select({ at: users.createdAt }).from(users).where(eq(users.id, persona)).get()!.at;
  const open = db
    .select({ id: posts.id, createdAt: posts.createdAt })
    .from(posts)
    .where(
      and(
        eq(posts.kind, "question"),
        eq(posts.status, "published"),
        ne(posts.authorId, persona),
        ne(posts.title, UNANSWERED_TITLE),
      ),
    )
    .orderBy(posts.id)
    .all();
  for (let weeksAgo = 24; weeksAgo >= 0; weeksAgo--) {
    for (let i = 0; i < perWeek(weeksAgo); i++) {
      const at = new Date(
        Math.min(now - weeksAgo * WEEK + rng.int(0, 5) * 24 * 3_600_000 + i * 3_600_000, now - 3_600_000),
      );
      const questions = open.filter((q) => q.createdAt < at);
      if (!questions.length || at < joinedAt) continue; // nothing before they joined
      const answer = createAnswer({
        authorId: persona,
        questionId: rng.pick(questions).id,
        body: rng.pick(ANSWERS),
        now: at,
      });
      if (!answer) continue;
      for (let v = votes(weeksAgo); v > 0; v--) {
        const votedAt = new Date(Math.min(at.getTime() + v * 3_600_000, now - 60_000));
        castVote({
          userId: rng.pick(voters.filter((p) => p.joinedAt <= votedAt)).id,
          postId: answer.id,
          value: 1,
          now: votedAt,
        });
      }
    }
  }
}

export function seedFadingMembers({ now }: { now: number }) {
  // One transaction: the unanswered question marks the set as written, so it must not exist without the rest.
  db.transaction(() => writeFadingMembers(now));
}

function writeFadingMembers(now: number) {
  if (db.select({ id: posts.id }).from(posts).where(eq(posts.title, UNANSWERED_TITLE)).get()) return;
  const rng = createRandom(8080);
  // The three members of Harbourline Insurance (not demo accounts) who wrote least lately, then least
  // overall, so their own story is what the rule sees, and their organisation declines with them; the
  // seed is deterministic, so every first run picks the same three.
  const [ignored, unanswered, trickle] = db
    .all<{ id: number }>(
      sql`select u.id from users u join memberships m on m.user_id = u.id join organisations o on o.id = m.org_id and o.slug = ${FADING_ORGANISATION}
      left join activities a on a.actor_id = u.id and a.verb in ('article', 'question', 'answer', 'comment')
      where u.id > (select min(id) + 3 from users) group by u.id
      order by coalesce(sum(a.created_at >= ${now - 12 * WEEK}), 0), count(a.id), u.id limit 3`,
    )
    .map((p) => p.id);
  // Their stories start 25 weeks ago: they were members by then (an earlier join date keeps everything
  // they already wrote after it, so the seed stays consistent with its own clock).
  db.update(users)
    .set({ createdAt: sql`min(${users.createdAt}, ${now - 25 * WEEK})` })
    .where(inArray(users.id, [ignored, unanswered, trickle]))
    .run();

  // Two answers a week until ten weeks ago, then one three weeks ago; voted on until 16 weeks ago (before
  // the report's trend window), then nobody responded: ignored is a change, not how they were always
  // received (docs/health.md). (A drop that clear is flagged whatever the weekday of the first start.)
  answerWeekly(
    ignored,
    now,
    (w) => (w >= 10 ? 2 : w === 3 ? 1 : 0),
    (w) => (w > 16 ? rng.int(1, 2) : 0),
    rng,
  );

  // One to two answers a week, well received, until the unanswered question nine weeks ago; then nothing.
  answerWeekly(
    unanswered,
    now,
    (w) => (w > 9 ? 1 + (w % 2) : 0),
    () => rng.int(1, 3),
    rng,
  );
  createQuestion({
    authorId: unanswered,
    title: UNANSWERED_TITLE,
    body: "We laden nu elke nacht alles opnieuw vanuit SAP. Dat duurt te lang. Heeft iemand incrementele loads met change data capture werkend gekregen, en met welke connector?",
    tags: ["connectors", "pipelines"],
    now: new Date(now - 9 * WEEK),
  });

  // Two a week, well received, then a trickle over the last ten weeks.
  answerWeekly(
    trickle,
    now,
    (w) => (w > 10 ? 2 : w === 7 || w === 3 ? 1 : 0),
    () => rng.int(1, 4),
    rng,
  );
}
