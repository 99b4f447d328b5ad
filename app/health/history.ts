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

/**
 * The verdicts given on the last `verdicts` Mondays. `weeks`: consecutive Mondays, oldest first, ending
 * with the current week, at least TEST_WEEKS + verdicts long; `rows`: member_weeks over them. Each verdict
 * is the report's own rule (trendNumbers) over the TEST_WEEKS weeks before its Monday. Only members whose
 * plain reading halved are judged in full: the rule flags no one else (the plain reading must show the
 * drop), and at 100k members it saves nine calls in ten. history.test.ts holds the latest verdict to the
 * report's flagged members.
 */
/**
 * `current`: the report's own verdict (members judged on 7-day windows ending now, health-members.server.ts),
 * which stands for the latest week's; the weeks before replay the weekly rule over member_weeks.
 */
export function flagHistory(
  rows: WeekRow<number>[],
  weeks: string[],
  verdicts = HISTORY_WEEKS,
  current?: Map<number, FlagState>,
): FlagHistory {
  const first = weeks.length - verdicts;
  const judged = Array<number>(verdicts).fill(0);
  const cooling = Array<number>(verdicts).fill(0);
  const members: FlaggedInHistory[] = [];
  for (const [userId, s] of seriesBy(rows, weeks)) {
    const prefix = [0];
    for (const w of s.weighted) prefix.push(prefix[prefix.length - 1] + w);
    let states = "";
    let since = -1;
    for (let v = first; v < weeks.length; v++) {
      // The verdict of week v judges weeks v - TEST_WEEKS … v - 1.
      const baseline = (prefix[v - RECENT_WEEKS] - prefix[v - RECENT_WEEKS - BASELINE_WEEKS]) / BASELINE_WEEKS;
      const recent = (prefix[v] - prefix[v - RECENT_WEEKS]) / RECENT_WEEKS;
      let state: FlagState | null = null;
      if (baseline >= 0.5) {
        judged[v - first]++;
        if (current && v === weeks.length - 1) state = current.get(userId) ?? null;
        else if (recent < 0.5 * baseline) {
          const window = { weighted: s.weighted.slice(v - TEST_WEEKS, v), counts: s.counts.slice(v - TEST_WEEKS, v) };
          state = trendNumbers(window).state;
        }
      }
      if (state === "cooling") cooling[v - first]++;
      if (state && since < 0) since = v;
      states += state ? LETTER[state] : "-";
    }
    if (since < 0) continue;
    // Back: any contribution in the verdict's week or the three after it (the current week so far included).
    const back = s.counts.slice(since, since + 4).findIndex((c) => c > 0);
    members.push({
      userId,
      states,
      since: weeks[since],
      state: stateAt({ states } as FlaggedInHistory, since - first)!,
      backWeek: back < 0 ? null : weeks[since + back],
    });
  }
  return { weeks: weeks.slice(first), judged, cooling, members };
}
