/** The closed sets of values the schema stores: plain constants with no database code, so browser code may import them. */
export const ROLES = ["member", "expert", "lead", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ["en", "nl"] as const;
export type Locale = (typeof LOCALES)[number];
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const ORG_KINDS = ["vendor", "customer", "partner"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const RELATIONS = ["employee", "customer", "partner"] as const;
export type Relation = (typeof RELATIONS)[number];
export const POST_KINDS = ["article", "question", "answer", "comment", "idea"] as const;
export type PostKind = (typeof POST_KINDS)[number];
/** `hidden`: by flags or a lead, pending review; `held`: by the spam rules, never yet shown (docs/moderation.md). */
export const POST_STATUSES = ["published", "deleted", "hidden", "held"] as const;
export type PostStatus = (typeof POST_STATUSES)[number];
/** Where an idea stands (co-creation, docs/ideas.md): set by the addressed organisation's employees and leads. */
export const IDEA_STATUSES = ["new", "under_review", "planned", "in_progress", "done", "declined"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
/** The statuses that keep an idea's `planned` credit to its author (reputation and the Co-creator badge). */
export const IDEA_CREDITED_STATUSES: readonly IdeaStatus[] = ["planned", "in_progress", "done"];
export const FLAG_REASONS = ["spam", "offensive", "off_topic", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const FLAG_STATUSES = ["open", "upheld", "dismissed"] as const;
export const ACTIVITY_VERBS = [
  "article",
  "question",
  "answer",
  "comment",
  "answer_accepted",
  "answer_unaccepted",
  "vote",
  "badge",
  "rsvp",
  "attended",
  "hosted",
  "reminded",
  "idea",
] as const;
export type ActivityVerb = (typeof ACTIVITY_VERBS)[number];
export const NOTIFICATION_KINDS = [
  "answer",
  "comment",
  "accepted",
  "mention",
  "waitlist_promoted",
  "event_reminder",
  "event_changed",
  "badge",
  "nudge",
  "ask_expert",
  "moderation",
  "followed_question",
  "following",
  "idea_status",
  "idea_merged",
  "routed_question",
  "introduction",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_CHANNELS = ["in_app", "email", "off"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/** What a member can follow (docs/following.md); the target is the tag's, member's, post's or meetup's id. */
export const FOLLOW_KINDS = ["tag", "member", "question", "idea", "event"] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];
export const JOB_STATUSES = ["pending", "running", "done", "failed"] as const;
export const REPUTATION_REASONS = [
  "upvote",
  "downvote",
  "downvote_cast",
  "accepted",
  "accept_given",
  "hosted_meetup",
  "checked_in",
  "idea_planned",
] as const;
export type ReputationReason = (typeof REPUTATION_REASONS)[number];
export const EVENT_STATUSES = ["scheduled", "cancelled"] as const;
export const RSVP_STATUSES = ["going", "waitlist", "maybe", "not_going"] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];
