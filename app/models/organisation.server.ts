import { asc, eq, sql } from "drizzle-orm";
import { auditLog, memberships, organisations, users, type OrgKind, type Relation } from "~db/schema";
import { db, writeTransaction } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";

export function listOrganisations() {
  return db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      description: organisations.description,
      memberCount: sql<number>`(select count(*) from ${memberships} where ${memberships.orgId} = ${organisations.id})`,
    })
    .from(organisations)
    .orderBy(asc(organisations.name))
    .all();
}

export function getOrganisationBySlug(slug: string) {
  return db.select().from(organisations).where(eq(organisations.slug, slug)).get();
}

export function isOrgSlugTaken(slug: string) {
  return !!getOrganisationBySlug(slug);
}

export function listOrganisationPeople(orgId: number) {
  return db
    .select({
      id: users.id,
      name: users.name,
      handle: users.handle,
      role: users.role,
      headline: users.headline,
      relation: memberships.relation,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.relation), asc(users.name))
    .all();
}

export function createOrganisation({
  actorId,
  ...values
}: {
  actorId: number | null;
  slug: string;
  name: string;
  description: string;
  website: string;
  kind: OrgKind;
}) {
  return writeTransaction((tx) => {
    const org = tx.insert(organisations).values(values).returning().get();
    tx.insert(auditLog)
      .values({ actorId, action: "org.create", subject: `org:${org.id}`, detail: org.name })
      .run();
    bumpCacheTags(tx, ["orgs"]);
    return org;
  });
}

/** Puts a member in an organisation, replacing any earlier one (a member belongs to at most one). */
export function assignMember({
  actorId,
  orgId,
  userId,
  relation,
}: {
  actorId: number | null;
  orgId: number;
  userId: number;
  relation: Relation;
}) {
  writeTransaction((tx) => {
    tx.insert(memberships)
      .values({ orgId, userId, relation })
      .onConflictDoUpdate({ target: memberships.userId, set: { orgId, relation } })
      .run();
    tx.insert(auditLog)
      .values({ actorId, action: "org.assign", subject: `user:${userId}`, detail: `org:${orgId} ${relation}` })
      .run();
    bumpCacheTags(tx, ["orgs", "members", `member:${userId}`]);
  });
}

export function removeMember({ actorId, orgId, userId }: { actorId: number; orgId: number; userId: number }) {
  writeTransaction((tx) => {
    const removed = tx
      .delete(memberships)
      .where(sql`${memberships.orgId} = ${orgId} and ${memberships.userId} = ${userId}`)
      .run();
    if (removed.changes > 0) {
      tx.insert(auditLog)
        .values({ actorId, action: "org.remove", subject: `user:${userId}`, detail: `org:${orgId}` })
        .run();
      bumpCacheTags(tx, ["orgs", "members", `member:${userId}`]);
    }
  });
}

/** Vouching: an organisation's employee becomes an expert (or goes back to member). */
export function setEmployeeExpert({
  actorId,
  orgId,
  userId,
  expert,
}: {
  actorId: number;
  orgId: number;
  userId: number;
  expert: boolean;
}) {
  return writeTransaction((tx) => {
    const employee = tx
      .select({ role: users.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        sql`${memberships.orgId} = ${orgId} and ${memberships.userId} = ${userId} and ${memberships.relation} = 'employee'`,
      )
      .get();
    // Leads and admins keep their higher role; only members and experts move.
    if (!employee || (employee.role !== "member" && employee.role !== "expert")) return false;
    tx.update(users)
      .set({ role: expert ? "expert" : "member" })
      .where(eq(users.id, userId))
      .run();
    tx.insert(auditLog)
      .values({
        actorId,
        action: expert ? "role.expert" : "role.member",
        subject: `user:${userId}`,
        detail: `org:${orgId}`,
      })
      .run();
    bumpCacheTags(tx, ["orgs", "members", "names", `member:${userId}`]);
    return true;
  });
}

/** The member's organisation, if any (a member belongs to at most one). */
export function getMembership(userId: number) {
  return db.select().from(memberships).where(eq(memberships.userId, userId)).get();
}
