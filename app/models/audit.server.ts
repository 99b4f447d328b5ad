/**
 * The audit log: every moderator and admin action, with actor, subject, reason and time (docs/moderation.md).
 * Rows are written in the transaction of the action they record, and never changed: the table's triggers
 * refuse updates and deletes. Subjects name ids ("user:12"), never names, so erasure leaves nothing personal.
 */
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditLog, events, organisations, posts, users } from "~db/schema";
import { db, type Tx } from "~/utils/db.server";
import { parseForm, type FormErrors } from "~/utils/forms.server";
import { communityMidnight, DAY_MS } from "~/utils/time";
import { postUrl } from "./post-queries.server";

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
  "user.purge",
  "badge.take_back",
  "org.create",
  "org.update",
  "org.member",
  "org.remove",
  "health.nudge",
  "health.invite",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Names rows were written under before the log had its page; the table is append-only, so they stay, and are
 * shown and filtered as the action they are ("role.lead" is a role change to lead).
 */
const LEGACY: Record<string, AuditAction> = {
  "role.member": "user.role",
  "role.expert": "user.role",
  "role.lead": "user.role",
  "role.admin": "user.role",
  "org.assign": "org.member",
};
const namesOf = (action: AuditAction) => [action, ...Object.keys(LEGACY).filter((name) => LEGACY[name] === action)];

function current(row: { action: string; detail: string }) {
  const action = LEGACY[row.action];
  if (!action) return { action: row.action as AuditAction, detail: row.detail };
  const role = row.action.startsWith("role.") ? `→ ${row.action.slice(5)}` : "";
  return { action, detail: [role, row.detail].filter(Boolean).join(" ") };
}

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

export type AuditFilter = { action?: AuditAction; actorId?: number; subject?: string; from?: Date; to?: Date };

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "error.auditDate")
  .refine((value) => {
    const at = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().startsWith(value);
  }, "error.auditDate")
  .or(z.literal(""));
const FilterSchema = z
  .object({
    action: z.enum(AUDIT_ACTIONS).or(z.literal("")).default(""),
    actor: z
      .string()
      .trim()
      .transform((handle) => handle.replace(/^@/, ""))
      .pipe(z.string().max(30, "error.unknownMember"))
      .default(""),
    subject: z
      .string()
      .trim()
      .regex(/^(user|post|org):[1-9]\d{0,14}$/, "error.auditSubject")
      .or(z.literal(""))
      .default(""),
    from: day.default(""),
    to: day.default(""),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "error.auditDateRange" });
export type AuditFilterValues = z.infer<typeof FilterSchema>;

/**
 * The filters of /admin/audit and its CSV, from the query string. Days are community days (Europe/Amsterdam),
 * both ends included.
 */
export function parseAuditFilter(params: URLSearchParams) {
  const parsed = parseForm(FilterSchema, params);
  if (!parsed.ok) return parsed;
  const values = parsed.data;
  const actor = values.actor
    ? db
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.handle}) = lower(${values.actor})`)
        .get()
    : undefined;
  if (values.actor && !actor) return { ok: false as const, errors: { actor: "error.unknownMember" } as FormErrors };
  const filter: AuditFilter = {
    action: values.action || undefined,
    actorId: actor?.id,
    subject: values.subject || undefined,
    from: values.from ? communityMidnight(values.from) : undefined,
    to: values.to ? communityMidnight(new Date(Date.parse(values.to) + DAY_MS).toISOString().slice(0, 10)) : undefined,
  };
  return { ok: true as const, values, filter };
}

function where(filter: AuditFilter): SQL | undefined {
  return and(
    filter.action ? inArray(auditLog.action, namesOf(filter.action)) : undefined,
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
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
  return { rows: rows.slice(0, perPage).map((row) => ({ ...row, ...current(row) })), hasNext: rows.length > perPage };
}

/** Every matching entry, for the CSV (the log of a community stays in the thousands). */
export function allAudit(filter: AuditFilter) {
  return entries(filter)
    .all()
    .map((row) => ({ ...row, ...current(row) }));
}

/** "user:12", "post:40", "org:3", "event:5" in a subject or a detail. */
export const AUDIT_REFERENCE = /\b(user|post|org|event):([1-9]\d{0,14})\b/g;

/** Each kind of id the log names, and where its rows are now: [id, address] pairs. */
const WHERE: Record<"user" | "post" | "org" | "event", (ids: number[]) => [number, string][]> = {
  user: (ids) =>
    db
      .select({ id: users.id, handle: users.handle })
      .from(users)
      .where(inArray(users.id, ids))
      .all()
      .map((u) => [u.id, `/members/${u.handle}`]),
  post: (ids) =>
    db
      .select({ id: posts.id, kind: posts.kind, slug: posts.slug, parentId: posts.parentId })
      .from(posts)
      .where(inArray(posts.id, ids))
      .all()
      .map((p) => [p.id, postUrl(p)]),
  org: (ids) =>
    db
      .select({ id: organisations.id, slug: organisations.slug })
      .from(organisations)
      .where(inArray(organisations.id, ids))
      .all()
      .map((o) => [o.id, `/orgs/${o.slug}`]),
  event: (ids) =>
    db
      .select({ id: events.id })
      .from(events)
      .where(inArray(events.id, ids))
      .all()
      .map((e) => [e.id, `/events/${e.id}`]),
};

/**
 * Where the ids a page of the log names live now: "user:12" → "/members/ada", "post:40" → the post. Ids whose
 * row is gone have no link.
 */
export function auditLinks(texts: string[]) {
  const ids = new Map<keyof typeof WHERE, Set<number>>();
  for (const text of texts)
    for (const [, kind, id] of text.matchAll(AUDIT_REFERENCE)) {
      const set = ids.get(kind as keyof typeof WHERE) ?? new Set();
      ids.set(kind as keyof typeof WHERE, set.add(Number(id)));
    }
  const links: Record<string, string> = {};
  for (const [kind, set] of ids) for (const [id, href] of WHERE[kind]([...set])) links[`${kind}:${id}`] = href;
  return links;
}
