/**
 * Everything about accounts and sessions lives here, so lucia stays behind one module.
 * Session ids travel only in the cookie; the database keeps their SHA-256 hash, so a leaked
 * database (or backup) cannot be replayed as a log-in.
 */
import { createHash } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { json, redirect } from "@remix-run/node";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import { Cookie, Lucia, TimeSpan, type Adapter, type DatabaseSession } from "lucia";
import { sessions, users, type Role, type User } from "~db/schema";
import { db, prepared, skipWhenReadOnly, writeUnlessReadOnly, writeTransaction } from "./db.server";
import { env } from "./env.server";
import { hasRole, isSilenced, isSuspended } from "./permissions";
import { resolveLocale } from "./preferences.server";
import { safeRedirect } from "./redirect";
import { recordVisit } from "~/models/visit.server";
import { forbidden } from "~/utils/http.server";
import { DAY_MS } from "./time";

export const IDLE_TIMEOUT = new TimeSpan(14, "d");
export const ABSOLUTE_LIFETIME_MS = 30 * DAY_MS;
export const SESSION_COOKIE = "kring_session";

// OWASP's minimum for argon2id: 19 MiB memory, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 } as const;

export function hashPassword(password: string) {
  return hash(password, ARGON2_OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string) {
  return verify(passwordHash, password).catch(() => false);
}

export function hashSessionId(sessionId: string) {
  return createHash("sha256").update(sessionId).digest("hex");
}

// Every signed-in request runs this: one prepared join.
const sessionAndUserQuery = prepared(() =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare(),
);

const adapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const row = sessionAndUserQuery().get({ id: hashSessionId(sessionId) });
    if (!row) return [null, null];
    const session: DatabaseSession = {
      id: sessionId,
      userId: row.session.userId,
      expiresAt: new Date(row.session.expiresAt),
      attributes: { createdAt: row.session.createdAt },
    };
    return [session, row.user ? { id: row.user.id, attributes: row.user } : null];
  },
  async getUserSessions(userId) {
    return db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .all()
      .map((row) => ({
        id: row.id,
        userId: row.userId,
        expiresAt: new Date(row.expiresAt),
        attributes: { createdAt: row.createdAt },
      }));
  },
  async setSession(session) {
    db.insert(sessions)
      .values({
        id: hashSessionId(session.id),
        userId: session.userId,
        expiresAt: session.expiresAt.getTime(),
        createdAt: session.attributes.createdAt,
      })
      .run();
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    // The sliding expiry is a courtesy: on a read-only database the session keeps its expiry and the page is served.
    writeUnlessReadOnly(() =>
      db
        .update(sessions)
        .set({ expiresAt: expiresAt.getTime() })
        .where(eq(sessions.id, hashSessionId(sessionId)))
        .run(),
    );
  },
  async deleteSession(sessionId) {
    db.delete(sessions)
      .where(eq(sessions.id, hashSessionId(sessionId)))
      .run();
  },
  async deleteUserSessions(userId) {
    db.delete(sessions).where(eq(sessions.userId, userId)).run();
  },
  async deleteExpiredSessions() {
    db.delete(sessions).where(lt(sessions.expiresAt, Date.now())).run();
  },
};

/** `silenced`: read-only for now (docs/moderation.md), worked out each time the session is read. */
export type SessionUser = Pick<
  User,
  "id" | "name" | "handle" | "email" | "role" | "locale" | "theme" | "reputation"
> & {
  silenced: boolean;
};
type Suspension = Pick<User, "suspendedAt" | "suspendedUntil" | "suspendReason">;

const lucia = new Lucia(adapter, {
  sessionExpiresIn: IDLE_TIMEOUT,
  sessionCookie: { name: SESSION_COOKIE },
  getSessionAttributes: (attributes) => attributes,
  getUserAttributes: (u): Omit<SessionUser, "id"> & Suspension => ({
    name: u.name,
    handle: u.handle,
    email: u.email,
    role: u.role,
    locale: u.locale,
    theme: u.theme,
    reputation: u.reputation,
    silenced: isSilenced(u),
    suspendedAt: u.suspendedAt,
    suspendedUntil: u.suspendedUntil,
    suspendReason: u.suspendReason,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    UserId: number;
    DatabaseSessionAttributes: { createdAt: number };
    DatabaseUserAttributes: User;
  }
}

/** HTTPS is known from PUBLIC_URL, or from the request (whose protocol honours TRUST_PROXY). */
export function isSecureRequest(request: Request) {
  const publicUrl = env().PUBLIC_URL;
  if (publicUrl) return publicUrl.startsWith("https:");
  return new URL(request.url).protocol === "https:";
}

function sessionCookie(request: Request, value: string, maxAgeSeconds: number) {
  return new Cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: isSecureRequest(request),
    path: "/",
    maxAge: maxAgeSeconds,
  }).serialize();
}

