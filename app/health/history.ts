/**
 * The rule's verdicts at each of the last weeks (docs/health.md, "Early warning" and "Come-back rate"):
 * how many members were judged and how many were cooling at each (the cooling share's trend), and who was
 * flagged when (the members a nudge is compared with). Pure: the model passes the member_weeks rows.
 */
import { BASELINE_WEEKS, RECENT_WEEKS, TEST_WEEKS } from "./rules";
import { seriesBy, trendNumbers, type WeekRow } from "./series";

/** How many weekly verdicts back the history goes (the latest is the report's own). */
export const HISTORY_WEEKS = 12;

export type FlagState = "cooling" | "gone_quiet";
const LETTER = { cooling: "c", gone_quiet: "q" } as const;

export type FlaggedInHistory = {
  userId: number;
  /** One letter per verdict, oldest first: "-" not flagged, "c" cooling, "q" gone quiet. */
  states: string;
  /** The week of their first flag's verdict, their state then, and the first week within 4 weeks from it they contributed in. */
  since: string;
  state: FlagState;
  backWeek: string | null;
};

export type FlagHistory = {
  /**
   * The Monday each verdict was given on (oldest first): the verdict of week i judges the complete weeks
   * before it, as the report does all that week.
   */
  weeks: string[];
  /** Members with enough baseline to be judged at each verdict, and how many of them were cooling. */
  judged: number[];
  cooling: number[];
  members: FlaggedInHistory[];
};

export const stateAt = (member: FlaggedInHistory, i: number): FlagState | null =>
  member.states[i] === "c" ? "cooling" : member.states[i] === "q" ? "gone_quiet" : null;

/** One verdict: how many members it could judge, how many were cooling, and who it flagged. */
export type WeekVerdict = { week: string; judged: number; cooling: number; flagged: [number, FlagState][] };

/**
 * The weekly rule's verdicts given on `weeks[v]` for each index v of `at`. `weeks`: consecutive Mondays,
 * oldest first; `rows`: member_weeks over the TEST_WEEKS weeks before each of them. Each verdict is the
 * report's weekly rule (trendNumbers) over the TEST_WEEKS weeks before its Monday. Only members whose plain
 * reading halved are judged in full: the rule flags no one else (the plain reading must show the drop), and
 * at 100k members it saves nine calls in ten.
 */
export function weeklyVerdicts(rows: WeekRow<number>[], weeks: string[], at: number[]): WeekVerdict[] {
  const verdicts: WeekVerdict[] = at.map((v) => ({ week: weeks[v], judged: 0, cooling: 0, flagged: [] }));
  for (const [userId, s] of seriesBy(rows, weeks)) {
    const prefix = [0];
    for (const w of s.weighted) prefix.push(prefix[prefix.length - 1] + w);
    at.forEach((v, i) => {
      // The verdict of week v judges weeks v - TEST_WEEKS … v - 1.
      const baseline = (prefix[v - RECENT_WEEKS] - prefix[v - RECENT_WEEKS - BASELINE_WEEKS]) / BASELINE_WEEKS;
      const recent = (prefix[v] - prefix[v - RECENT_WEEKS]) / RECENT_WEEKS;
      if (baseline < 0.5) return;
      verdicts[i].judged++;
      if (recent >= 0.5 * baseline) return;
      const window = { weighted: s.weighted.slice(v - TEST_WEEKS, v), counts: s.counts.slice(v - TEST_WEEKS, v) };
      const state = trendNumbers(window).state;
      if (state === "cooling") verdicts[i].cooling++;
      if (state) verdicts[i].flagged.push([userId, state]);
    });
  }
  return verdicts;
}

/**
 * The history from its verdicts (oldest first, one a week) and, for the members they flagged, their
 * contributions in each of those weeks (`counts`, same order; for the week they came back in).
 */
export function historyOf(verdicts: WeekVerdict[], counts: Map<number, number[]>): FlagHistory {
  const states = new Map<number, string[]>();
  verdicts.forEach((verdict, i) => {
    for (const [userId, state] of verdict.flagged) {
      if (!states.has(userId)) states.set(userId, Array<string>(verdicts.length).fill("-"));
      states.get(userId)![i] = LETTER[state];
    }
  });
  const weeks = verdicts.map((v) => v.week);
  const members = [...states].map(([userId, letters]): FlaggedInHistory => {
    const since = letters.findIndex((l) => l !== "-");
    // Back: any contribution in the verdict's week or the three after it (the current week so far included).
    const back = (counts.get(userId) ?? []).slice(since, since + 4).findIndex((c) => c > 0);
    const member = {
      userId,
      states: letters.join(""),
      since: weeks[since],
      backWeek: back < 0 ? null : weeks[since + back],
    };
    return { ...member, state: stateAt(member as FlaggedInHistory, since)! };
  });
  return { weeks, judged: verdicts.map((v) => v.judged), cooling: verdicts.map((v) => v.cooling), members };
}

/** Each member's contributions in each of `weeks`, from their member_weeks rows. */
export function countsOf(rows: WeekRow<number>[], weeks: string[]) {
  return new Map([...seriesBy(rows, weeks)].map(([userId, s]) => [userId, s.counts]));
}
