/**
 * What /health suggests a lead does about a flagged member, from the causes found in the data and what
 * the community offers them now: a meetup in their tags and city, a question in their tags waiting for an
 * answer (docs/health.md, "Flagged members"). Shared by the page and the CSV; no database here.
 */
export type CauseKind = "no_response" | "unanswered" | "no_meetup" | "org_declining";
export type Suggestion = "recognise" | "invite" | "answer" | "nudge";
export type TodoTarget = { id: number; title: string };
export type SuggestedAction = { kind: Suggestion; target?: TodoTarget };

/**
 * Their work got no reaction → recognise it (a thank-you, featuring the post): a nudge to do more of
 * what went unnoticed misses the point. Missing meetups and one in their tags and city is coming → invite
 * them to it. A question in their tags is waiting for an answer → ask them to answer it. Otherwise a
 * meetup that fits, else a personal nudge.
 */
export function suggestedAction(
  causes: { kind: CauseKind }[],
  { meetup, question }: { meetup: TodoTarget | null; question: TodoTarget | null },
): SuggestedAction {
  const kinds = new Set(causes.map((c) => c.kind));
  if (kinds.has("no_response")) return { kind: "recognise" };
  if (meetup && kinds.has("no_meetup")) return { kind: "invite", target: meetup };
  if (question) return { kind: "answer", target: question };
  if (meetup) return { kind: "invite", target: meetup };
  return { kind: "nudge" };
}

export type TodoMember = { userId: number; location: string; tagIds: number[]; going: number[] };
export type TodoMeetup = TodoTarget & { city: string; online: boolean; tagIds: number[] };
export type TodoQuestion = TodoTarget & { authorId: number; tagIds: number[] };

/**
 * For each member, the first meetup (in the order given: soonest first) that shares a tag with them and
 * is online or in their city (their profile's location names it), which they have not said they are going
 * to; and the first waiting question (in the order given: longest waiting first) in one of their tags that
 * is not their own.
 */
export function todoTargets(members: TodoMember[], meetups: TodoMeetup[], questions: TodoQuestion[]) {
  const target = ({ id, title }: TodoTarget) => ({ id, title });
  return new Map(
    members.map((m) => {
      const tags = new Set(m.tagIds);
      const location = m.location.toLowerCase();
      const meetup = meetups.find(
        (e) =>
          e.tagIds.some((id) => tags.has(id)) &&
          (e.online || (e.city !== "" && location.includes(e.city.toLowerCase()))) &&
          !m.going.includes(e.id),
      );
      const question = questions.find((q) => q.authorId !== m.userId && q.tagIds.some((id) => tags.has(id)));
      return [
        m.userId,
        { meetup: meetup ? target(meetup) : null, question: question ? target(question) : null },
      ] as const;
    }),
  );
}
