/**
 * Sign in with your company (docs/accounts.md): each organisation's OpenID provider, the sign-ins under way,
 * and which account each identity at a provider (issuer + subject) signs in to. The flow itself is in
 * app/utils/oidc.server.ts.
 */
import { and, asc, eq, lt } from "drizzle-orm";
import { memberships, oidcIdentities, oidcLogins, oidcProviders, organisations, users } from "~db/schema";
import { db, writeTransaction } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { open, seal } from "~/utils/secret-box.server";
import { handleField } from "~/utils/validation";
import { recordAudit } from "./audit.server";
import { isHandleTaken, normaliseEmail } from "./user.server";

/** A sign-in must come back from the provider within ten minutes of starting, and only once. */
export const OIDC_LOGIN_TTL_MS = 10 * 60 * 1000;

const secretContext = (orgId: number) => `oidc-client-secret:${orgId}`;

export const parseDomains = (input: string) => [
  ...new Set(
    input
      .split(/[\s,]+/)
      .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
      .filter(Boolean),
  ),
];

export const emailDomain = (email: string) => normaliseEmail(email).split("@").pop() ?? "";

/** The organisations members can sign in with, for /login. */
export function listSignInOrganisations() {
  return db
    .select({ slug: organisations.slug, name: organisations.name, issuer: oidcProviders.issuer })
    .from(oidcProviders)
    .innerJoin(organisations, eq(organisations.id, oidcProviders.orgId))
    .orderBy(asc(organisations.name))
    .all();
}

/** What the admin form shows: everything but the secret, which is never read back. */
export function getProviderSettings(orgId: number) {
  const row = db.select().from(oidcProviders).where(eq(oidcProviders.orgId, orgId)).get();
  if (!row) return null;
  const { clientSecretSealed: _sealed, ...settings } = row;
  return settings;
}

/** An organisation's provider with its client secret opened, for the flow; null when it has none. */
export function getProviderBySlug(slug: string) {
  const row = db
    .select({ provider: oidcProviders, org: organisations })
    .from(oidcProviders)
    .innerJoin(organisations, eq(organisations.id, oidcProviders.orgId))
    .where(eq(organisations.slug, slug))
    .get();
  if (!row) return null;
  const clientSecret = open(row.provider.clientSecretSealed, secretContext(row.org.id));
  if (clientSecret === null) return null;
  return {
    org: { id: row.org.id, slug: row.org.slug, name: row.org.name },
    issuer: row.provider.issuer,
    clientId: row.provider.clientId,
    clientSecret,
    domains: row.provider.domains.split(","),
    joinAsEmployee: row.provider.joinAsEmployee,
  };
}
export type SignInProvider = NonNullable<ReturnType<typeof getProviderBySlug>>;

/** The organisation whose provider vouches for an email's domain ("jan@acme.example" → acme). */
export function findOrganisationForEmail(email: string) {
  const domain = emailDomain(email);
  if (!domain) return null;
  return (
    db
      .select({ slug: organisations.slug, name: organisations.name, domains: oidcProviders.domains })
      .from(oidcProviders)
      .innerJoin(organisations, eq(organisations.id, oidcProviders.orgId))
      .all()
      .find((row) => row.domains.split(",").includes(domain)) ?? null
  );
}

/** Sets up or changes an organisation's provider; a blank secret keeps the stored one. */
export function saveProvider({
  actorId,
  orgId,
  issuer,
  clientId,
  clientSecret,
  domains,
  joinAsEmployee,
}: {
  actorId: number;
  orgId: number;
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string[];
  joinAsEmployee: boolean;
}) {
  return writeTransaction((tx) => {
    const before = tx.select().from(oidcProviders).where(eq(oidcProviders.orgId, orgId)).get();
    const clientSecretSealed = clientSecret ? seal(clientSecret, secretContext(orgId)) : before?.clientSecretSealed;
    if (!clientSecretSealed) return false;
    const values = { issuer, clientId, clientSecretSealed, domains: domains.join(","), joinAsEmployee };
    tx.insert(oidcProviders)
      .values({ orgId, ...values })
      .onConflictDoUpdate({ target: oidcProviders.orgId, set: values })
      .run();
    recordAudit(tx, {
      actorId,
      action: "org.update",
      subject: `org:${orgId}`,
      detail: `sign-in: ${issuer} (${domains.join(", ")})${clientSecret ? ", new secret" : ""}`,
    });
    return true;
  });
}

