import { eq } from "drizzle-orm";
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { auditLog, credentials, userBadges } from "~db/schema";
import { credentialPublicJwk } from "~/utils/credential-key.server";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { awardBadges, badgesOf, takeBackBadge } from "./badge.server";
import {
  credentialsOf,
  findCredential,
  issueCredentials,
  memberCredentials,
  verifyCredentialJwt,
} from "./credential.server";
import { eraseMember } from "./privacy.server";
import { createAnswer, createQuestion } from "./post.server";

const ORIGIN = "https://kring.example";
const AWARDED = new Date("2026-03-14T10:00:00Z");

/** A member with First Answer, as the badge job awards it. */
async function answerer() {
  const member = await makeUser({ name: "Badge Bea" });
  const asker = await makeUser();
  const question = createQuestion({
    authorId: asker.id,
    title: "How do we rotate keys yearly?",
    body: "Audit.",
    tags: ["security"],
  });
  createAnswer({ authorId: member.id, questionId: question.id, body: "Overlap the old and the new key." });
  awardBadges(AWARDED);
  const badge = badgesOf(member.id).find((b) => b.badge === "first_answer")!;
  return { member, badge };
}

/** An independent check: jose with the published public key, not our own verify function. */
async function verifiesWithJose(jwt: string) {
  const key = await importJWK(credentialPublicJwk(), "EdDSA");
  try {
    await jwtVerify(jwt, key, { algorithms: ["EdDSA"] });
    return true;
  } catch {
    return false;
  }
}

