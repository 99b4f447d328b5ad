import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, loginFailures, memberDays, sessions, users, userVisits } from "~db/schema";
import { DECAY_DAYS } from "~/health/decay";
import { makeUser } from "../../test/factories";
import { backupDirectory } from "~/utils/backup.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { runDueJobs } from "~/utils/jobs.server";
import { isSuspended } from "~/utils/permissions";
import { communityDay } from "~/utils/time";
import { cleanUp } from "./cleanup.server";
import { JOB_HANDLERS, scheduleDailyJobs } from "./index.server";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("daily clean-up", () => {
  it("deletes expired sessions, jobs finished more than 30 days ago and attempts older than an hour, and nothing else", async () => {
    const now = new Date("2026-11-26T03:00:00Z");
    const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const { id: userId } = await makeUser({ handle: "cleanup_member" });
    for (const [id, expiresAt] of [
      ["expired", ago(1)],
      ["current", ago(-13)],
    ] as const)
      db.insert(sessions)
        .values({ id: `cleanup-${id}`, userId, expiresAt: expiresAt.getTime(), createdAt: ago(20).getTime() })
        .run();
    const job = (key: string, status: "pending" | "running" | "done" | "failed", finishedDaysAgo: number | null) =>
      db
        .insert(jobs)
        .values({
          kind: "test",
          key: `cleanup:${key}`,
          status,
          runAt: ago(60),
          finishedAt: finishedDaysAgo === null ? null : ago(finishedDaysAgo),
        })
        .run();
    job("done-old", "done", 31);
    job("failed-old", "failed", 45);
    job("done-recent", "done", 29);
    job("failed-recent", "failed", 2);
    job("pending-old", "pending", null);
    job("running-old", "running", null);
    const minutesAgo = (minutes: number) => now.getTime() - minutes * 60 * 1000;
    db.insert(loginFailures)
      .values([
        { key: "join-ip:cleanup", at: minutesAgo(61) },
        { key: "ip:cleanup", at: minutesAgo(24 * 60) },
        { key: "join-ip:cleanup", at: minutesAgo(59) },
      ])
      .run();

    expect(cleanUp(now)).toEqual({ sessions: 1, jobs: 2, attempts: 2, visits: 0, memberDays: 0, restrictions: 0 });
    expect(db.select({ at: loginFailures.at }).from(loginFailures).all()).toEqual([{ at: minutesAgo(59) }]);
    expect(db.select({ id: sessions.id }).from(sessions).where(like(sessions.id, "cleanup-%")).all()).toEqual([
      { id: "cleanup-current" },
    ]);
    expect(
      db
        .select({ key: jobs.key })
        .from(jobs)
        .where(like(jobs.key, "cleanup:%"))
        .all()
        .map((j) => j.key)
        .sort(),
    ).toEqual(["cleanup:done-recent", "cleanup:failed-recent", "cleanup:pending-old", "cleanup:running-old"]);
  });

  it("deletes visits older than VISIT_RETENTION_DAYS (400 by default) and keeps the rest", async () => {
    const now = new Date("2026-11-26T03:00:00Z");
    const day = (daysAgo: number) => communityDay(now.getTime() - daysAgo * DAY_MS);
    const { id: userId } = await makeUser({ handle: "visit_member" });
    db.insert(userVisits)
      .values([402, 401, 400, 399, 30, 0].map((daysAgo) => ({ userId, day: day(daysAgo) })))
      .run();
    expect(env().VISIT_RETENTION_DAYS).toBe(400);
    expect(cleanUp(now).visits).toBe(2);
    expect(
      db
        .select({ day: userVisits.day })
        .from(userVisits)
        .all()
        .map((v) => v.day),
    ).toEqual([day(400), day(399), day(30), day(0)]);
  });

  it("deletes member days older than the member rule reads, and a week more (DECAY_DAYS + 7)", async () => {
    const now = new Date("2026-11-26T03:00:00Z");
    const day = (daysAgo: number) => communityDay(now.getTime() - daysAgo * DAY_MS);
    const { id: userId } = await makeUser({ handle: "days_member" });
    const kept = DECAY_DAYS + 7;
    db.insert(memberDays)
      .values(
        [kept + 30, kept, kept - 1, 3].map((daysAgo) => ({ userId, day: day(daysAgo), weighted: 2, contributions: 1 })),
      )
      .run();
    expect(cleanUp(now).memberDays).toBe(2);
    expect(
      db
        .select({ day: memberDays.day })
        .from(memberDays)
        .all()
        .map((d) => d.day),
    ).toEqual([day(kept - 1), day(3)]);
  });

  it("clears suspensions and silences past their end date, and keeps those still running or indefinite", async () => {
    const now = new Date("2026-11-26T03:00:00Z");
    const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
    const lapsed = await makeUser({ handle: "lapsed_member" });
    const running = await makeUser({ handle: "running_member" });
    const forever = await makeUser({ handle: "forever_member" });
    const set = (id: number, values: Partial<typeof users.$inferInsert>) =>
      db.update(users).set(values).where(eq(users.id, id)).run();
    set(lapsed.id, {
      suspendedAt: at(-8),
      suspendedUntil: at(-1),
      suspendReason: "spam",
      silencedAt: at(-8),
      silencedUntil: at(-1),
    });
    set(running.id, { suspendedAt: at(-1), suspendedUntil: at(6), suspendReason: "spam" });
    set(forever.id, { suspendedAt: at(-1), suspendedUntil: null, suspendReason: "abuse" });
    expect(cleanUp(now).restrictions).toBe(2); // the lapsed suspension and the lapsed silence
    const state = (id: number) => db.select().from(users).where(eq(users.id, id)).get()!;
    expect(state(lapsed.id)).toMatchObject({
      suspendedAt: null,
      suspendedUntil: null,
      suspendReason: "",
      silencedAt: null,
    });
    expect(isSuspended(state(running.id), now.getTime())).toBe(true);
    expect(isSuspended(state(running.id), at(7).getTime())).toBe(false);
    expect(isSuspended(state(forever.id), at(10_000).getTime())).toBe(true);
  });

  it("is planned once a day; the backup only with BACKUP_DAILY", () => {
    expect(env().BACKUP_DAILY).toBe(false);
    scheduleDailyJobs(new Date("2026-11-27T00:10:00Z"));
    scheduleDailyJobs(new Date("2026-11-27T23:10:00Z"));
    scheduleDailyJobs(new Date("2026-11-28T00:10:00Z"), { backup: true });
    const planned = db
      .select({ key: jobs.key })
      .from(jobs)
      .where(like(jobs.key, "%:2026-11-2_"))
      .all()
      .map((j) => j.key)
      .sort();
    expect(planned).toEqual([
      "backup:2026-11-28",
      "cleanup:2026-11-27",
      "cleanup:2026-11-28",
      "member-matches:2026-11-27",
      "member-matches:2026-11-28",
    ]);
  });
});

describe("daily backup job", () => {
  it("writes a checked backup beside the database, as npm run backup does", async () => {
    db.delete(jobs).run();
    scheduleDailyJobs(new Date(), { backup: true });
    await runDueJobs(JOB_HANDLERS);
    expect(db.select({ kind: jobs.kind, status: jobs.status, lastError: jobs.lastError }).from(jobs).all()).toEqual([
      { kind: "cleanup", status: "done", lastError: null },
      { kind: "rebake", status: "done", lastError: null },
      { kind: "backup", status: "done", lastError: null },
      { kind: "member-matches", status: "done", lastError: null },
    ]);
    const dir = backupDirectory(env().DATABASE_PATH);
    const [file, ...more] = fs.readdirSync(dir);
    expect(more).toEqual([]);
    expect(file).toMatch(/^test-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.db$/);
    const copy = new Database(path.join(dir, file), { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.prepare("select count(*) from users where handle = 'cleanup_member'").pluck().get()).toBe(1);
    copy.close();
  }, 30_000);
});
