import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import {
  ROLES,
  LOCALES,
  THEMES,
  ORG_KINDS,
  RELATIONS,
  POST_KINDS,
  POST_STATUSES,
  ACTIVITY_VERBS,
  NOTIFICATION_KINDS,
  NOTIFICATION_CHANNELS,
  JOB_STATUSES,
  REPUTATION_REASONS,
  EVENT_STATUSES,
  RSVP_STATUSES,
  FLAG_REASONS,
  FLAG_STATUSES,
  FOLLOW_KINDS,
  IDEA_STATUSES,
} from "./enums";

export * from "./enums";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    handle: text("handle").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("member"),
    locale: text("locale", { enum: LOCALES }),
    theme: text("theme", { enum: THEMES }).notNull().default("system"),
    headline: text("headline").notNull().default(""),
    bio: text("bio").notNull().default(""),
    location: text("location").notNull().default(""),
    /**
     * The member's profile photo (docs/media.md): the SHA-256 prefix naming its re-encoded files under
     * data/avatars/ (`<hash>-256.webp`, `<hash>-64.webp`); null shows the initials avatar.
     */
    avatarFile: text("avatar_file"),
    /** The weekly email for members who have not visited in a week. */
    digest: text("digest", { enum: ["weekly", "off"] })
      .notNull()
      .default("weekly"),
    /** The sum of the member's reputation_events, kept in step in the same transactions (npm run reputation:verify). */
    reputation: integer("reputation").notNull().default(0),
    /** The member's latest contribution or vote (for "recent activity" in the directory). */
    lastActiveAt: integer("last_active_at", { mode: "timestamp_ms" }),
    /** Milestones of the member journey on /health: first contribution, vote or RSVP, question, answer or article. */
    firstContributedAt: integer("first_contributed_at", { mode: "timestamp_ms" }),
    firstParticipatedAt: integer("first_participated_at", { mode: "timestamp_ms" }),
    firstAskedAt: integer("first_asked_at", { mode: "timestamp_ms" }),
    firstProducedAt: integer("first_produced_at", { mode: "timestamp_ms" }),
    /**
     * The SHA-256 (hex) of the secret in the member's personal calendar address (/calendar/:token.ics): the
     * address is shown once, when made in /settings, and cannot be read back (docs/accounts.md).
     */
    calendarTokenHash: text("calendar_token_hash"),
    /** When the calendar address was made; null for addresses made before it was recorded. */
    calendarTokenCreatedAt: integer("calendar_token_created_at", { mode: "timestamp_ms" }),
    /** Suspension (docs/moderation.md): no log-in, no sessions, no email; lifts itself at `suspendedUntil` (null: indefinite). */
    suspendedAt: integer("suspended_at", { mode: "timestamp_ms" }),
    suspendedUntil: integer("suspended_until", { mode: "timestamp_ms" }),
    suspendReason: text("suspend_reason").notNull().default(""),
    /** Silenced members read but cannot post, comment, vote, flag or RSVP until `silencedUntil` (null: indefinite). */
    silencedAt: integer("silenced_at", { mode: "timestamp_ms" }),
    silencedUntil: integer("silenced_until", { mode: "timestamp_ms" }),
    /** Set at sign-up from a busy address (docs/moderation.md): the member's posts wait for a lead until one is approved. */
    reviewPosts: integer("review_posts", { mode: "boolean" }).notNull().default(false),
    /** When the member's personal data was erased (docs/privacy.md); the row stays as "former member". */
    erasedAt: integer("erased_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_handle_unique").on(sql`lower(${t.handle})`),
    uniqueIndex("users_email_unique").on(t.email),
    index("users_name_lower_idx").on(sql`lower(${t.name})`),
    index("users_created_at_idx").on(t.createdAt),
    index("users_reputation_idx").on(t.reputation),
    index("users_last_active_idx").on(t.lastActiveAt),
    uniqueIndex("users_calendar_token_hash_unique").on(t.calendarTokenHash),
  ],
);

/** Session ids are stored only as their SHA-256 hash (see app/utils/auth.server.ts). */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

/** Failed log-ins, counted per IP and per account to throttle guessing across all server processes. */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
);

export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    website: text("website").notNull().default(""),
    kind: text("kind", { enum: ORG_KINDS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("organisations_slug_unique").on(t.slug), index("organisations_name_idx").on(t.name)],
);

