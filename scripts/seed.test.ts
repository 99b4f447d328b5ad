import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, memberships, organisations, users } from "~db/schema";
import { db } from "~/utils/db.server";
import { DEMO_ACCOUNTS, seed } from "./seed";

const count = (table: typeof users | typeof organisations | typeof memberships | typeof auditLog) =>
  db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;

describe("demo seed", () => {
  it("builds 6+ organisations and 80+ members in Dutch and English, one account per role", async () => {
    await seed();
    expect(count(organisations)).toBeGreaterThanOrEqual(6);
    expect(count(users)).toBeGreaterThanOrEqual(80);
    const roles = db.select({ role: users.role }).from(users).all().map((r) => r.role);
    for (const role of ["member", "expert", "lead", "admin"] as const) expect(roles).toContain(role);
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role)).size).toBe(4);
    const locales = db.select({ locale: users.locale }).from(users).all().map((r) => r.locale);
    expect(locales).toContain("nl");
    expect(locales).toContain("en");
    expect(count(memberships)).toBe(count(users));
  });

  it("adds nothing when run again", async () => {
    const before = [count(users), count(organisations), count(memberships), count(auditLog)];
    await seed();
    expect([count(users), count(organisations), count(memberships), count(auditLog)]).toEqual(before);
  });
});
