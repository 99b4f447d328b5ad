/** Every kind of durable job and its handler (see app/utils/jobs.server.ts). */
import { startScheduler, type JobHandler } from "~/utils/jobs.server";
import { enqueueWeeklyDigests, scheduleWeeklyDigest, sendDigestEmail } from "./digest.server";
import { sendNotificationEmail, sendPasswordResetEmail } from "./emails.server";

export const JOB_HANDLERS: Record<string, JobHandler> = {
  "notification-email": sendNotificationEmail,
  "password-reset-email": sendPasswordResetEmail,
  "weekly-digest": enqueueWeeklyDigests,
  "digest-email": sendDigestEmail,
};

const HOUR_MS = 60 * 60 * 1000;

/** The in-process scheduler every server process runs; it also makes sure this week's digest is planned. */
export function startJobScheduler() {
  let plannedAt = 0;
  return startScheduler(JOB_HANDLERS, {
    onTick: () => {
      if (Date.now() - plannedAt < HOUR_MS) return;
      plannedAt = Date.now();
      scheduleWeeklyDigest();
    },
  });
}