export function removeProvider({ actorId, orgId }: { actorId: number; orgId: number }) {
  writeTransaction((tx) => {
    const removed = tx.delete(oidcProviders).where(eq(oidcProviders.orgId, orgId)).run();
    if (removed.changes > 0)
      recordAudit(tx, { actorId, action: "org.update", subject: `org:${orgId}`, detail: "sign-in removed" });
  });
}

export function recordLoginStart(login: {
  state: string;
  orgId: number;
  nonce: string;
  codeVerifier: string;
  redirectTo: string;
}) {
  writeTransaction((tx) => {
    tx.delete(oidcLogins)
      .where(lt(oidcLogins.createdAt, new Date(Date.now() - OIDC_LOGIN_TTL_MS)))
      .run();
    tx.insert(oidcLogins).values(login).run();
  });
}

/** The sign-in a callback finishes, removed as it is read (single use); null when unknown or expired. */
export function takeLogin(state: string, now = Date.now()) {
  const row = db.delete(oidcLogins).where(eq(oidcLogins.state, state)).returning().get();
  if (!row || row.createdAt.getTime() + OIDC_LOGIN_TTL_MS < now) return null;
  return row;
}

export function findIdentityUser({ issuer, subject }: { issuer: string; subject: string }) {
  return db
    .select({ user: users })
    .from(oidcIdentities)
    .innerJoin(users, eq(users.id, oidcIdentities.userId))
    .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, subject)))
    .get()?.user;
}

/** A free handle from a name or an email ("Jan de Vries" → "jan-de-vries", then "jan-de-vries-2"). */
export function proposeHandle(name: string, email: string) {
  const fromText = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 26);
  const base = [fromText(name), fromText(email.split("@")[0] ?? "")].find((c) => c.length >= 3) ?? "member";
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (handleField.safeParse(candidate).success && !isHandleTaken(candidate)) return candidate;
  }
  return `${base}-${Date.now() % 100000}`;
}

type Identity = { issuer: string; subject: string; orgId: number };

/**
 * The first sign-in: the member (without a password; they may set one with "forgot password"), their
 * identity at the provider and, when the organisation says so, their membership as an employee. One transaction.
 */
export function createOidcMember({
  identity,
  name,
  handle,
  email,
  joinAsEmployee,
}: {
  identity: Identity;
  name: string;
  handle: string;
  email: string;
  joinAsEmployee: boolean;
}) {
  return writeTransaction((tx) => {
    const user = tx
      .insert(users)
      .values({ name, handle, email: normaliseEmail(email), passwordHash: "" })
      .returning()
      .get();
    tx.insert(oidcIdentities)
      .values({ ...identity, userId: user.id })
      .run();
    if (joinAsEmployee) {
      tx.insert(memberships).values({ userId: user.id, orgId: identity.orgId, relation: "employee" }).run();
      recordAudit(tx, {
        actorId: null,
        action: "org.member",
        subject: `user:${user.id}`,
        detail: `org:${identity.orgId} employee (sign-in)`,
      });
    }
    bumpCacheTags(tx, ["members", "orgs"]);
    return user;
  });
}

/**
 * Links an identity to an existing account, after its owner proved it with their password, and makes them an
 * employee when the organisation says so and they belong to no organisation yet (a member has one). One transaction.
 */
export function linkIdentity({
  identity,
  userId,
  joinAsEmployee,
}: {
  identity: Identity;
  userId: number;
  joinAsEmployee: boolean;
}) {
  writeTransaction((tx) => {
    tx.insert(oidcIdentities)
      .values({ ...identity, userId })
      .onConflictDoNothing()
      .run();
    if (!joinAsEmployee) return;
    const joined = tx
      .insert(memberships)
      .values({ userId, orgId: identity.orgId, relation: "employee" })
      .onConflictDoNothing()
      .run().changes;
    if (joined) {
      recordAudit(tx, {
        actorId: null,
        action: "org.member",
        subject: `user:${userId}`,
        detail: `org:${identity.orgId} employee (sign-in)`,
      });
      bumpCacheTags(tx, ["members", "orgs", `member:${userId}`]);
    }
  });
}
