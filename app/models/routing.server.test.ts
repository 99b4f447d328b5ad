/**
 * Question routing (docs/routing.md) on communities built by real actions: experts earn their standing by
 * answering and being accepted and upvoted over half a year; some stopped weeks ago (the health rules flag
 * them), one is suspended, one is at the daily cap, and the asker is an expert of the tag too. Three seeds
 * vary the numbers, the answering speed and the weekday.
 */
import { spawn } from "node:child_process";
import { and, eq, notInArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { healthMemberPasses, jobs, notifications, questionRoutes } from "~db/schema";
import { JOB_HANDLERS } from "~/jobs/index.server";
import { db, writeTransaction } from "~/utils/db.server";
import { runDueJobs } from "~/utils/jobs.server";
import { DAY_MS } from "~/utils/time";
import { createRandom, makeUser } from "../../test/factories";
import { memberVerdictsNow } from "./health-members.server";
import { acceptAnswer, castVote } from "./post-votes.server";
import { createAnswer, createQuestion } from "./post.server";
import { askedExperts, PER_ROUND, rankExperts, routeQuestion, setRoutable } from "./routing.server";
import { suspendMember } from "./suspension.server";
import { findPost } from "./post-write.server";
import { decide } from "./moderation.server";

const HOUR = 3_600_000;
const member = () => makeUser({ passwordHash: "not-used" });

type Member = Awaited<ReturnType<typeof makeUser>>;

/**
 * An expert's history: a question in `tag` by one of `askers` every 3–4 days from 18 weeks back until
 * `until` days back, answered by the expert `speed` hours later, accepted or upvoted.
 */
function history(
  expert: Member,
  tag: string,
  askers: Member[],
  { until, speed, now, random }: { until: number; speed: number; now: Date; random: ReturnType<typeof createRandom> },
) {
  for (let d = 18 * 7; d >= until + 1; d -= random.int(3, 4)) {
    const asked = new Date(now.getTime() - d * DAY_MS + random.int(0, 10) * HOUR);
    const asker = random.pick(askers);
    const question = createQuestion({
      authorId: asker.id,
      title: `About ${tag} ${d}`,
      body: "How do we do this well?",
      tags: [tag],
      now: asked,
    });
    const at = new Date(asked.getTime() + speed * HOUR * (0.5 + random.next()));
    const answer = createAnswer({
      authorId: expert.id,
      questionId: question.id,
      body: "Like this, with care.",
      now: at,
    })!;
    if (random.next() < 0.5) acceptAnswer({ questionId: question.id, answerId: answer.id, askerId: asker.id, now: at });
    else castVote({ userId: asker.id, postId: answer.id, value: 1, now: at });
  }
}

async function community(seed: number) {
  const random = createRandom(seed);
  // A different weekday and hour for each seed, days ago: the job handlers run at the real time, which must be
  // past the escalation's target.
  const day = new Date();
  day.setUTCHours(7 + seed, 0, 0, 0);
  const now = new Date(day.getTime() - (2 + seed) * DAY_MS);
  const tag = `pg${seed}`;
  const askers = [await member(), await member(), await member()];
  const make = async (until: number, speed: number) => {
    const expert = await member();
    history(expert, tag, askers, { until, speed, now, random });
    return expert;
  };
  const active = [];
  for (let i = 0; i < 3 + (seed % 2); i++) active.push(await make(random.int(0, 3), random.int(2, 30)));
  // The cooling and gone-quiet experts answered fastest and most: a ranking on standing alone picks them.
  const cooling = [await make(random.int(35, 50), 1), await make(random.int(35, 50), 1)];
  const suspended = await make(0, 1);
  const overCap = await make(0, 1);
  const asker = await make(0, 2);
  const optedOut = await make(0, 2);
  setRoutable(optedOut.id, false);
  writeTransaction((tx) =>
    suspendMember(tx, { userId: suspended.id, moderatorId: asker.id, reason: "spam", until: null, now }),
  );
  // Three questions today in a tag only the over-cap expert knows take up their daily cap.
  const helmAsker = await member();
  history(overCap, `helm${seed}`, [helmAsker], { until: 0, speed: 1, now, random });
  for (let i = 0; i < 3; i++) {
    const q = createQuestion({
      authorId: helmAsker.id,
      title: `Helm ${i}`,
      body: "Which chart version?",
      tags: [`helm${seed}`],
      now,
    });
    expect(routeQuestion(q.id, 1, new Date(now.getTime() - (i + 1) * HOUR)).map((e) => e.userId)).toEqual([overCap.id]);
  }
  // The day's health pass, as the hourly snapshot stores it.
  db.delete(healthMemberPasses).run();
  const flagged = memberVerdictsNow(now).flagged.map((m) => m.userId);
  return { now, tag, active, cooling, suspended, overCap, asker, optedOut, flagged, askers };
}

describe("the question router", () => {
  for (const seed of [1, 2, 3]) {
    it(`asks active experts of the question's tags, never the cooling, suspended, over-cap, opted-out or asker (seed ${seed})`, async () => {
      const c = await community(seed);
      expect(c.flagged).toEqual(expect.arrayContaining(c.cooling.map((m) => m.id)));
      expect(c.flagged).not.toEqual(expect.arrayContaining(c.active.map((m) => m.id)));
      const question = createQuestion({
        authorId: c.asker.id,
        title: "Vacuum settings for a big table",
        body: "Autovacuum falls behind on our largest table.",
        tags: [c.tag, `helm${seed}`],
        now: c.now,
      });
      const top = writeTransaction((tx) => rankExperts(tx, findPost(tx, question.id)!, c.now)).slice(0, PER_ROUND);
      const ids = top.map((e) => e.userId);
      expect(ids).toHaveLength(3);
      expect(ids.filter((id) => c.active.some((m) => m.id === id)).length).toBeGreaterThanOrEqual(2);
      for (const never of [...c.cooling, c.suspended, c.overCap, c.asker, c.optedOut])
        expect(ids).not.toContain(never.id);
    });
  }

  it("asks nobody twice when a round runs again, and escalates once, at the target, only when still unanswered", async () => {
    const c = await community(4);
    const posted = (title: string) =>
      createQuestion({ authorId: c.askers[1].id, title, body: "Why is this query slow?", tags: [c.tag], now: c.now });
    const open = posted("Slow join on two big tables");
    const answered = posted("Index on an expression");
    for (const q of [open, answered]) {
      const first = routeQuestion(q.id, 1, c.now);
      expect(first).toHaveLength(PER_ROUND);
      expect(routeQuestion(q.id, 1, c.now)).toEqual([]);
    }
    createAnswer({
      authorId: c.active[0].id,
      questionId: answered.id,
      body: "An index on lower(email).",
      now: new Date(c.now.getTime() + HOUR),
    });

    // The escalation job is due at the target (24 h by default); the scheduler runs it, then runs again.
    const escalation = db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `route:${open.id}:2`))
      .get()!;
    expect(escalation.runAt.getTime()).toBe(c.now.getTime() + 24 * HOUR);
    const later = () => c.now.getTime() + 25 * HOUR;
    const escalations = [`route:${open.id}:2`, `route:${answered.id}:2`];
    // Only the two escalations: the history's questions and their emails are long done (not by this test).
    db.update(jobs).set({ status: "done" }).where(notInArray(jobs.key, escalations)).run();
    await runDueJobs(JOB_HANDLERS, { now: later });
    for (const key of escalations) expect(db.select().from(jobs).where(eq(jobs.key, key)).get()?.status).toBe("done");
    // The scheduler's run asked the next three; running the round again asks nobody.
    expect(routeQuestion(open.id, 2, new Date(later()))).toEqual([]);
    const rounds = db.select().from(questionRoutes).where(eq(questionRoutes.questionId, open.id)).all();
    expect(rounds.filter((r) => r.round === 2)).toHaveLength(PER_ROUND);
    expect(new Set(rounds.map((r) => r.expertId)).size).toBe(rounds.length);
    const answeredRounds = db.select().from(questionRoutes).where(eq(questionRoutes.questionId, answered.id)).all();
    expect(answeredRounds.every((r) => r.round === 1)).toBe(true);
    // Each asked expert heard once.
    for (const r of rounds) {
      const told = db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, r.expertId), eq(notifications.dedupeKey, `route:${open.id}`)))
        .all();
      expect(told).toHaveLength(1);
    }
    expect(askedExperts(open.id)).toHaveLength(2 * PER_ROUND);
  });

  it("asks the next experts once when two processes run the same escalation at the same moment", async () => {
    const c = await community(5);
    const q = createQuestion({
      authorId: c.askers[2].id,
      title: "Replication lag",
      body: "Our replica falls behind.",
      tags: [c.tag],
      now: c.now,
    });
    routeQuestion(q.id, 1, c.now);
    const at = c.now.getTime() + 25 * HOUR;
    const start = Date.now() + 1500;
    const run = () =>
      new Promise<number[]>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", "test/route-round.ts", ...[q.id, 2, at, start].map(String)],
          {
            env: { ...process.env, NODE_ENV: "production" },
            stdio: ["ignore", "pipe", "inherit"],
          },
        );
        let out = "";
        child.stdout.on("data", (chunk) => (out += chunk));
        child.on("exit", (code) =>
          code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`exit ${code}`)),
        );
      });
    const [a, b] = await Promise.all([run(), run()]);
    // One process asked three experts, the other found the round written and asked nobody.
    expect([a.length, b.length].sort()).toEqual([0, PER_ROUND]);
    const second = db
      .select()
      .from(questionRoutes)
      .where(and(eq(questionRoutes.questionId, q.id), eq(questionRoutes.round, 2)))
      .all();
    expect(second.map((r) => r.expertId).sort()).toEqual([...a, ...b].sort());
  });

  it("routes a question held for review only once a lead approves it", async () => {
    const fresh = await makeUser({ passwordHash: "not-used", createdAt: new Date(Date.now() - 3 * DAY_MS) });
    const lead = await makeUser({ passwordHash: "not-used", role: "lead" });
    const held = createQuestion({
      authorId: fresh.id,
      title: "Which guide is right?",
      body: "See https://a.example, https://b.example and https://c.example for all the details you need.",
      tags: ["guides"],
      screen: true,
    });
    expect(held.status).toBe("held");
    const routeJob = () =>
      db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `route:${held.id}:1`))
        .get();
    expect(routeJob()).toBeUndefined();
    decide({ postId: held.id, moderatorId: lead.id, decision: "dismiss" });
    expect(routeJob()?.kind).toBe("route-question");
  });
});
