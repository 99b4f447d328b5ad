/**
 * Suspending and silencing members (docs/moderation.md). A suspension ends every session at once and stops
 * all email; it lifts itself at its end date (isSuspended reads the date, and the daily clean-up clears what
 * has lapsed, so queries that filter on `suspended_at` agree). Silencing makes a member read-only.
 */
import { and, eq, isNotNull, lte, or, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { sessions, users } from "~db/schema";
import { type Tx, writeTransaction } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { recordAudit } from "./audit.server";

type Restriction = { userId: number; moderatorId: number; reason: string; until: Date | null; now?: Date };

export function suspendMember(tx: Tx, { userId, moderatorId, reason, until, now = new Date() }: Restriction) {
  tx.update(users)
    .set({ suspendedAt: now, suspendedUntil: until, suspendReason: reason })
    .where(eq(users.id, userId))
    .run();
  tx.delete(sessions).where(eq(sessions.userId, userId)).run();
  bumpCacheTags(tx, [`member:${userId}`]);
  recordAudit(tx, {
    actorId: moderatorId,
    action: "user.suspend",
    subject: `user:${userId}`,
    detail: untilDetail(reason, until),
    at: now,
  });
}

export function silenceMember(tx: Tx, { userId, moderatorId, reason, until, now = new Date() }: Restriction) {
  tx.update(users).set({ silencedAt: now, silencedUntil: until }).where(eq(users.id, userId)).run();
  recordAudit(tx, {
    actorId: moderatorId,
    action: "user.silence",
    subject: `user:${userId}`,
    detail: untilDetail(reason, until),
    at: now,
  });
}

/** The audit detail: the reason, and the end date when there is one. */
function untilDetail(reason: string, until: Date | null) {
  return until ? `${reason} (until ${until.toISOString()})` : reason;
}

export type MemberRestriction = "suspend" | "silence";

/** A lead's form on a member's page: suspend or silence, each with a reason and an end date (null: indefinite). */
export function restrictMember(kind: MemberRestriction, input: Restriction) {
  return writeTransaction((tx) => (kind === "suspend" ? suspendMember : silenceMember)(tx, input));
}

export function liftRestriction(
  kind: MemberRestriction,
  { userId, moderatorId, reason = "", now = new Date() }: Omit<Restriction, "until"> & { reason?: string },
) {
  writeTransaction((tx) => {
    tx.update(users)
      .set(
        kind === "suspend"
          ? { suspendedAt: null, suspendedUntil: null, suspendReason: "" }
          : { silencedAt: null, silencedUntil: null },
      )
      .where(eq(users.id, userId))
      .run();
    bumpCacheTags(tx, [`member:${userId}`]);
    recordAudit(tx, {
      actorId: moderatorId,
      action: kind === "suspend" ? "user.unsuspend" : "user.unsilence",
      subject: `user:${userId}`,
      detail: reason,
      at: now,
    });
  });
}

/** Clears suspensions and silences whose end date has passed (the daily clean-up); returns how many. */
export function clearLapsedRestrictions(now = new Date()) {
  return writeTransaction((tx) => {
    const lapsed = (at: SQLiteColumn, until: SQLiteColumn) => and(isNotNull(at), isNotNull(until), lte(until, now));
    const suspended = tx
      .update(users)
      .set({ suspendedAt: null, suspendedUntil: null, suspendReason: "" })
      .where(lapsed(users.suspendedAt, users.suspendedUntil))
      .run().changes;
    const silenced = tx
      .update(users)
      .set({ silencedAt: null, silencedUntil: null })
      .where(lapsed(users.silencedAt, users.silencedUntil))
      .run().changes;
    return suspended + silenced;
  });
}

/** SQL for "not suspended now", for the queries that pick who gets email (digests). */
export const notSuspended = (now = new Date()) =>
  or(sql`${users.suspendedAt} is null`, and(isNotNull(users.suspendedUntil), lte(users.suspendedUntil, now)));