/** A member belongs to at most one organisation (user_id is the key). */
export const memberships = sqliteTable(
  "memberships",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    relation: text("relation", { enum: RELATIONS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId] }), index("memberships_org_id_idx").on(t.orgId, t.relation)],
);

/**
 * Sign in with your company (docs/accounts.md): an organisation's OpenID provider. The client secret is
 * stored sealed with AES-256-GCM (app/utils/secret-box.server.ts); `domains` lists, comma-separated, the
 * email domains the provider vouches for.
 */
export const oidcProviders = sqliteTable(
  "oidc_providers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    clientSecretSealed: text("client_secret_sealed").notNull(),
    domains: text("domains").notNull(),
    joinAsEmployee: integer("join_as_employee", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("oidc_providers_org_unique").on(t.orgId)],
);

/** A sign-in under way: single use, ten minutes. In the database, so any server process can finish it. */
export const oidcLogins = sqliteTable(
  "oidc_logins",
  {
    state: text("state").primaryKey(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    redirectTo: text("redirect_to").notNull().default("/"),
    createdAt: createdAt(),
  },
  (t) => [index("oidc_logins_created_at_idx").on(t.createdAt)],
);

/** Which account an identity at a provider (issuer + subject) signs in to. */
export const oidcIdentities = sqliteTable(
  "oidc_identities",
  {
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: integer("org_id").references(() => organisations.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index("oidc_identities_user_idx").on(t.userId)],
);

/**
 * What moderators and admins did (docs/moderation.md). Append-only: triggers refuse updates and deletes.
 * `subject` names what it was done to ("user:12", "post:40", "org:3"); `detail` holds the reason.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    subject: text("subject").notNull(),
    detail: text("detail").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_created_at_idx").on(t.createdAt),
    index("audit_log_action_idx").on(t.action, t.createdAt),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt),
    index("audit_log_subject_idx").on(t.subject, t.createdAt),
  ],
);

/**
 * Flags on posts (docs/moderation.md). `flaggerId` null: raised by the spam rules, which hold the post.
 * `weight` is fixed when flagged (established members weigh more); open flags of a post add up to hide it.
 */
export const flags = sqliteTable(
  "flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    flaggerId: integer("flagger_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason", { enum: FLAG_REASONS }).notNull(),
    note: text("note").notNull().default(""),
    weight: integer("weight").notNull().default(1),
    status: text("status", { enum: FLAG_STATUSES }).notNull().default("open"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolvedBy: integer("resolved_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("flags_status_post_idx").on(t.status, t.postId),
    index("flags_post_idx").on(t.postId),
    index("flags_flagger_idx").on(t.flaggerId),
    uniqueIndex("flags_open_unique")
      .on(t.postId, t.flaggerId)
      .where(sql`${t.status} = 'open' and ${t.flaggerId} is not null`),
  ],
);

/**
 * Articles, questions, answers and comments. Markdown is rendered and sanitised when written;
 * `bodyHtml` is what pages show. `score`, `answerCount` and `commentCount` are cached from
 * votes and children, updated in the same transaction as the write that changes them.
 */
export const posts = sqliteTable(
  "posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: POST_KINDS }).notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => posts.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull().default(""),
    slug: text("slug"),
    summary: text("summary").notNull().default(""),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    status: text("status", { enum: POST_STATUSES }).notNull().default("published"),
    score: integer("score").notNull().default(0),
    answerCount: integer("answer_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    acceptedAnswerId: integer("accepted_answer_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    lastActivityAt: integer("last_activity_at", { mode: "timestamp_ms" }).notNull(),
    /** A question's first answer (for "unanswered after 48 h" and time to first answer on /health). */
    firstAnswerAt: integer("first_answer_at", { mode: "timestamp_ms" }),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    /** Who deleted it: an author may restore only what they deleted themselves, not a lead's removal. */
    deletedBy: integer("deleted_by").references((): AnySQLiteColumn => users.id),
    /** The language it is written in, detected when written or edited; null when unknown (docs/content-language.md). */
    lang: text("lang", { enum: LOCALES }),
    /** The markdown pipeline's version `bodyHtml` was rendered with; the rebake job renders older ones again. */
    htmlVersion: integer("html_version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("posts_slug_unique").on(t.slug),
    index("posts_html_version_idx").on(t.htmlVersion),
    // first_answer_at too: /health reads every question's wait of a year without visiting the rows.
    index("posts_kind_status_created_idx").on(t.kind, t.status, t.createdAt, t.firstAnswerAt),
    index("posts_kind_status_activity_idx").on(t.kind, t.status, t.lastActivityAt),
    // Answers and comments of a post, in order: (parent, kind, status, created) makes this index the
    // obvious choice for the planner over (kind, status, …), whatever the statistics say.
    index("posts_parent_kind_status_created_idx").on(t.parentId, t.kind, t.status, t.createdAt),
    index("posts_author_idx").on(t.authorId, t.createdAt),
    // A member's best work (the profile): the top few by score read straight off the index.
    index("posts_author_kind_score_idx").on(t.authorId, t.kind, t.status, t.score, t.createdAt),
  ],
);

export const postRevisions = sqliteTable(
  "post_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    editorId: integer("editor_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    tags: text("tags").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("post_revisions_post_idx").on(t.postId, t.createdAt)],
);

export const tags = sqliteTable(
  "tags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    postCount: integer("post_count").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("tags_name_unique").on(t.name), index("tags_post_count_idx").on(t.postCount)],
);

/** Tags of articles and questions (answers and comments take their root post's tags). */
export const postTags = sqliteTable(
  "post_tags",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.tagId] }), index("post_tags_tag_idx").on(t.tagId, t.postId)],
);

