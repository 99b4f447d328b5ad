/**
 * Question routing as if it had run while the demo's history was written (docs/routing.md): the questions of
 * the last eight weeks are routed at the moment they were asked, and those still unanswered at their target
 * are routed again then, so the asked experts show on the questions and /health has routing figures on first
 * start. The routing jobs due by now are dropped: the replay ran those rounds, and that history is not news. Idempotent: any
 * routed question marks the set as written.
 */
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { jobs, posts, questionRouting } from "~db/schema";
import { routeQuestion, routingSettings } from "~/models/routing.server";
import { db } from "~/utils/db.server";
import { DAY_MS } from "~/utils/time";

export function seedRouting({ now }: { now: number }) {
  if (db.select().from(questionRouting).limit(1).get()) return;
  const target = routingSettings().targetMinutes * 60_000;
  const questions = db
    .select({ id: posts.id, createdAt: posts.createdAt, firstAnswerAt: posts.firstAnswerAt })
    .from(posts)
    .where(
      and(eq(posts.kind, "question"), eq(posts.status, "published"), gte(posts.createdAt, new Date(now - 56 * DAY_MS))),
    )
    .orderBy(asc(posts.createdAt))
    .all();
  for (const q of questions) {
    const asked = q.createdAt.getTime();
    // Answered before the router would have run: nothing to route.
    if (q.firstAnswerAt && q.firstAnswerAt.getTime() <= asked + 60_000) continue;
    routeQuestion(q.id, 1, q.createdAt);
    if (asked + target <= now && (!q.firstAnswerAt || q.firstAnswerAt.getTime() > asked + target))
      routeQuestion(q.id, 2, new Date(asked + target));
  }
  // The rounds due by now were run above, as of their time.
  db.delete(jobs)
    .where(and(eq(jobs.kind, "route-question"), lte(jobs.runAt, new Date(now))))
    .run();
}
