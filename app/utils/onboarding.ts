/** The newcomer's checklist (docs/following.md): its steps in order and where each is done. Shared with the browser. */
export const CHECKLIST_STEPS = ["profile", "tags", "vote", "contribute", "rsvp"] as const;
export type ChecklistStep = (typeof CHECKLIST_STEPS)[number];

export const STEP_LINKS: Record<ChecklistStep, string> = {
  profile: "/settings",
  tags: "/welcome#suggested-tags",
  vote: "/questions",
  contribute: "/questions/ask",
  rsvp: "/events",
};

/** Tags a member follows to tick "follow three tags". */
export const TAGS_TO_FOLLOW = 3;