export const votes = sqliteTable(
  "votes",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    value: integer("value").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.postId] }), index("votes_post_idx").on(t.postId)],
);

/**
 * What an idea (a post of kind `idea`) adds to the post: the organisation it is addressed to, its status, the
 * official response (markdown, rendered and sanitised when written) with who gave it, as whom and when, and
 * the idea it was merged into. `votes` is the count of its idea_votes, kept in the transaction that changes them.
 */
export const ideas = sqliteTable(
  "ideas",
  {
    postId: integer("post_id")
      .primaryKey()
      .references(() => posts.id, { onDelete: "cascade" }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    status: text("status", { enum: IDEA_STATUSES }).notNull().default("new"),
    votes: integer("votes").notNull().default(0),
    response: text("response").notNull().default(""),
    responseHtml: text("response_html").notNull().default(""),
    responderId: integer("responder_id").references(() => users.id, { onDelete: "set null" }),
    /** The responder's organisation and relation (or role, for a lead) when they answered: shown as given. */
    responderOrgName: text("responder_org_name").notNull().default(""),
    responderRole: text("responder_role").notNull().default(""),
    respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
    statusChangedAt: integer("status_changed_at", { mode: "timestamp_ms" }),
    mergedIntoId: integer("merged_into_id").references((): AnySQLiteColumn => posts.id, { onDelete: "set null" }),
  },
  (t) => [
    index("ideas_org_status_idx").on(t.orgId, t.status, t.votes),
    index("ideas_status_votes_idx").on(t.status, t.votes),
    index("ideas_votes_idx").on(t.votes),
  ],
);

/** Support for ideas: one row per member per idea (not reputation votes). */
export const ideaVotes = sqliteTable(
  "idea_votes",
  {
    ideaId: integer("idea_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ideaId, t.userId] }),
    index("idea_votes_user_idx").on(t.userId, t.createdAt),
    index("idea_votes_idea_created_idx").on(t.ideaId, t.createdAt),
  ],
);

export type Idea = typeof ideas.$inferSelect;

/**
 * Append-only log of every contribution and participation: who did what to which post, and when.
 * Reputation and community health are computed from it. For `answer_accepted` the actor is the
 * answer's author (the one credited) and `targetUserId` the asker who accepted.
 */
export const activities = sqliteTable(
  "activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: integer("actor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    verb: text("verb", { enum: ACTIVITY_VERBS }).notNull(),
    postId: integer("post_id").references(() => posts.id, { onDelete: "set null" }),
    eventId: integer("event_id").references((): AnySQLiteColumn => events.id, { onDelete: "set null" }),
    targetUserId: integer("target_user_id").references(() => users.id, { onDelete: "set null" }),
    value: integer("value"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("activities_actor_idx").on(t.actorId, t.createdAt), index("activities_created_idx").on(t.createdAt)],
);

export const activityTags = sqliteTable(
  "activity_tags",
  {
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.tagId] }), index("activity_tags_tag_idx").on(t.tagId, t.activityId)],
);

