import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { sessions, userVisits } from "~db/schema";
import { makeUser } from "../../test/factories";
import {
  ABSOLUTE_LIFETIME_MS,
  changePassword,
  createUserSession,
  getSession,
  getUser,
  hashPassword,
  hashSessionId,
  logout,
  requirePermission,
  requireRole,
  requireUser,
  verifyPassword,
} from "./auth.server";
import { db } from "./db.server";
import { canSeeHealth } from "./permissions";

const request = (cookie?: string, url = "http://localhost/settings") =>
  new Request(url, { headers: cookie ? { Cookie: cookie.split(";")[0] } : {} });

describe("passwords", () => {
  it("are hashed with argon2id, 19456 KiB and 2 iterations", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "wrong horse battery")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});

describe("sessions", () => {
  it("store only the SHA-256 hash of the cookie's value", async () => {
    const user = await makeUser();
    const cookie = await createUserSession(request(), user.id);
    const value = /kring_session=([^;]+)/.exec(cookie)![1];
    const rows = db.select().from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0].id).not.toBe(value);
    expect(JSON.stringify(db.$client.prepare("select * from sessions").all())).not.toContain(value);
    expect(rows[0].id).toBe(createHash("sha256").update(value).digest("hex"));
    expect((await getUser(request(cookie)))?.id).toBe(user.id);
  });

  it("set an HttpOnly SameSite=Lax cookie, Secure only over HTTPS", async () => {
    const user = await makeUser();
    const plain = await createUserSession(request(), user.id);
    expect(plain).toMatch(/HttpOnly/);
    expect(plain).toMatch(/SameSite=Lax/);
    expect(plain).not.toMatch(/Secure/);
    const secure = await createUserSession(request(undefined, "https://kring.example/login"), user.id);
    expect(secure).toMatch(/Secure/);
  });

  it("end after the absolute lifetime even when used every day", async () => {
    const user = await makeUser();
    const cookie = await createUserSession(request(), user.id);
    db.update(sessions)
      .set({ createdAt: Date.now() - ABSOLUTE_LIFETIME_MS - 1000 })
      .where(eq(sessions.userId, user.id))
      .run();
    expect(await getUser(request(cookie))).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
  });

  it("end after the idle timeout", async () => {
    const user = await makeUser();
    const cookie = await createUserSession(request(), user.id);
    db.update(sessions)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(sessions.userId, user.id))
      .run();
    expect(await getUser(request(cookie))).toBeNull();
  });

  it("slide: a session used in the second half of its idle period is extended", async () => {
    const user = await makeUser();
    const cookie = await createUserSession(request(), user.id);
    const soon = Date.now() + 60 * 60 * 1000;
    db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.userId, user.id)).run();
    expect(await getUser(request(cookie))).not.toBeNull();
    const row = db.select().from(sessions).where(eq(sessions.userId, user.id)).get()!;
    expect(row.expiresAt).toBeGreaterThan(soon + 24 * 60 * 60 * 1000);
  });

  it("a password change ends every other session of the member, not the current one", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const mine = await createUserSession(request(), user.id);
    const elsewhere = await createUserSession(request(), user.id);
    const someoneElse = await createUserSession(request(), other.id);
    const current = await getSession(request(mine));
    await changePassword({
      userId: user.id,
      newPassword: "a-brand-new-password",
      currentSessionId: current!.session.id,
    });
    expect(await getUser(request(mine))).not.toBeNull();
    expect(await getUser(request(elsewhere))).toBeNull();
    expect(await getUser(request(someoneElse))).not.toBeNull();
  });

  it("logout ends the session and clears the cookie", async () => {
    const user = await makeUser();
    const cookie = await createUserSession(request(), user.id);
    const cleared = await logout(request(cookie));
    expect(cleared).toMatch(/Max-Age=0/);
    expect(await getUser(request(cookie))).toBeNull();
  });
});

describe("a database that refuses writes", () => {
  // query_only makes SQLite answer every write with SQLITE_READONLY, as a read-only file does, for root too
  // (test/http/read-only.test.ts does it with file permissions).
  it("still signs members in: the sliding expiry and the visit are skipped, said once in the log", async () => {
    const user = await makeUser();
    const cookie = await createUserSession(request(), user.id);
    const ended = await createUserSession(request(), user.id);
    const soon = Date.now() + 60 * 60 * 1000;
    db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.userId, user.id)).run();
    const endedId = hashSessionId(/kring_session=([^;]+)/.exec(ended)![1]);
    db.update(sessions)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(sessions.id, endedId))
      .run();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    db.$client.pragma("query_only = ON");
    try {
      expect((await getUser(request(cookie)))?.id).toBe(user.id);
      expect((await getUser(request(cookie)))?.id).toBe(user.id);
      expect(await getUser(request(ended))).toBeNull(); // an ended session that cannot be deleted is ended all the same
    } finally {
      db.$client.pragma("query_only = OFF");
    }
    expect(
      db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, user.id))
        .all()
        .map((s) => s.expiresAt),
    ).toContain(soon);
    expect(db.select().from(userVisits).where(eq(userVisits.userId, user.id)).all()).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/^The database refuses writes \(SQLITE_READONLY\)/);
  });
});

describe("guards", () => {
  it("requireUser redirects to the login page with a safe redirectTo", async () => {
    const thrown = await requireUser(request(undefined, "http://localhost/settings?x=1")).catch((r: Response) => r);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%3Fx%3D1");
  });

  it("requireRole answers 403 to a member and lets a lead or admin through", async () => {
    const member = await makeUser({ role: "member" });
    const admin = await makeUser({ role: "admin" });
    const memberCookie = await createUserSession(request(), member.id);
    const adminCookie = await createUserSession(request(), admin.id);
    const thrown = await requireRole(request(memberCookie), "lead").catch((r: Response) => r);
    expect((thrown as Response).status).toBe(403);
    expect((await requireRole(request(adminCookie), "lead")).id).toBe(admin.id);
  });

  it("requirePermission answers 403 to a user the named permission refuses, and a login redirect to a visitor", async () => {
    const member = await makeUser({ role: "member" });
    const lead = await makeUser({ role: "lead" });
    const thrown = await requirePermission(request(await createUserSession(request(), member.id)), canSeeHealth).catch(
      (r: Response) => r,
    );
    expect((thrown as Response).status).toBe(403);
    expect((await requirePermission(request(await createUserSession(request(), lead.id)), canSeeHealth)).id).toBe(
      lead.id,
    );
    expect(((await requirePermission(request(), canSeeHealth).catch((r: Response) => r)) as Response).status).toBe(302);
  });
});

describe("session lookups", () => {
  it("are validated once per GET request, however many loaders ask", async () => {
    const user = await makeUser();
    const cookie = await createUserSession(request(), user.id);
    const get = request(cookie);
    expect((await getUser(get))?.id).toBe(user.id);
    // The session ends in the database: the same request keeps its answer, a new one reads afresh.
    db.delete(sessions).where(eq(sessions.userId, user.id)).run();
    expect((await getUser(get))?.id).toBe(user.id);
    expect(await getUser(request(cookie))).toBeNull();
  });
});
