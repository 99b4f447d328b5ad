/** Reputation rules pages show as well as enforce (docs: README "Reputation"); the ledger lives in reputation.server.ts. */

/** Upvotes earn a member at most this many points per community-time day. */
export const DAILY_VOTE_CAP = 200;

export const PERIODS = ["week", "month", "year", "all"] as const;
export type Period = (typeof PERIODS)[number];