describe("Open Badges credentials", () => {
  it("issues one OpenBadgeCredential per earned badge, once, as an EdDSA VC-JWT that jose verifies", async () => {
    const { member, badge } = await answerer();
    expect(issueCredentials({ userId: member.id, origin: ORIGIN })).toBe(1);
    expect(issueCredentials({ userId: member.id, origin: ORIGIN })).toBe(0);
    const [row] = credentialsOf(member.id);
    expect(row).toMatchObject({ badge: "first_answer", tag: "" });
    expect(row.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const { jwt } = findCredential(row.id)!;

    expect(await verifiesWithJose(jwt)).toBe(true);
    expect(await verifyCredentialJwt(jwt, row.id)).not.toBeNull();
    expect(decodeProtectedHeader(jwt)).toEqual({
      alg: "EdDSA",
      typ: "JWT",
      kid: `did:web:kring.example#${credentialPublicJwk().kid}`,
    });
    const vc = decodeJwt(jwt) as Record<string, unknown> & { credentialSubject: Record<string, never> };
    expect(vc["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]);
    expect(vc).toMatchObject({
      id: `${ORIGIN}/credentials/${row.id}`,
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: { id: "did:web:kring.example", type: ["Profile"], name: "Kring" },
      validFrom: AWARDED.toISOString(),
      credentialSubject: {
        id: `${ORIGIN}/members/${member.handle}`,
        type: ["AchievementSubject"],
        achievement: {
          id: `${ORIGIN}/badges#first_answer`,
          type: ["Achievement"],
          name: "First Answer",
          description: "Answered a question.",
          criteria: { narrative: "Answered a question." },
        },
      },
      credentialStatus: { id: `${ORIGIN}/credentials/${row.id}/status`, type: "KringCredentialStatus" },
      iss: "did:web:kring.example",
      jti: `${ORIGIN}/credentials/${row.id}`,
      sub: `${ORIGIN}/members/${member.handle}`,
      nbf: AWARDED.getTime() / 1000,
    });
    expect(badge.id).toBe(findCredential(row.id)!.userBadgeId);
  });

  it("a credential with one changed byte in its payload or its signature does not verify", async () => {
    const { member } = await answerer();
    issueCredentials({ userId: member.id, origin: ORIGIN });
    const { id, jwt } = findCredential(credentialsOf(member.id)[0].id)!;
    const [header, payload, signature] = jwt.split(".");
    const bytes = Buffer.from(payload, "base64url");
    bytes[bytes.indexOf("First Answer")] ^= 0x01; // "First Answer" becomes "Girst Answer"
    const tampered = `${header}.${bytes.toString("base64url")}.${signature}`;
    expect(Buffer.from(tampered.split(".")[1], "base64url").toString()).toContain("Girst Answer");
    expect(await verifiesWithJose(tampered)).toBe(false);
    expect(await verifyCredentialJwt(tampered, id)).toBeNull();
    const flippedSignature = Buffer.from(signature, "base64url");
    flippedSignature[0] ^= 0x80;
    expect(await verifiesWithJose(`${header}.${payload}.${flippedSignature.toString("base64url")}`)).toBe(false);
  });

  it("taking a badge back revokes its credential, hides the badge, and the job does not award it again", async () => {
    const { member, badge } = await answerer();
    const lead = await makeUser({ role: "lead" });
    issueCredentials({ userId: member.id, origin: ORIGIN });
    const { id } = credentialsOf(member.id)[0];
    const at = new Date("2026-04-01T09:00:00Z");
    expect(takeBackBadge({ userBadgeId: badge.id, actorId: lead.id, reason: "vote ring", now: at })).toBe(true);
    expect(takeBackBadge({ userBadgeId: badge.id, actorId: lead.id, reason: "again" })).toBe(false);
    expect(findCredential(id)).toMatchObject({ revokedAt: at, revokedReason: "taken_back" });
    expect(badgesOf(member.id).map((b) => b.badge)).not.toContain("first_answer");
    expect(awardBadges(new Date("2026-04-02T09:00:00Z"))).toBe(0);
    expect(db.select().from(userBadges).where(eq(userBadges.userId, member.id)).all()).toHaveLength(1);
    // Not issued again either, and the member's list says revoked.
    expect(issueCredentials({ userId: member.id, origin: ORIGIN })).toBe(0);
    expect(memberCredentials({ userId: member.id, origin: ORIGIN, owner: true })).toEqual([
      { id, name: "First Answer", revoked: true, linkedIn: null },
    ]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "badge.take_back")).get()).toMatchObject({
      actorId: lead.id,
      subject: `user:${member.id}`,
      detail: "first_answer; vote ring",
    });
  });

  it("erasing the member revokes their credentials and drops the signed JWT (it names them)", async () => {
    const { member } = await answerer();
    const admin = await makeUser({ role: "admin" });
    issueCredentials({ userId: member.id, origin: ORIGIN });
    const { id } = credentialsOf(member.id)[0];
    expect(eraseMember({ userId: member.id, actorId: admin.id, deletePosts: false }).ok).toBe(true);
    expect(db.select().from(credentials).where(eq(credentials.id, id)).get()).toMatchObject({
      revokedReason: "erased",
      jwt: "",
    });
    expect(await verifyCredentialJwt("", id)).toBeNull();
    expect(issueCredentials({ userId: member.id, origin: ORIGIN })).toBe(0);
  });

  it("the member's LinkedIn link fills in LinkedIn's certification form, each value encoded", async () => {
    const { member } = await answerer();
    const [credential] = memberCredentials({ userId: member.id, origin: ORIGIN, owner: true });
    const link = new URL(credential.linkedIn!);
    expect(`${link.origin}${link.pathname}`).toBe("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(link.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "First Answer",
      organizationName: "Kring",
      issueYear: "2026",
      issueMonth: "3",
      certUrl: `${ORIGIN}/credentials/${credential.id}`,
      certId: credential.id,
    });
    expect(credential.linkedIn).toContain(`name=First%20Answer&`);
    expect(credential.linkedIn).toContain(`certUrl=${encodeURIComponent(`${ORIGIN}/credentials/${credential.id}`)}`);
    expect(memberCredentials({ userId: member.id, origin: ORIGIN, owner: false })[0].linkedIn).toBeNull();
  });
});
