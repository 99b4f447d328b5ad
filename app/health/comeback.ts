/**
 * The come-back rate of nudges (docs/health.md, "Come-back rate"): a nudged member who contributes
 * within 4 weeks of their latest nudge came back. Pure: the model reads each nudge and the first
 * contribution after it in one query.
 */
import { communityMidnight, communityWeek, DAY_MS } from "~/utils/time";
import { stateAt, type FlaggedInHistory, type FlagHistory, type FlagState } from "./history";

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

export type ComebackGroup = { count: number; back: number; pending: number };
export type ComebackComparison = Record<FlagState | "all", { nudged: ComebackGroup; notNudged: ComebackGroup }>;

/**
 * A history's members by id, and when each one's first flag started (ms), made once per history a process reads:
 * the history is a snapshot's, shared by every view, and at 100k members it lists about two thousand.
 */
const indexes = new WeakMap<FlaggedInHistory[], { flagged: Map<number, FlaggedInHistory>; starts: number[] }>();

function historyIndex(members: FlaggedInHistory[]) {
  let index = indexes.get(members);
  if (!index) {
    index = {
      flagged: new Map(members.map((m) => [m.userId, m])),
      starts: members.map((m) => communityMidnight(m.since).getTime()),
    };
    indexes.set(members, index);
  }
  return index;
}

/**
 * Nudged members against similar ones who were not (docs/health.md, "Come-back rate"): both flagged by
 * the weekly verdicts of the history, split by their state then. A nudged member's state is the verdict of
 * the week they were nudged in (or the next: a nudge can come before the weekly verdict flags them); nudges
 * before the history, or of members it never flagged, are left out. The others are members the history
 * flagged who got no nudge or invitation from 4 weeks before their first flag on; their 4 weeks start at
 * that verdict, and they are back at their first contribution in them. `contacted`: when each member was
 * nudged or invited.
 */
export function compareComeback(
  outcomes: NudgeOutcome[],
  history: Pick<FlagHistory, "weeks" | "members">,
  contacted: Map<number, number[]>,
  now: Date,
): ComebackComparison {
  const group = () => ({ count: 0, back: 0, pending: 0 });
  const result = Object.fromEntries(
    (["cooling", "gone_quiet", "all"] as const).map((s) => [s, { nudged: group(), notNudged: group() }]),
  ) as ComebackComparison;
  const add = (state: FlagState, side: "nudged" | "notNudged", back: boolean, pending: boolean) => {
    for (const g of [result[state][side], result.all[side]]) {
      g.count++;
      if (back) g.back++;
      if (pending) g.pending++;
    }
  };
  const { flagged, starts } = historyIndex(history.members);
  for (const o of outcomes) {
    const member = flagged.get(o.userId);
    const week = history.weeks.indexOf(communityWeek(o.nudgedAt));
    const state = member && week >= 0 ? (stateAt(member, week) ?? stateAt(member, week + 1)) : null;
    if (state) add(state, "nudged", o.backAt !== null, o.pending);
  }
  for (const [i, member] of history.members.entries()) {
    const from = starts[i];
    if (contacted.get(member.userId)?.some((at) => at >= from - COMEBACK_DAYS * DAY_MS)) continue;
    const back = member.backWeek !== null;
    add(member.state, "notNudged", back, !back && from + COMEBACK_DAYS * DAY_MS > now.getTime());
  }
  return result;
}

/** What a flagged member's to-do says about their latest nudge (dates as ISO strings for the page). */
export type FollowUp = { nudgedAt: string; backAt: string | null; daysLeft: number | null };

export function followUp(outcome: NudgeOutcome, now: Date): FollowUp {
  const daysLeft = outcome.pending
    ? Math.ceil((outcome.nudgedAt.getTime() + COMEBACK_DAYS * DAY_MS - now.getTime()) / DAY_MS)
    : null;
  return { nudgedAt: outcome.nudgedAt.toISOString(), backAt: outcome.backAt?.toISOString() ?? null, daysLeft };
}
