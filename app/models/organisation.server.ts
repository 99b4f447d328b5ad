import { asc, eq, sql } from "drizzle-orm";
import { memberships, organisations, users, type OrgKind, type Relation } from "~db/schema";
import { db, prepared, writeTransaction } from "~/utils/db.server";
import { bumpCacheTags, VersionedCache } from "~/utils/page-cache.server";
import { recordAudit } from "./audit.server";

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

const organisationNamesQuery = prepared(() =>
  db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.name))
    .prepare(),
);

/** Every organisation's id, slug and name, by name: the choices of a filter (no counts); read on every /health view. */
export function organisationNames() {
  // Every /health view asks; organisations change rarely. Kept per process until the "orgs" tag moves.
  return knownOrganisations.get("all", ["orgs"], () =>
    Object.freeze(
      organisationNamesQuery()
        .all()
        .map((o) => Object.freeze(o)),
    ),
  );
}

const knownOrganisations = new VersionedCache<readonly Readonly<{ id: number; slug: string; name: string }>[]>(1);

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
    recordAudit(tx, { actorId, action: "org.create", subject: `org:${org.id}`, detail: org.name });
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
    const before = tx.select().from(memberships).where(eq(memberships.userId, userId)).get();
    if (before?.orgId === orgId && before.relation === relation) return;
    tx.insert(memberships)
      .values({ orgId, userId, relation })
      .onConflictDoUpdate({ target: memberships.userId, set: { orgId, relation } })
      .run();
    const change = `org:${orgId} ${relation}`;
    recordAudit(tx, {
      actorId,
      action: "org.member",
      subject: `user:${userId}`,
      detail: before ? `org:${before.orgId} ${before.relation} → ${change}` : change,
    });
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
      recordAudit(tx, { actorId, action: "org.remove", subject: `user:${userId}`, detail: `org:${orgId}` });
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
    const role = expert ? "expert" : "member";
    if (employee.role === role) return true;
    tx.update(users).set({ role }).where(eq(users.id, userId)).run();
    recordAudit(tx, {
      actorId,
      action: "user.expert",
      subject: `user:${userId}`,
      detail: `${employee.role} → ${role} (org:${orgId})`,
    });
    bumpCacheTags(tx, ["orgs", "members", "names", `member:${userId}`]);
    return true;
  });
}

/** The member's organisation, if any (a member belongs to at most one). */
export function getMembership(userId: number) {
  return db.select().from(memberships).where(eq(memberships.userId, userId)).get();
}
