import type { ActivityVerb } from "~db/enums";

/** Contribution weights (docs/product.md, "Engagement-decay monitoring"). Withdrawn acceptance subtracts. */
export const CONTRIBUTION_WEIGHTS: Partial<Record<ActivityVerb, number>> = {
  article: 3,
  answer_accepted: 3,
  answer_unaccepted: -3,
  answer: 2,
  hosted: 3,
  question: 1,
  idea: 1,
  comment: 0.5,
};

/** Reading and taking part, not producing: readers vs producers. */
export const PARTICIPATION_VERBS: ActivityVerb[] = ["vote", "rsvp", "attended"];

/** The verbs that count as a contribution (a positive weight): a nudged member who does one came back. */
export const CONTRIBUTING_VERBS = Object.entries(CONTRIBUTION_WEIGHTS)
  .filter(([, weight]) => weight! > 0)
  .map(([verb]) => verb as ActivityVerb);
