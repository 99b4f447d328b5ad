/**
 * The come-back rate of nudges (docs/health.md, "Come-back rate"): a nudged member who contributes
 * within 4 weeks of their latest nudge came back. Pure: the model reads each nudge and the first
 * contribution after it in one query.
 */
import { DAY_MS } from "~/utils/time";

/** A nudge's window: a nudged member who contributes within it came back. */
export const COMEBACK_DAYS = 28;

export type NudgeOutcome = { userId: number; nudgedAt: Date; backAt: Date | null; pending: boolean };

/**
 * Back at their first contribution within the window (counted the moment they contribute, not when the
 * window closes), pending while the window is open and they have not, otherwise not back.
 */
export function nudgeOutcome(row: { userId: number; at: number; backAt: number | null }, now: Date): NudgeOutcome {
  return {
    userId: row.userId,
    nudgedAt: new Date(row.at),
    backAt: row.backAt === null ? null : new Date(row.backAt),
    pending: row.backAt === null && row.at + COMEBACK_DAYS * DAY_MS > now.getTime(),
  };
}

/** Of the nudged members, how many came back, and how many are still within their 4 weeks. */
export function comebackRate(outcomes: NudgeOutcome[]) {
  return {
    nudged: outcomes.length,
    cameBack: outcomes.filter((o) => o.backAt).length,
    pending: outcomes.filter((o) => o.pending).length,
  };
}

/** What a flagged member's to-do says about their latest nudge (dates as ISO strings for the page). */
export type FollowUp = { nudgedAt: string; backAt: string | null; daysLeft: number | null };

export function followUp(outcome: NudgeOutcome, now: Date): FollowUp {
  const daysLeft = outcome.pending
    ? Math.ceil((outcome.nudgedAt.getTime() + COMEBACK_DAYS * DAY_MS - now.getTime()) / DAY_MS)
    : null;
  return { nudgedAt: outcome.nudgedAt.toISOString(), backAt: outcome.backAt?.toISOString() ?? null, daysLeft };
}
