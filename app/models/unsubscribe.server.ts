/**
 * One-click unsubscribe (RFC 8058): every email carries a signed link that, POSTed without a
 * session, turns that kind of email off for its recipient. Notifications stay on in the app.
 */
import { eq } from "drizzle-orm";
import { users, NOTIFICATION_KINDS, type NotificationKind } from "~db/schema";
import { writeTransaction } from "~/utils/db.server";
import { siteUrl } from "~/utils/mail.server";
import { signToken, verifyToken } from "~/utils/signing.server";
import { channelsOf, setChannels } from "./notification.server";

/** A notification kind, the weekly digest, or everything optional. */
export type UnsubscribeScope = NotificationKind | "digest" | "all";

const SCOPES: readonly string[] = [...NOTIFICATION_KINDS, "digest", "all"];

export function unsubscribeUrl(userId: number, scope: UnsubscribeScope) {
  return siteUrl(`/unsubscribe/${signToken(`unsubscribe:${userId}:${scope}`)}`);
}

export function readUnsubscribeToken(token: string): { userId: number; scope: UnsubscribeScope } | null {
  const match = /^unsubscribe:(\d+):([a-z_]+)$/.exec(verifyToken(token) ?? "");
  if (!match || !SCOPES.includes(match[2])) return null;
  return { userId: Number(match[1]), scope: match[2] as UnsubscribeScope };
}

/** Email off for the scope: a kind sent by email falls back to in-app; digest off; "all" does both. */
export function unsubscribe(userId: number, scope: UnsubscribeScope) {
  writeTransaction((tx) => {
    const current = channelsOf(userId);
    const kinds = scope === "all" ? NOTIFICATION_KINDS : scope === "digest" ? [] : [scope];
    setChannels(tx, userId, Object.fromEntries(kinds.filter((k) => current[k] === "email").map((k) => [k, "in_app"])));
    if (scope === "digest" || scope === "all")
      tx.update(users).set({ digest: "off" }).where(eq(users.id, userId)).run();
  });
}