export type Post = typeof posts.$inferSelect;
export type Tag = typeof tags.$inferSelect;

/**
 * Versions of what cached pages show ("post:12", "list:question", "tag:sql", "members"…). A write bumps
 * the versions it affects in its own transaction; a cached page is served only while every version it
 * was rendered with is unchanged, so the page cache stays correct across processes and machines.
 */
export const cacheTags = sqliteTable("cache_tags", {
  tag: text("tag").primaryKey(),
  version: integer("version").notNull().default(0),
});

export type User = typeof users.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type OidcProvider = typeof oidcProviders.$inferSelect;

/** `email` means in the app and by email. */

/**
 * What a member is told about. `subject` names the thing it is about ("post:12", "event:3") so many
 * of one kind group together; `dedupeKey` makes a notification once-only (a mention per post).
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    title: text("title").notNull(),
    url: text("url").notNull(),
    message: text("message").notNull().default(""),
    dedupeKey: text("dedupe_key"),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_created_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx")
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
    uniqueIndex("notifications_dedupe_unique").on(t.userId, t.dedupeKey),
  ],
);

/** Only the choices a member changed; the rest follow DEFAULT_CHANNELS (app/models/notification.server.ts). */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    channel: text("channel", { enum: NOTIFICATION_CHANNELS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * What members follow (docs/following.md): a tag, a member, a question, an idea or a meetup, by its id (no
 * foreign key: the target's table depends on `kind`). `auto`: followed by asking or answering, not the button.
 */
export const follows = sqliteTable(
  "follows",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: FOLLOW_KINDS }).notNull(),
    targetId: integer("target_id").notNull(),
    auto: integer("auto", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.targetId] }), index("follows_target_idx").on(t.kind, t.targetId)],
);

/**
 * People you should meet (docs/people-to-meet.md): up to five suggestions per member, computed once a day by the
 * `member-matches` job and only read by pages. `rank` orders them (other organisations first); `reasons` is JSON
 * (MatchReason[] in app/utils/introductions.ts): each reason's code and the data behind it.
 */
export const memberMatches = sqliteTable(
  "member_matches",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    otherId: integer("other_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rank: integer("rank").notNull(),
    score: real("score").notNull(),
    reasons: text("reasons").notNull(),
    computedAt: integer("computed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.otherId] }), index("member_matches_other_idx").on(t.otherId)],
);

/** Every "say hello" (from, to, when): at most one per pair per INTRODUCTION_GAP_DAYS; /health counts what followed. */
export const introductions = sqliteTable(
  "introductions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fromId: integer("from_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    toId: integer("to_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("introductions_pair_idx").on(t.fromId, t.toId, t.createdAt),
    index("introductions_to_idx").on(t.toId),
    index("introductions_created_idx").on(t.createdAt),
  ],
);

/** A member's following and onboarding choices; no row means the defaults (auto-follow on, checklist shown). */
export const memberOptions = sqliteTable("member_options", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  autoFollow: integer("auto_follow", { mode: "boolean" }).notNull().default(true),
  checklistDismissedAt: integer("checklist_dismissed_at", { mode: "timestamp_ms" }),
  /** Off: the router never asks this member to answer a question (docs/routing.md). */
  routable: integer("routable", { mode: "boolean" }).notNull().default(true),
});

/**
 * A question the router handled (docs/routing.md): when it first asked experts and the response target it
 * was given then (a later change of the setting leaves past questions' outcomes as they were).
 */
export const questionRouting = sqliteTable(
  "question_routing",
  {
    questionId: integer("question_id")
      .primaryKey()
      .references(() => posts.id, { onDelete: "cascade" }),
    routedAt: integer("routed_at", { mode: "timestamp_ms" }).notNull(),
    targetMinutes: integer("target_minutes").notNull(),
  },
  (t) => [index("question_routing_routed_idx").on(t.routedAt)],
);

/** Each expert asked to answer a routed question: round 1 when it was posted, round 2 at its target. */
export const questionRoutes = sqliteTable(
  "question_routes",
  {
    questionId: integer("question_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    expertId: integer("expert_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    round: integer("round").notNull(),
    score: real("score").notNull(),
    askedAt: integer("asked_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.questionId, t.expertId] }),
    index("question_routes_expert_idx").on(t.expertId, t.askedAt),
    // /health's experts asked in the period (routing-outcome.server.ts).
    index("question_routes_asked_idx").on(t.askedAt),
  ],
);

/** One row per signed-in member per day they visited (for the digest and for health's DAU/MAU). */
export const userVisits = sqliteTable(
  "user_visits",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] }), index("user_visits_day_idx").on(t.day)],
);

