/** Every kind of durable job and its handler (see app/utils/jobs.server.ts). */
import { awardBadges } from "~/models/badge.server";
import { sendEventReminders } from "~/models/event-reminder.server";
import { refreshHealthSnapshotInProcess } from "./health-snapshot.server";
import { writeTransaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { enqueueJob, startScheduler, type JobHandler } from "~/utils/jobs.server";
import { enqueueWeeklyDigests, scheduleWeeklyDigest, sendDigestEmail } from "./digest.server";
import { enqueueHealthDigests, scheduleHealthDigest, sendHealthDigest } from "./health-digest.server";
import { runBackupScript } from "./backup.server";
import { cleanUp } from "./cleanup.server";
import { rebake } from "./rebake.server";
import { routeQuestion } from "~/models/routing.server";
import { MARKDOWN_VERSION } from "~/utils/markdown.server";
import { sendNotificationEmail, sendPasswordResetEmail } from "./emails.server";
import { computeMemberMatchesInProcess } from "./member-matches.server";

export const JOB_HANDLERS: Record<string, JobHandler> = {
  "notification-email": sendNotificationEmail,
  "password-reset-email": sendPasswordResetEmail,
  "weekly-digest": enqueueWeeklyDigests,
  "digest-email": sendDigestEmail,
  badges: (payload) => void awardBadges(new Date(Number(payload.at))),
  "event-reminder": (payload) => sendEventReminders(Number(payload.eventId), Number(payload.startsAt)),
  "health-digest": enqueueHealthDigests,
  "health-snapshot": (payload) => refreshHealthSnapshotInProcess(new Date(Number(payload.at))),
  "health-digest-email": sendHealthDigest,
  cleanup: (payload) => void cleanUp(new Date(Number(payload.at))),
  backup: runBackupScript,
  rebake,
  "route-question": (payload) => void routeQuestion(Number(payload.questionId), Number(payload.round)),
  "member-matches": (payload) => computeMemberMatchesInProcess(new Date(Number(payload.at))),
};

/** Badges are awarded by a job once an hour (idempotent: a second run awards nothing). */
export function scheduleBadgeAwards(now = new Date()) {
  const hour = now.toISOString().slice(0, 13);
  writeTransaction((tx) =>
    enqueueJob(tx, { kind: "badges", key: `badges:${hour}`, payload: { at: now.getTime() }, runAt: now }),
  );
}

/**
 * Once a day (UTC): the clean-up, HTML rendered with an older markdown pipeline rendered again (a run with
 * nothing to do costs one index lookup), a backup when BACKUP_DAILY is set (docs/operations.md), and the
 * people-you-should-meet suggestions (docs/people-to-meet.md).
 */
export function scheduleDailyJobs(now = new Date(), { backup = env().BACKUP_DAILY } = {}) {
  const day = now.toISOString().slice(0, 10);
  writeTransaction((tx) => {
    enqueueJob(tx, { kind: "cleanup", key: `cleanup:${day}`, payload: { at: now.getTime() }, runAt: now });
    enqueueJob(tx, { kind: "rebake", key: `rebake:${MARKDOWN_VERSION}:${day}:0`, payload: { day }, runAt: now });
    if (backup) enqueueJob(tx, { kind: "backup", key: `backup:${day}`, runAt: now });
    enqueueJob(tx, {
      kind: "member-matches",
      key: `member-matches:${day}`,
      payload: { at: now.getTime() },
      runAt: now,
    });
  });
}

const HOUR_MS = 60 * 60 * 1000;

/** The in-process scheduler every server process runs; it also plans this week's digest, this hour's badges and today's clean-up. */
export function startJobScheduler() {
  let plannedAt = 0;
  return startScheduler(JOB_HANDLERS, {
    onTick: () => {
      if (Date.now() - plannedAt < HOUR_MS) return;
      plannedAt = Date.now();
      scheduleWeeklyDigest();
      scheduleBadgeAwards();
      scheduleHealthDigest();
      scheduleDailyJobs();
      const now = new Date();
      writeTransaction((tx) =>
        enqueueJob(tx, {
          kind: "health-snapshot",
          key: `health-snapshot:${now.toISOString().slice(0, 13)}`,
          payload: { at: now.getTime() },
          runAt: now,
        }),
      );
    },
  });
}
