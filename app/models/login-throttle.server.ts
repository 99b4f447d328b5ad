/**
 * Throttles for everything that hashes a password or mails a stranger: log-in, sign-up and reset requests.
 * Every attempt is reserved (counted) before the slow work starts, in one write transaction, so parallel
 * requests in any server process count. The rules and their numbers are explained in docs/security.md.
 */
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { loginFailures } from "~db/schema";
import { db, writeTransaction } from "~/utils/db.server";

export type Limit = { key: string; max: number; windowMs: number };

const MINUTE = 60 * 1000;
export const LOGIN_WINDOW_MS = 15 * MINUTE;
/** One account from one address: the tight limit on guessing. */
export const MAX_FAILURES_PER_ADDRESS_AND_ACCOUNT = 10;
/** One address across accounts: password spraying. */
export const MAX_FAILURES_PER_ADDRESS = 30;
/** One account from all addresses that have not signed in to it before: a guessing botnet. */
export const MAX_FAILURES_PER_ACCOUNT = 50;
export const JOIN_WINDOW_MS = 60 * MINUTE;
export const MAX_JOINS_PER_ADDRESS = 20;
export const MAX_RESET_REQUESTS_PER_ADDRESS = 10;

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** An address never contains "|", so the pair key is unambiguous even for odd typed emails. */
const pairKey = (email: string, ip: string) => `pair:${normaliseEmail(email)}|${ip}`;

/**
 * The limits one log-in attempt counts against. A browser that signed in to the account before (a known
 * device) is exempt from the account-wide limit, so a distributed attack cannot lock its owner out.
 */
export function loginLimits({ ip, email, knownDevice }: { ip: string; email: string; knownDevice: boolean }): Limit[] {
  const limits = [
    { key: pairKey(email, ip), max: MAX_FAILURES_PER_ADDRESS_AND_ACCOUNT, windowMs: LOGIN_WINDOW_MS },
    { key: `ip:${ip}`, max: MAX_FAILURES_PER_ADDRESS, windowMs: LOGIN_WINDOW_MS },
  ];
  if (!knownDevice)
    limits.push({ key: `account:${normaliseEmail(email)}`, max: MAX_FAILURES_PER_ACCOUNT, windowMs: LOGIN_WINDOW_MS });
  return limits;
}

export function joinLimits({ ip }: { ip: string }): Limit[] {
  return [{ key: `join-ip:${ip}`, max: MAX_JOINS_PER_ADDRESS, windowMs: JOIN_WINDOW_MS }];
}

export function resetRequestLimits({ ip }: { ip: string }): Limit[] {
  return [{ key: `reset-ip:${ip}`, max: MAX_RESET_REQUESTS_PER_ADDRESS, windowMs: LOGIN_WINDOW_MS }];
}

export type Reservation = { ok: true; ids: number[] } | { ok: false; retryAfterSeconds: number };

/**
 * Checks every limit and, if none is reached, records one attempt against each, atomically: the
 * transaction takes the write lock before it reads, so no other process can count in between. A refused
 * attempt records nothing; it says how many seconds until enough counted attempts leave their window.
 */
export function reserveAttempt(limits: Limit[], now = Date.now()): Reservation {
  return writeTransaction((tx) => {
    let retryAfterMs = 0;
    for (const { key, max, windowMs } of limits) {
      tx.delete(loginFailures)
        .where(and(eq(loginFailures.key, key), lte(loginFailures.at, now - windowMs)))
        .run();
      const counted =
        tx
          .select({ n: sql<number>`count(*)` })
          .from(loginFailures)
          .where(eq(loginFailures.key, key))
          .get()?.n ?? 0;
      if (counted < max) continue;
      // With `counted` attempts in the window, the (counted - max + 1)th oldest must leave it first.
      const freeing = tx
        .select({ at: loginFailures.at })
        .from(loginFailures)
        .where(eq(loginFailures.key, key))
        .orderBy(asc(loginFailures.at), asc(loginFailures.id))
        .limit(1)
        .offset(counted - max)
        .get();
      retryAfterMs = Math.max(retryAfterMs, (freeing?.at ?? now) + windowMs - now);
    }
    if (retryAfterMs > 0) return { ok: false as const, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    const ids = limits.map(
      ({ key }) => tx.insert(loginFailures).values({ key, at: now }).returning({ id: loginFailures.id }).get().id,
    );
    return { ok: true as const, ids };
  });
}

/** Takes back a reserved attempt that turned out not to count (a log-in that succeeded). */
export function releaseAttempt(ids: number[]) {
  if (ids.length) db.delete(loginFailures).where(inArray(loginFailures.id, ids)).run();
}

/** After a successful log-in: the owner's own typos from this address are forgiven. */
export function forgiveAddress({ email, ip }: { email: string; ip: string }) {
  db.delete(loginFailures)
    .where(eq(loginFailures.key, pairKey(email, ip)))
    .run();
}

/** After a password reset (the member proved they read the account's mail): every address's count for it. */
export function forgiveAccount(email: string) {
  const prefix = pairKey(email, "");
  db.delete(loginFailures)
    .where(sql`substr(${loginFailures.key}, 1, ${prefix.length}) = ${prefix}`)
    .run();
}

/** Attempts older than the longest window count for nothing: the daily clean-up deletes them (docs/operations.md). */
export function pruneAttempts(now = Date.now()) {
  return db
    .delete(loginFailures)
    .where(lte(loginFailures.at, now - Math.max(LOGIN_WINDOW_MS, JOIN_WINDOW_MS)))
    .run().changes;
}