/**
 * Durable work (emails, digests…). `key` makes enqueueing idempotent; a job whose process died keeps
 * `running` until `lockedUntil` passes and is then claimed again (see app/utils/jobs.server.ts).
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    payload: text("payload").notNull().default("{}"),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("pending"),
    runAt: integer("run_at", { mode: "timestamp_ms" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    createdAt: createdAt(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("jobs_key_unique").on(t.key), index("jobs_due_idx").on(t.status, t.runAt)],
);

/** Single-use password reset tokens, stored as their SHA-256 hash. */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId, t.createdAt)],
);

/** Secrets generated on first use and shared by every process (the key that signs unsubscribe links). */
export const appSecrets = sqliteTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
});

/**
 * Append-only reputation ledger. A member's reputation is the sum of their rows; undoing a vote or an
 * acceptance appends the reversing row (same `source`, opposite points). `day` is the community-time
 * day of the original action (the daily vote cap counts by it); `rootId` is the article or question,
 * for standing per tag.
 */
export const reputationEvents = sqliteTable(
  "reputation_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    points: integer("points").notNull(),
    reason: text("reason", { enum: REPUTATION_REASONS }).notNull(),
    source: text("source").notNull(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    postId: integer("post_id").references(() => posts.id, { onDelete: "set null" }),
    rootId: integer("root_id").references(() => posts.id, { onDelete: "set null" }),
    day: text("day").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("reputation_events_user_created_idx").on(t.userId, t.createdAt),
    index("reputation_events_user_day_idx").on(t.userId, t.day),
    index("reputation_events_source_idx").on(t.source),
    index("reputation_events_created_idx").on(t.createdAt),
    index("reputation_events_root_idx").on(t.rootId),
  ],
);

/** Badges earned; `tag` is "" except for per-tag badges (Tag Expert). Awarded once, by an idempotent job. */
export const userBadges = sqliteTable(
  "user_badges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    badge: text("badge").notNull(),
    tag: text("tag").notNull().default(""),
    awardedAt: integer("awarded_at", { mode: "timestamp_ms" }).notNull(),
    /** A moderator took the badge back (docs/credentials.md): hidden everywhere, never awarded again by the job. */
    takenBackAt: integer("taken_back_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("user_badges_unique").on(t.userId, t.badge, t.tag),
    index("user_badges_badge_idx").on(t.badge, t.tag),
  ],
);

/**
 * Open Badges 3.0 credentials, one per earned badge (docs/credentials.md): the signed VC-JWT as issued, at
 * /credentials/:id. Revoked when the badge is taken back or the member erased (then `jwt` is emptied).
 */
export const credentials = sqliteTable(
  "credentials",
  {
    id: text("id").primaryKey(),
    userBadgeId: integer("user_badge_id")
      .notNull()
      .references(() => userBadges.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    badge: text("badge").notNull(),
    tag: text("tag").notNull().default(""),
    issuedAt: integer("issued_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    revokedReason: text("revoked_reason", { enum: ["taken_back", "erased"] }),
    jwt: text("jwt").notNull(),
  },
  (t) => [uniqueIndex("credentials_user_badge_unique").on(t.userBadgeId), index("credentials_user_idx").on(t.userId)],
);

/** The expertise tags a member chose for their profile (earned standing is computed from the ledger). */
export const memberTags = sqliteTable(
  "member_tags",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tagId] }), index("member_tags_tag_idx").on(t.tagId)],
);

/**
 * Reputation per member per tag (of the article or question it was earned on, when it was earned),
 * kept in step with the ledger in the same transaction: what standings, tag experts and per-tag
 * leaderboards read.
 */
export const tagReputation = sqliteTable(
  "tag_reputation",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    points: integer("points").notNull().default(0),
    acceptedAnswers: integer("accepted_answers").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.tagId] }),
    index("tag_reputation_tag_points_idx").on(t.tagId, t.points),
    // A member's strongest tags (the health page's suggested actions, the profile), without sorting all of them.
    index("tag_reputation_user_points_idx").on(t.userId, t.points),
  ],
);

