import { relations, sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_handle_unique").on(sql`lower(${t.handle})`),
    uniqueIndex("users_email_unique").on(t.email),
    index("users_created_at_idx").on(t.createdAt),
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
  (t) => [index("audit_log_created_at_idx").on(t.createdAt)],
);

export const usersRelations = relations(users, ({ one }) => ({
  membership: one(memberships, { fields: [users.id], references: [memberships.userId] }),
}));
export const organisationsRelations = relations(organisations, ({ many }) => ({
  memberships: many(memberships),
}));
export const membershipsRelations = relations(memberships, ({ one }) => ({
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
  organisation: one(organisations, { fields: [memberships.orgId], references: [organisations.id] }),
}));

export type User = typeof users.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
