/** The end dates a lead picks for a suspension or silence: days from now, or indefinite (docs/moderation.md). */
export const RESTRICTION_DAYS = ["1", "3", "7", "30", "90", "indefinite"] as const;
export type RestrictionDays = (typeof RESTRICTION_DAYS)[number];