/**
 * How many members hold each positive point total in a tag (a histogram of tag_reputation), kept in step in
 * the same transaction: a standing's rank is a sum over the few distinct totals above it, not a count over
 * the members of the tag. Only totals above 0 are kept.
 */
export const tagStandingCounts = sqliteTable(
  "tag_standing_counts",
  {
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    points: integer("points").notNull(),
    members: integer("members").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tagId, t.points] })],
);

/** How many members hold a positive total in each tag (the sum of the tag's tag_standing_counts), kept in step with it. */
export const tagStandingTotals = sqliteTable("tag_standing_totals", {
  tagId: integer("tag_id")
    .primaryKey()
    .references(() => tags.id, { onDelete: "cascade" }),
  members: integer("members").notNull().default(0),
});

/** Points per member per calendar month (UTC, of the ledger row's created_at), kept in step with the ledger: the profile chart. */
export const reputationMonths = sqliteTable(
  "reputation_months",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** YYYY-MM */
    month: text("month").notNull(),
    points: integer("points").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.month] })],
);

/**
 * Meetups. Times are UTC instants; `timezone` is where it happens (shown and entered in it).
 * `sequence` counts changes of time, place or status, for iCalendar clients.
 */
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    description: text("description").notNull(),
    descriptionHtml: text("description_html").notNull(),
    /** As posts.html_version, for `descriptionHtml`. */
    htmlVersion: integer("html_version").notNull().default(1),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    timezone: text("timezone").notNull().default("Europe/Amsterdam"),
    venue: text("venue").notNull().default(""),
    address: text("address").notNull().default(""),
    city: text("city").notNull().default(""),
    onlineUrl: text("online_url").notNull().default(""),
    /** Null: unlimited. */
    capacity: integer("capacity"),
    rsvpDeadline: integer("rsvp_deadline", { mode: "timestamp_ms" }),
    orgId: integer("org_id").references(() => organisations.id, { onDelete: "set null" }),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: EVENT_STATUSES }).notNull().default("scheduled"),
    sequence: integer("sequence").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("events_starts_idx").on(t.startsAt), index("events_city_idx").on(t.city, t.startsAt)],
);

export const eventHosts = sqliteTable(
  "event_hosts",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index("event_hosts_user_idx").on(t.userId)],
);

export const eventTags = sqliteTable(
  "event_tags",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.tagId] }), index("event_tags_tag_idx").on(t.tagId)],
);

/** One answer per member per meetup. `waitlistSeq` orders the waitlist by arrival (set when joining it). */
export const rsvps = sqliteTable(
  "rsvps",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: RSVP_STATUSES }).notNull(),
    note: text("note").notNull().default(""),
    /** Whether other members may see this member's name in the list of who is going. */
    visible: integer("visible", { mode: "boolean" }).notNull().default(true),
    waitlistSeq: integer("waitlist_seq"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    index("rsvps_event_status_idx").on(t.eventId, t.status, t.waitlistSeq),
    index("rsvps_user_idx").on(t.userId, t.status),
  ],
);

/** Who was there, marked by a host from the meetup's day on. */
export const attendance = sqliteTable(
  "attendance",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    checkedInBy: integer("checked_in_by").references(() => users.id, { onDelete: "set null" }),
    checkedInAt: integer("checked_in_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index("attendance_user_idx").on(t.userId)],
);

/**
 * Weekly rollups for /health, kept by recordActivity in the write's own transaction (O(1) per activity),
 * so the dashboard never scans the activity log. `week` is the Monday (YYYY-MM-DD, community time).
 * `weighted` sums contributions by the weights in docs/product.md; `contributions` counts them; `participations`
 * counts votes, RSVPs and check-ins (readers vs producers).
 */
export const memberWeeks = sqliteTable(
  "member_weeks",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    week: text("week").notNull(),
    weighted: real("weighted").notNull().default(0),
    contributions: integer("contributions").notNull().default(0),
    participations: integer("participations").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.week] }), index("member_weeks_week_idx").on(t.week, t.weighted)],
);

/**
 * The member's day (YYYY-MM-DD, community time), kept by recordActivity like member_weeks: what the decay rule
 * reads to judge windows that end now rather than complete calendar weeks (docs/health.md).
 */
