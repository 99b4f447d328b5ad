/**
 * The audit log: every moderator and admin action, with actor, subject, reason and time (docs/moderation.md).
 * Rows are written in the transaction of the action they record, and never changed: the table's triggers
 * refuse updates and deletes. Subjects name ids ("user:12"), never names, so erasure leaves nothing personal.
 */
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { auditLog, users } from "~db/schema";
import { db, type Tx } from "~/utils/db.server";

export const AUDIT_ACTIONS = [
  "flag.dismiss",
  "post.hide",
  "post.delete",
  "post.restore",
  "post.approve",
  "user.suspend",
  "user.unsuspend",
  "user.silence",
  "user.unsilence",
  "user.role",
  "user.expert",
  "user.erase",
  "org.create",
  "org.update",
  "org.member",
  "health.nudge",
  "health.invite",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  actorId: number | null;
  action: AuditAction;
  subject: `${"user" | "post" | "org"}:${number}`;
  detail?: string;
  at?: Date;
};

export function recordAudit(tx: Tx, entry: AuditEntry) {
  tx.insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      subject: entry.subject,
      detail: entry.detail ?? "",
      createdAt: entry.at ?? new Date(),
    })
    .run();
}

export type AuditFilter = { action?: AuditAction; actor?: string; subject?: string; from?: Date; to?: Date };

function where(filter: AuditFilter): SQL | undefined {
  return and(
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.actor ? sql`lower(${users.handle}) = lower(${filter.actor})` : undefined,
    filter.subject ? eq(auditLog.subject, filter.subject) : undefined,
    filter.from ? gte(auditLog.createdAt, filter.from) : undefined,
    filter.to ? lt(auditLog.createdAt, filter.to) : undefined,
  );
}

function entries(filter: AuditFilter) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      subject: auditLog.subject,
      detail: auditLog.detail,
      createdAt: auditLog.createdAt,
      actorName: users.name,
      actorHandle: users.handle,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where(filter))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id));
}

/** One page of the log, newest first, and whether there is a next page. */
export function listAudit(filter: AuditFilter, { page, perPage }: { page: number; perPage: number }) {
  const rows = entries(filter)
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .all();
  return { rows: rows.slice(0, perPage), hasNext: rows.length > perPage };
}

/** Every matching entry, for the CSV (the log of a community stays in the thousands). */
export function allAudit(filter: AuditFilter) {
  return entries(filter).all();
}
