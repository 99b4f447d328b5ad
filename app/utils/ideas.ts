/** What the ideas pages share with the browser: the orders of /ideas (statuses are IDEA_STATUSES in db/enums.ts). */
export const IDEA_SORTS = ["votes", "trending", "newest"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];
