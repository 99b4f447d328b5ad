/**
 * Open Badges 3.0 credentials (docs/credentials.md): each badge a member earned (Tag Expert per tag and level
 * included) can be had as an `OpenBadgeCredential`, a W3C Verifiable Credential (data model 2.0) secured as a
 * VC-JWT signed with the community's Ed25519 key. Issued lazily, the first time the member (or a moderator)
 * opens the profile after the award; revoked when the badge is taken back or the member erased.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { credentials, userBadges, users } from "~db/schema";
import { credentialPublicJwk, issuerDid, signJwt } from "~/utils/credential-key.server";
import { db, writeTransaction, writeUnlessReadOnly, type Tx } from "~/utils/db.server";
import { translator } from "~/utils/i18n.server";
import type { MessageKey } from "~/utils/i18n";
import { linkedInAddToProfileUrl } from "~/utils/share";

export const CREDENTIAL_CONTEXT = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];
/** The media type of the raw credential: a JWT, as Open Badges 3.0 secures it ("typ": "JWT"). */
export const VC_JWT_MEDIA_TYPE = "application/jwt";
/** Our own status type: the URL answers {"revoked": true|false} (docs/credentials.md, "Status"). */
export const STATUS_TYPE = "KringCredentialStatus";

export type RevokeReason = "taken_back" | "erased";

const en = translator("en");
/** The issuer's name in credentials and on LinkedIn: the community's. */
export const ISSUER_NAME = en("app.name");

/** The badge's name and criteria in English, the language credentials are issued in. */
export function achievementText(badge: string, tag: string) {
  const name = en(`badge.${badge}` as MessageKey);
  return {
    name: tag ? en("badge.perTag", { badge: name, tag }) : name,
    criteria: en(`badge.${badge}.how` as MessageKey),
  };
}

export const credentialUrl = (origin: string, id: string) => `${origin}/credentials/${id}`;

function credentialPayload({
  id,
  origin,
  badge,
  tag,
  handle,
  awardedAt,
  issuedAt,
}: {
  id: string;
  origin: string;
  badge: string;
  tag: string;
  handle: string;
  awardedAt: Date;
  issuedAt: Date;
}) {
  const url = credentialUrl(origin, id);
  const issuer = issuerDid(origin);
  const subject = `${origin}/members/${handle}`;
  const { name, criteria } = achievementText(badge, tag);
  const credential = {
    "@context": CREDENTIAL_CONTEXT,
    id: url,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name,
    issuer: { id: issuer, type: ["Profile"], name: ISSUER_NAME, url: `${origin}/` },
    validFrom: awardedAt.toISOString(),
    credentialSubject: {
      id: subject,
      type: ["AchievementSubject"],
      achievement: {
        id: `${origin}/badges#${tag ? `${badge}-${encodeURIComponent(tag)}` : badge}`,
        type: ["Achievement"],
        name,
        description: criteria,
        criteria: { narrative: criteria },
      },
    },
    credentialStatus: { id: `${url}/status`, type: STATUS_TYPE },
  };
  // Open Badges 3.0, "JSON Web Token Proof Format": the credential is the payload, with its registered claims.
  return {
    ...credential,
    iss: issuer,
    jti: url,
    sub: subject,
    nbf: Math.floor(awardedAt.getTime() / 1000),
    iat: Math.floor(issuedAt.getTime() / 1000),
  };
}

/** The member's badges (not taken back) that have no credential yet. */
const badgesWithoutCredential = (tx: Tx | typeof db, userId: number) =>
  tx
    .select({
      userBadgeId: userBadges.id,
      badge: userBadges.badge,
      tag: userBadges.tag,
      awardedAt: userBadges.awardedAt,
    })
    .from(userBadges)
    .leftJoin(credentials, eq(credentials.userBadgeId, userBadges.id))
    .where(and(eq(userBadges.userId, userId), isNull(userBadges.takenBackAt), isNull(credentials.id)))
    .all();

/**
 * Issues a credential for each of the member's badges that has none yet (and was not taken back); returns
 * how many. Signed in the transaction that stores it, so two requests never issue two for one badge. A read
 * first: the profile calls this on every visit, and most have nothing to issue (nor a write lock to take).
 */
