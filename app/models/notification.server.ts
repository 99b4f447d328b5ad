/**
 * In-app notifications and the email that may follow each. A notification is written in the same
 * transaction as the change it reports; its email is a job enqueued in that transaction too, so
 * neither is lost nor sent for a change that rolled back.
 */
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  notificationPreferences,
  notifications,
  users,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from "~db/schema";
import { db, prepared, type Tx, writeTransaction } from "~/utils/db.server";
import { IN_APP_ONLY_KINDS } from "~/utils/follow";
import { enqueueJob } from "~/utils/jobs.server";

/** What a member gets until they choose otherwise in /settings. */
export const DEFAULT_CHANNELS: Record<NotificationKind, NotificationChannel> = {
  answer: "email",
  comment: "in_app",
  accepted: "email",
  mention: "email",
  waitlist_promoted: "email",
  event_reminder: "email",
  event_changed: "email",
  badge: "in_app",
  nudge: "email",
  ask_expert: "email",
  moderation: "in_app",
  followed_question: "in_app",
  following: "in_app",
  idea_status: "email",
  idea_merged: "in_app",
  routed_question: "email",
  introduction: "email",
};

export const MAX_MENTIONS_NOTIFIED = 10;

export function channelsOf(userId: number): Record<NotificationKind, NotificationChannel> {
  const chosen = db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).all();
  return { ...DEFAULT_CHANNELS, ...Object.fromEntries(chosen.map((p) => [p.kind, p.channel])) };
}

function channelOf(tx: Tx, userId: number, kind: NotificationKind): NotificationChannel {
  const row = tx
    .select({ channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)))
    .get();
  return row?.channel ?? DEFAULT_CHANNELS[kind];
}

export function setChannels(tx: Tx, userId: number, channels: Partial<Record<NotificationKind, NotificationChannel>>) {
  for (const [kind, channel] of Object.entries(channels) as [NotificationKind, NotificationChannel][]) {
    tx.insert(notificationPreferences)
      .values({ userId, kind, channel })
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { channel } })
      .run();
  }
}

export type NewNotification = {
  userId: number;
  kind: NotificationKind;
  actorId?: number | null;
  /** What it is about, for grouping: "post:12", "event:3". */
  subject: string;
  title: string;
  url: string;
  message?: string;
  /** At most one notification per member with this key (e.g. "post:34": one per post, also after edits). */
  dedupeKey?: string;
  /** When the change it reports happened (defaults to now). */
  at?: Date;
};

/**
 * Notifies one member, as their preference for this kind says (nothing, in the app, or also by
 * email). Nobody is notified of their own doing. Returns the new notification's id, or null.
 */
export function notify(tx: Tx, input: NewNotification): number | null {
  if (input.actorId && input.actorId === input.userId) return null;
  // An erased member is told nothing more (docs/privacy.md): a badge or reply after erasure would be theirs again.
  if (tx.select({ erasedAt: users.erasedAt }).from(users).where(eq(users.id, input.userId)).get()?.erasedAt)
    return null;
  const chosen = channelOf(tx, input.userId, input.kind);
  if (chosen === "off") return null;
  // New content in followed tags and by followed members goes to the weekly digest, never one email per post.
  const channel = chosen === "email" && IN_APP_ONLY_KINDS.includes(input.kind) ? "in_app" : chosen;
  const { at, ...fields } = input;
  const row = tx
    .insert(notifications)
    .values({
      ...fields,
      message: input.message ?? "",
      dedupeKey: input.dedupeKey ?? null,
      createdAt: at ?? new Date(),
    })
    .onConflictDoNothing()
    .returning({ id: notifications.id })
    .get();
  if (!row) return null;
  if (channel === "email")
    enqueueJob(tx, {
      kind: "notification-email",
      key: `notification-email:${row.id}`,
      payload: { notificationId: row.id },
    });
  return row.id;
}

const unreadCountQuery = prepared(() =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
    .prepare(),
);

/** For the header on every signed-in page: one indexed count. */
export function unreadCount(userId: number) {
  return unreadCountQuery().get({ userId })?.n ?? 0;
}

export type NotificationGroup = {
  ids: number[];
  kind: NotificationKind;
  title: string;
  url: string;
  message: string;
  actors: string[];
  count: number;
  unread: boolean;
  createdAt: Date;
};

/**
 * A member's notifications, newest first, with unread ones of the same kind about the same thing
 * folded into one ("5 new answers to …"). Read ones stay single, as history.
 */
export function listNotifications(userId: number, { limit = 50 } = {}): NotificationGroup[] {
  const rows = db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      subject: notifications.subject,
      title: notifications.title,
      url: notifications.url,
      message: notifications.message,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      actorName: users.name,
    })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all();
  const groups: NotificationGroup[] = [];
  const open = new Map<string, NotificationGroup>();
  for (const row of rows) {
    const unread = row.readAt === null;
    const key = `${row.kind}|${row.subject}`;
    const group = unread && row.kind !== "nudge" ? open.get(key) : undefined;
    if (group) {
      group.ids.push(row.id);
      group.count++;
      if (row.actorName && !group.actors.includes(row.actorName)) group.actors.push(row.actorName);
      continue;
    }
    const created: NotificationGroup = {
      ids: [row.id],
      kind: row.kind,
      title: row.title,
      url: row.url,
      message: row.message,
      actors: row.actorName ? [row.actorName] : [],
      count: 1,
      unread,
      createdAt: row.createdAt,
    };
    groups.push(created);
    if (unread) open.set(key, created);
  }
  return groups;
}

/** Marks the given notifications (only the member's own) read; none given means all. */
export function markRead(userId: number, ids?: number[], now = new Date()) {
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  db.update(notifications)
    .set({ readAt: now })
    .where(ids ? and(mine, inArray(notifications.id, ids)) : mine)
    .run();
}

export function getNotification(id: number) {
  return db.select().from(notifications).where(eq(notifications.id, id)).get();
}

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** What /settings shows and saves: a channel per kind and the weekly digest, in one transaction. */
export function notificationSettings(userId: number) {
  const digest = db.select({ digest: users.digest }).from(users).where(eq(users.id, userId)).get()?.digest ?? "weekly";
  return { channels: channelsOf(userId), digest };
}

export function saveNotificationSettings(
  userId: number,
  settings: { channels: Record<NotificationKind, NotificationChannel>; digest: "weekly" | "off" },
) {
  writeTransaction((tx) => {
    setChannels(tx, userId, settings.channels);
    tx.update(users).set({ digest: settings.digest }).where(eq(users.id, userId)).run();
  });
}