export const memberDays = sqliteTable(
  "member_days",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    weighted: real("weighted").notNull().default(0),
    contributions: integer("contributions").notNull().default(0),
    participations: integer("participations").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] }), index("member_days_day_idx").on(t.day)],
);

/** Contributions per tag per member per week: concentration risk and a tag's askers and answerers, without the activity log. */
export const memberTagWeeks = sqliteTable(
  "member_tag_weeks",
  {
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    week: text("week").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    weighted: real("weighted").notNull().default(0),
    contributions: integer("contributions").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tagId, t.week, t.userId] }), index("member_tag_weeks_week_idx").on(t.week)],
);

/** The community's week: sums, and how many members contributed (active) or only took part (readers). */
export const communityWeeks = sqliteTable("community_weeks", {
  week: text("week").primaryKey(),
  weighted: real("weighted").notNull().default(0),
  contributions: integer("contributions").notNull().default(0),
  active: integer("active").notNull().default(0),
  readers: integer("readers").notNull().default(0),
});

export const tagWeeks = sqliteTable(
  "tag_weeks",
  {
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    week: text("week").notNull(),
    weighted: real("weighted").notNull().default(0),
    contributions: integer("contributions").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tagId, t.week] }), index("tag_weeks_week_idx").on(t.week)],
);

export const orgWeeks = sqliteTable(
  "org_weeks",
  {
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    week: text("week").notNull(),
    weighted: real("weighted").notNull().default(0),
    contributions: integer("contributions").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.week] }), index("org_weeks_week_idx").on(t.week)],
);

/** Nudges and other actions leads take on a flag, so /health can show who came back. */
export const healthActions = sqliteTable(
  "health_actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    leadId: integer("lead_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["nudge", "invite", "handled"] }).notNull(),
    message: text("message").notNull().default(""),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("health_actions_user_idx").on(t.userId, t.createdAt)],
);

/**
 * The member rule's pass of one community day (docs/health.md, "How the report is made"): the members who
 * passed its first gate that day and their verdicts (JSON of decayNumbers). Within a day the judged windows
 * stay put and only today's counts grow, so later snapshots that day re-judge only the members who contributed
 * today. A write to an earlier day, or a negative one, deletes the passes it touches (activity.server.ts).
 * Safe to lose: a snapshot without its day's pass makes one.
 */
export const healthMemberPasses = sqliteTable("health_member_passes", {
  day: text("day").primaryKey(),
  /** Members with a baseline to judge (the cooling share's denominator). */
  judged: integer("judged").notNull(),
  computedAt: integer("computed_at", { mode: "timestamp_ms" }).notNull(),
});

export const healthMemberVerdicts = sqliteTable(
  "health_member_verdicts",
  {
    day: text("day")
      .notNull()
      .references(() => healthMemberPasses.day, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    verdict: text("verdict").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.userId] })],
);

/**
 * What the weekly health rules gave on a Monday, over the complete weeks before it (docs/health.md, "How the
 * report is made"): `verdict`, the member rule's (how many it judged, how many were cooling, who it flagged);
 * `concentration`, each tag's top two members and total; `first-activity`, the activity log's first id of the
 * trend window. Complete weeks' rollups no longer change except by a write dated in one, which deletes the
 * rows of the Mondays after it (activity.server.ts). Safe to lose: computed again.
 */
export const healthWeekly = sqliteTable(
  "health_weekly",
  {
    week: text("week").notNull(),
    kind: text("kind").notNull(),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.kind] })],
);

/**
 * The health report as computed by the hourly job (the full engine over 100k members takes seconds);
 * /health shows the latest one. Safe to lose: the page computes a fresh one when none is recent.
 */
export const healthSnapshots = sqliteTable("health_snapshots", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  computedAt: integer("computed_at", { mode: "timestamp_ms" }).notNull(),
  report: text("report").notNull(),
});

/**
 * A filtered /health view (`scope`: "tag:<id>", "org:<id>" or both): its own vital signs and its flagged members
 * with their causes, computed at its first view after the latest snapshot and read until the next one
 * (docs/health.md, "Filtered views"). Safe to lose.
 */
export const healthViews = sqliteTable("health_views", {
  scope: text("scope").primaryKey(),
  computedAt: integer("computed_at", { mode: "timestamp_ms" }).notNull(),
  view: text("view").notNull(),
});
