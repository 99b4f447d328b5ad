import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, or, sql } from "drizzle-orm";
import { memberships, organisations, users, type Locale, type Role, type Theme } from "~db/schema";
import { db, prepared, writeTransaction } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { communityDay } from "~/utils/time";
import { recordAudit } from "./audit.server";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function findUserByEmail(email: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export function findUserById(id: number) {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function isHandleTaken(handle: string) {
  return !!findUserByHandle(handle);
}

export function isEmailTaken(email: string) {
  return !!findUserByEmail(email);
}

export function createUser(input: {
  name: string;
  handle: string;
  email: string;
  passwordHash: string;
  role?: Role;
  locale?: Locale | null;
  headline?: string;
  bio?: string;
  location?: string;
  createdAt?: Date;
  /** From a busy address (docs/moderation.md, "Spam rules"): posts wait for a lead until one is approved. */
  reviewPosts?: boolean;
}) {
  return writeTransaction((tx) => {
    const user = tx
      .insert(users)
      .values({ ...input, email: normaliseEmail(input.email) })
      .returning()
      .get();
    bumpCacheTags(tx, ["members"]);
    return user;
  });
}

export function updateProfile({
  id,
  ...fields
}: {
  id: number;
  name: string;
  headline: string;
  bio: string;
  location: string;
  locale: Locale | null;
  theme: Theme;
}) {
  writeTransaction((tx) => {
    tx.update(users).set(fields).where(eq(users.id, id)).run();
    bumpCacheTags(tx, ["members", "names", `member:${id}`]);
  });
}

export function setUserLocale({ id, locale }: { id: number; locale: Locale }) {
  db.update(users).set({ locale }).where(eq(users.id, id)).run();
}

export function setUserTheme({ id, theme }: { id: number; theme: Theme }) {
  db.update(users).set({ theme }).where(eq(users.id, id)).run();
}

/** An admin's role change, recorded in the audit log in the same transaction ("member → lead"). */
export function setUserRole({ id, role, actorId }: { id: number; role: Role; actorId: number }) {
  writeTransaction((tx) => {
    const before = tx.select({ role: users.role }).from(users).where(eq(users.id, id)).get();
    if (!before || before.role === role) return;
    tx.update(users).set({ role }).where(eq(users.id, id)).run();
    recordAudit(tx, { actorId, action: "user.role", subject: `user:${id}`, detail: `${before.role} → ${role}` });
    bumpCacheTags(tx, ["members", "names", `member:${id}`]);
  });
}

const memberColumns = {
  id: users.id,
  name: users.name,
  handle: users.handle,
  role: users.role,
  headline: users.headline,
  location: users.location,
  avatarFile: users.avatarFile,
  createdAt: users.createdAt,
  reputation: users.reputation,
  orgName: organisations.name,
  orgSlug: organisations.slug,
  relation: memberships.relation,
};

export type MemberListItem = Awaited<ReturnType<typeof listMembers>>["members"][number];

export const MEMBER_SORTS = ["reputation", "active", "newest"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

/**
 * The directory: name/handle search; filters by organisation, role and expertise tag (chosen by the
 * member, or earned: reputation in the tag); sorted by reputation, recent activity or newest.
 */
export function listMembers({
  query,
  orgSlug,
  role,
  tagId,
  sort = "reputation",
  page,
  perPage,
}: {
  query?: string;
  orgSlug?: string;
  role?: Role;
  tagId?: number;
  sort?: MemberSort;
  page: number;
  perPage: number;
}) {
  const pattern = query ? `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  const where = and(
    pattern
      ? or(sql`${users.name} LIKE ${pattern} ESCAPE '\\'`, sql`${users.handle} LIKE ${pattern} ESCAPE '\\'`)
      : undefined,
    orgSlug ? eq(organisations.slug, orgSlug) : undefined,
    role ? eq(users.role, role) : undefined,
    tagId
      ? sql`(exists (select 1 from member_tags mt where mt.user_id = ${users.id} and mt.tag_id = ${tagId})
          or exists (select 1 from tag_reputation tr where tr.user_id = ${users.id} and tr.tag_id = ${tagId} and tr.points > 0))`
      : undefined,
  );
  const order =
    sort === "reputation"
      ? [desc(users.reputation), desc(users.id)]
      : sort === "active"
        ? [desc(users.lastActiveAt), desc(users.id)]
        : [desc(users.createdAt), desc(users.id)];
  const base = db
    .select(memberColumns)
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(where);
  const members = base
    .orderBy(...order)
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .all();
  return { members: members.slice(0, perPage), hasMore: members.length > perPage };
}

// Every view of a member page reads it: prepared once (db.server's `prepared`).
const memberProfileQuery = prepared(() =>
  db
    .select({
      ...memberColumns,
      bio: users.bio,
      reputation: users.reputation,
      orgWebsite: organisations.website,
      erasedAt: users.erasedAt,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(sql`lower(${users.handle}) = lower(${sql.placeholder("handle")})`)
    .prepare(),
);

export function getMemberProfile(handle: string) {
  return memberProfileQuery().get({ handle });
}

/** A member who joined on an earlier community day is returning ("Welcome back"); one who joined today is new. */
export function isReturningMember(userId: number, now = new Date()) {
  const row = db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId)).get();
  return !!row && communityDay(row.createdAt) < communityDay(now);
}

export function countMembers() {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .get()?.n ?? 0
  );
}

export function findUserByHandle(handle: string) {
  return db
    .select({ id: users.id, handle: users.handle, name: users.name, role: users.role })
    .from(users)
    .where(sql`lower(${users.handle}) = lower(${handle})`)
    .get();
}

/**
 * Members whose handle or name starts with `prefix`, by index ranges on lower(handle) and
 * lower(name): cheap at any community size (a substring search would read every member).
 */
export function findMembersByPrefix(prefix: string, limit: number) {
  const low = prefix.trim().toLowerCase();
  if (!low) return [];
  const high = `${low}\uffff`;
  return db
    .select(memberColumns)
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(
      or(
        and(sql`lower(${users.handle}) >= ${low}`, sql`lower(${users.handle}) < ${high}`),
        and(sql`lower(${users.name}) >= ${low}`, sql`lower(${users.name}) < ${high}`),
      ),
    )
    .limit(limit)
    .all();
}

// Calendar secrets are stored only as their SHA-256, like session ids and reset tokens (docs/accounts.md).
const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/** The member whose calendar address has this secret: found by the hash, through its unique index. */
export function findUserByCalendarToken(token: string) {
  return db
    .select({ id: users.id, name: users.name, suspendedAt: users.suspendedAt, suspendedUntil: users.suspendedUntil })
    .from(users)
    .where(eq(users.calendarTokenHash, sha256(token)))
    .get();
}

/**
 * A new secret for the member's calendar address; an old address stops working. Only the hash is kept,
 * so the caller shows the secret this once.
 */
export function renewCalendarToken(userId: number, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  db.update(users)
    .set({ calendarTokenHash: sha256(token), calendarTokenCreatedAt: now })
    .where(eq(users.id, userId))
    .run();
  return token;
}

export function removeCalendarToken(userId: number) {
  db.update(users).set({ calendarTokenHash: null, calendarTokenCreatedAt: null }).where(eq(users.id, userId)).run();
}