export function issueCredentials({ userId, origin, now = new Date() }: { userId: number; origin: string; now?: Date }) {
  if (!badgesWithoutCredential(db, userId).length) return 0;
  return writeTransaction((tx) => {
    const member = tx
      .select({ handle: users.handle, erasedAt: users.erasedAt })
      .from(users)
      .where(eq(users.id, userId))
      .get();
    if (!member || member.erasedAt) return 0;
    const missing = badgesWithoutCredential(tx, userId);
    for (const row of missing) {
      const id = randomBytes(16).toString("base64url");
      const { userBadgeId, badge, tag, awardedAt } = row;
      const payload = credentialPayload({ id, origin, badge, tag, awardedAt, handle: member.handle, issuedAt: now });
      tx.insert(credentials)
        .values({
          id,
          userBadgeId,
          userId,
          badge,
          tag,
          issuedAt: now,
          jwt: signJwt(payload, { origin }),
        })
        .run();
    }
    return missing.length;
  });
}

/** A member's credentials, newest badge first, revoked ones included (they say so). */
export function credentialsOf(userId: number) {
  return db
    .select({
      id: credentials.id,
      badge: credentials.badge,
      tag: credentials.tag,
      issuedAt: credentials.issuedAt,
      revokedAt: credentials.revokedAt,
      awardedAt: userBadges.awardedAt,
    })
    .from(credentials)
    .innerJoin(userBadges, eq(userBadges.id, credentials.userBadgeId))
    .where(eq(credentials.userId, userId))
    .orderBy(desc(credentials.issuedAt), credentials.badge, credentials.tag)
    .all();
}

/** A credential as its page shows it: the recipient as they are now ("Former member" once erased). */
export function findCredential(id: string) {
  return db
    .select({
      id: credentials.id,
      badge: credentials.badge,
      tag: credentials.tag,
      issuedAt: credentials.issuedAt,
      revokedAt: credentials.revokedAt,
      revokedReason: credentials.revokedReason,
      jwt: credentials.jwt,
      userId: credentials.userId,
      userBadgeId: credentials.userBadgeId,
      name: users.name,
      handle: users.handle,
      awardedAt: userBadges.awardedAt,
    })
    .from(credentials)
    .innerJoin(users, eq(users.id, credentials.userId))
    .innerJoin(userBadges, eq(userBadges.id, credentials.userBadgeId))
    .where(eq(credentials.id, id))
    .get();
}

/**
 * Revokes the credentials of a badge taken back, or all of an erased member's. Erasure also empties the stored
 * JWT (it names the member's profile); the status URL still answers "revoked".
 */
export function revokeCredentials(
  tx: Tx,
  target: { userBadgeId: number } | { userId: number },
  reason: RevokeReason,
  now = new Date(),
) {
  tx.update(credentials)
    .set({
      revokedAt: sql`coalesce(${credentials.revokedAt}, ${now.getTime()})`,
      revokedReason: sql`coalesce(${credentials.revokedReason}, ${reason})`,
      ...(reason === "erased" ? { jwt: "" } : {}),
    })
    .where(
      "userBadgeId" in target ? eq(credentials.userBadgeId, target.userBadgeId) : eq(credentials.userId, target.userId),
    )
    .run();
}

/**
 * Checks a stored VC-JWT against the community's published key with `jose`: the signature, the algorithm, and
 * that the payload is the credential at this id. Returns the credential or null.
 */
export async function verifyCredentialJwt(jwt: string, id: string) {
  if (!jwt) return null;
  try {
    const { importJWK, jwtVerify } = await import("jose"); // loaded when a credential is checked, not per worker
    const key = await importJWK(credentialPublicJwk(), "EdDSA");
    const { payload } = await jwtVerify(jwt, key, { algorithms: ["EdDSA"], typ: "JWT" });
    return typeof payload.jti === "string" && payload.jti.endsWith(`/credentials/${id}`) ? payload : null;
  } catch {
    return null;
  }
}

/**
 * The member's credentials for their profile, issuing the missing ones first; with the "Add to LinkedIn
 * profile" link for the member themselves (LinkedIn's certification form, filled in).
 */
export function memberCredentials({ userId, origin, owner }: { userId: number; origin: string; owner: boolean }) {
  // A write on the side of a read: a read-only database shows the ones issued before (docs/accounts.md).
  writeUnlessReadOnly(() => issueCredentials({ userId, origin }));
  return credentialsOf(userId).map((c) => ({
    id: c.id,
    name: achievementText(c.badge, c.tag).name,
    revoked: !!c.revokedAt,
    linkedIn: owner && !c.revokedAt ? addToLinkedInUrl(c, origin) : null,
  }));
}

/** LinkedIn's "Add to profile" certification form for a credential, dated by the badge's award. */
export function addToLinkedInUrl(
  credential: { id: string; badge: string; tag: string; awardedAt: Date },
  origin: string,
) {
  return linkedInAddToProfileUrl({
    name: achievementText(credential.badge, credential.tag).name,
    organizationName: ISSUER_NAME,
    issuedAt: credential.awardedAt,
    certUrl: credentialUrl(origin, credential.id),
    certId: credential.id,
  });
}