/** Starts a session and returns the Set-Cookie header value. The cookie lives as long as the absolute lifetime. */
export async function createUserSession(request: Request, userId: number) {
  const session = await lucia.createSession(userId, { createdAt: Date.now() });
  return sessionCookie(request, session.id, ABSOLUTE_LIFETIME_MS / 1000);
}

function readSessionId(request: Request) {
  return lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
}

type ValidSession = { session: Awaited<ReturnType<typeof lucia.validateSession>>["session"] & {}; user: SessionUser };

// The root loader and the page's loader both ask for the session of one request. On a GET nothing
// can change it in between, so it is validated once; after an action (POST) it is read afresh.
const sessionsOfRequest = new WeakMap<Request, Promise<ValidSession | null>>();

export function getSession(request: Request): Promise<ValidSession | null> {
  if (request.method !== "GET") return validate(request);
  let pending = sessionsOfRequest.get(request);
  if (!pending) {
    pending = validate(request);
    sessionsOfRequest.set(request, pending);
  }
  return pending;
}

async function validate(request: Request): Promise<ValidSession | null> {
  const sessionId = readSessionId(request);
  if (!sessionId) return null;
  // Validation writes only to extend a session (which may be skipped) or to delete an ended one: an ended
  // session that a read-only database cannot delete is ended all the same.
  const { session, user } = await lucia.validateSession(sessionId).catch((error: unknown) => {
    skipWhenReadOnly(error);
    return { session: null, user: null };
  });
  if (!session) return null;
  if (session.createdAt + ABSOLUTE_LIFETIME_MS < Date.now()) {
    await lucia.invalidateSession(session.id).catch(skipWhenReadOnly);
    return null;
  }
  const { suspendedAt, suspendedUntil, suspendReason, ...member } = user;
  const suspension = { suspendedAt, suspendedUntil, suspendReason };
  if (isSuspended(suspension)) {
    await lucia.invalidateUserSessions(user.id).catch(skipWhenReadOnly);
    throw accountSuspended(request, member, suspension);
  }
  recordVisit(user.id);
  return { session, user: member };
}

/**
 * What a suspended member's request or log-in gets, whatever it asked (a page, an action, a feed): 403 with
 * the reason, the end date and their language for the error page, and the cookie cleared, as every session of
 * theirs has ended. docs/moderation.md
 */
export function accountSuspended(request: Request, member: Pick<User, "locale">, suspension: Suspension) {
  return json(
    {
      suspended: true,
      reason: suspension.suspendReason,
      until: suspension.suspendedUntil?.toISOString() ?? null,
      locale: resolveLocale(request, member),
    },
    { status: 403, headers: { "Set-Cookie": sessionCookie(request, "", 0) } },
  );
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.pathname + url.search);
  return redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

export async function requireRole(request: Request, role: Role): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!hasRole(user, role)) throw forbidden();
  return user;
}

/** A signed-in user a named permission of app/utils/permissions.ts allows (`canSeeHealth`); others get a 403. */
export async function requirePermission(
  request: Request,
  allowed: (user: SessionUser) => boolean,
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!allowed(user)) throw forbidden();
  return user;
}

/** Ends the current session; returns the Set-Cookie header value that clears the cookie. */
export async function logout(request: Request) {
  const sessionId = readSessionId(request);
  if (sessionId) await lucia.invalidateSession(sessionId);
  return sessionCookie(request, "", 0);
}

/** Removes sessions past their expiry (they can no longer sign anyone in); the daily clean-up job calls it. */
export function deleteExpiredSessions(now = new Date()) {
  return db.delete(sessions).where(lt(sessions.expiresAt, now.getTime())).run().changes;
}

/** Sets a new password and, in the same transaction, ends every other session of the member. */
export async function changePassword({
  userId,
  newPassword,
  currentSessionId,
}: {
  userId: number;
  newPassword: string;
  currentSessionId: string;
}) {
  const passwordHash = await hashPassword(newPassword);
  writeTransaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    tx.delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.id, hashSessionId(currentSessionId))))
      .run();
  });
}
