/** The states /questions filters by; shared by the list page and the query in post-queries.server.ts. */
export const QUESTION_STATES = ["unanswered", "answered", "accepted"] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];
