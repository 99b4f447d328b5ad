/**
 * Durable jobs: work that must happen once even if a process dies (emails, digests). Writers enqueue
 * inside their own transaction, so a job exists exactly when the change that caused it does. Every
 * server process runs a small scheduler; claiming a job is one UPDATE, so two processes never run the
 * same job at once. A job whose process died while running is claimed again when its lock expires;
 * handlers are written so that running twice has the effect of running once (mail skips a message id
 * it already sent).
 */
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { jobs } from "~db/schema";
import { db, isWriteRefused, skipWhenReadOnly, type Tx } from "./db.server";

export type JobHandler = (payload: Record<string, unknown>, job: { id: number; key: string }) => Promise<void> | void;

const MAX_ATTEMPTS = 6;
const LOCK_MS = 2 * 60_000;
/** 30 s, 1 min, 2 min… between attempts. */
export const backoffMs = (attempts: number) => 30_000 * 2 ** (attempts - 1);

/** Adds a job unless one with this key exists (then nothing happens): enqueueing is idempotent. */
export function enqueueJob(
  tx: Tx,
  job: { kind: string; key: string; payload?: Record<string, unknown>; runAt?: Date },
) {
  tx.insert(jobs)
    .values({
      kind: job.kind,
      key: job.key,
      payload: JSON.stringify(job.payload ?? {}),
      runAt: job.runAt ?? new Date(),
    })
    .onConflictDoNothing({ target: jobs.key })
    .run();
}

type Claimed = { id: number; kind: string; key: string; payload: string; attempts: number };

/** Takes the next due job (or one whose runner died) and locks it, in one statement. */
function claimNextJob(now: number): Claimed | undefined {
  return db.get<Claimed>(sql`
    update jobs set status = 'running', attempts = attempts + 1, locked_until = ${now + LOCK_MS}
    where id = (
      select id from jobs
      where (status = 'pending' and run_at <= ${now}) or (status = 'running' and locked_until < ${now})
      order by run_at limit 1)
    returning id, kind, key, payload, attempts`);
}

function finish(job: Claimed, now: number) {
  db.update(jobs)
    .set({ status: "done", finishedAt: new Date(now), lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running")))
    .run();
}

function fail(job: Claimed, error: unknown, now: number) {
  const message = error instanceof Error ? error.message : String(error);
  const giveUp = job.attempts >= MAX_ATTEMPTS;
  db.update(jobs)
    .set({
      status: giveUp ? "failed" : "pending",
      runAt: new Date(now + backoffMs(job.attempts)),
      lockedUntil: null,
      lastError: message.slice(0, 1000),
      finishedAt: giveUp ? new Date(now) : null,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running")))
    .run();
}

/**
 * Deletes jobs that finished (done or failed) before `before`. Enqueueing is idempotent by key only
 * while the row exists, so this suits keys that are not enqueued again that much later: each names an
 * hour, a week, a day, a row or a token (a meetup reminder enqueued again for a past start does nothing).
 */
export function pruneFinishedJobs(before: Date) {
  return db
    .delete(jobs)
    .where(and(inArray(jobs.status, ["done", "failed"]), lt(jobs.finishedAt, before)))
    .run().changes;
}

/** Runs due jobs one by one until none is due or `max` ran. Returns how many ran. */
export async function runDueJobs(handlers: Record<string, JobHandler>, { now = () => Date.now(), max = 50 } = {}) {
  let ran = 0;
  while (ran < max) {
    const job = claimNextJob(now());
    if (!job) break;
    ran++;
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      await handler(JSON.parse(job.payload) as Record<string, unknown>, job);
      finish(job, now());
    } catch (error) {
      console.warn(`Job ${job.key} failed (attempt ${job.attempts}):`, error instanceof Error ? error.message : error);
      fail(job, error, now());
    }
  }
  return ran;
}

/**
 * Polls for due jobs every `intervalMs` in this process. `stop()` waits for the job in hand, so a
 * graceful shutdown never cuts a job in half.
 */
export function startScheduler(
  handlers: Record<string, JobHandler>,
  { intervalMs = 1000, onTick }: { intervalMs?: number; onTick?: () => void } = {},
) {
  let current: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (current) return; // still busy with the previous tick's jobs
    current = (async () => {
      onTick?.();
      await runDueJobs(handlers);
    })()
      // A read-only database is said once (docs/accounts.md), not every second.
      .catch((error) => (isWriteRefused(error) ? skipWhenReadOnly(error) : console.error("Job scheduler:", error)))
      .finally(() => (current = null));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
