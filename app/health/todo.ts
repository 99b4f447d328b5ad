/**
 * What /health suggests a lead does about a flagged member, from the causes found in the data
 * (docs/health.md, "Flagged members"). Shared by the page and the CSV; no database here.
 */
export type CauseKind = "no_response" | "unanswered" | "no_meetup" | "org_declining";
export type Suggestion = "recognise" | "invite" | "nudge";

/**
 * Their work got no reaction → recognise it (a thank-you, featuring the post): a nudge to do more of
 * what went unnoticed misses the point. No meetup in 90 days and one is coming → invite them.
 * Otherwise a personal nudge.
 */
export function suggestedAction(
  causes: { kind: CauseKind }[],
  { upcomingMeetup }: { upcomingMeetup: boolean },
): Suggestion {
  const kinds = new Set(causes.map((c) => c.kind));
  if (kinds.has("no_response")) return "recognise";
  if (kinds.has("no_meetup") && upcomingMeetup) return "invite";
  return "nudge";
}
