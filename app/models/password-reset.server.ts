/**
 * Password reset by email: a single-use token valid for an hour, stored only as its SHA-256 hash.
 * Asking for one answers the same whether or not the address has an account.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { passwordResets, sessions, users } from "~db/schema";
import { hashPassword } from "~/utils/auth.server";
import { db, writeTransaction } from "~/utils/db.server";
import { enqueueJob } from "~/utils/jobs.server";
import { findUserByEmail } from "./user.server";

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

export const RESET_LIFETIME_MS = 60 * 60 * 1000;
/** More requests than this per account per hour send nothing more (the page still says "sent"). */
const MAX_REQUESTS_PER_HOUR = 3;

export function requestPasswordReset(email: string, now = new Date()) {
  const user = findUserByEmail(email);
  if (!user) return;
  writeTransaction((tx) => {
    const recent =
      tx
        .select({ n: sql<number>`count(*)` })
        .from(passwordResets)
        .where(
          and(
            eq(passwordResets.userId, user.id),
            gt(passwordResets.createdAt, new Date(now.getTime() - RESET_LIFETIME_MS)),
          ),
        )
        .get()?.n ?? 0;
    if (recent >= MAX_REQUESTS_PER_HOUR) return;
    const token = randomBytes(32).toString("base64url");
    const tokenHash = sha256(token);
    tx.insert(passwordResets)
      .values({ tokenHash, userId: user.id, expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS), createdAt: now })
      .run();
    // The job carries the token until the email is written; the handler then blanks it.
    enqueueJob(tx, {
      kind: "password-reset-email",
      key: `password-reset-email:${tokenHash}`,
      payload: { userId: user.id, token },
    });
  });
}

/** Whether the token can still be used (for showing the form or the "invalid link" message). */
export function isUsableResetToken(token: string, now = new Date()) {
  const row = db
    .select()
    .from(passwordResets)
    .where(eq(passwordResets.tokenHash, sha256(token)))
    .get();
  return !!row && row.usedAt === null && row.expiresAt > now;
}

/**
 * Sets the new password if the token is unused and unexpired, using it up and ending every session
 * of the member, all in one transaction. Returns the member's id, or null for an invalid, used or expired token.
 */
export async function resetPassword(token: string, newPassword: string, now = new Date()) {
  // Checked before the (deliberately slow) hashing, so bad links cost nothing; checked again below.
  if (!isUsableResetToken(token, now)) return null;
  const passwordHash = await hashPassword(newPassword);
  return writeTransaction((tx) => {
    const used = tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, sha256(token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId })
      .get();
    if (!used) return null;
    tx.update(users).set({ passwordHash }).where(eq(users.id, used.userId)).run();
    // Any other link the member asked for is spent too.
    tx.update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, used.userId), isNull(passwordResets.usedAt)))
      .run();
    tx.delete(sessions).where(eq(sessions.userId, used.userId)).run();
    return used.userId;
  });
}
