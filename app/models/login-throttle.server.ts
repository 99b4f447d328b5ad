import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { loginFailures } from "~db/schema";
import { db } from "~/utils/db.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_LOGIN_FAILURES = 10;

/** Throttle keys: one per client IP and one per account, so neither spraying nor guessing works. */
export function throttleKeys({ ip, email }: { ip: string; email: string }) {
  return [`ip:${ip}`, `account:${email.trim().toLowerCase()}`];
}

export function isLoginThrottled(keys: string[], now = Date.now()) {
  const since = now - LOGIN_WINDOW_MS;
  return keys.some((key) => {
    const row = db
      .select({ n: sql<number>`count(*)` })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gte(loginFailures.at, since)))
      .get();
    return (row?.n ?? 0) >= MAX_LOGIN_FAILURES;
  });
}

export function recordLoginFailure(keys: string[], now = Date.now()) {
  db.transaction((tx) => {
    for (const key of keys) {
      tx.delete(loginFailures).where(and(eq(loginFailures.key, key), lt(loginFailures.at, now - LOGIN_WINDOW_MS))).run();
      tx.insert(loginFailures).values({ key, at: now }).run();
    }
  });
}

export function clearLoginFailures(keys: string[]) {
  db.delete(loginFailures).where(inArray(loginFailures.key, keys)).run();
}
