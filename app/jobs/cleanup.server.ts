/**
 * The daily clean-up: deletes rows that have served their purpose and would otherwise pile up for
 * ever. What is kept how long is listed in docs/operations.md (Retention).
 */
import { pruneMemberDays } from "~/models/health-members.server";
import { pruneAttempts } from "~/models/login-throttle.server";
import { clearLapsedRestrictions } from "~/models/suspension.server";
import { pruneVisits } from "~/models/visit.server";
import { deleteExpiredSessions } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { pruneFinishedJobs } from "~/utils/jobs.server";
import { DAY_MS } from "~/utils/time";

/** Finished jobs stay a month, for an operator looking into a failed email. */
export const FINISHED_JOBS_KEPT_MS = 30 * DAY_MS;

export function cleanUp(now = new Date()) {
  return {
    sessions: deleteExpiredSessions(now),
    jobs: pruneFinishedJobs(new Date(now.getTime() - FINISHED_JOBS_KEPT_MS)),
    attempts: pruneAttempts(now.getTime()),
    visits: pruneVisits(env().VISIT_RETENTION_DAYS, now),
    memberDays: pruneMemberDays(now),
    // Suspensions and silences past their end date: isSuspended already ignores them; this clears the columns.
    restrictions: clearLapsedRestrictions(now),
  };
}
