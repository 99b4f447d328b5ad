import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, auditLog, memberships, organisations, posts, users, votes } from "~db/schema";
import { healthReport } from "~/models/health.server";
import { db } from "~/utils/db.server";
import { DEMO_ACCOUNTS, seed } from "./seed";

type Table = typeof users | typeof organisations | typeof memberships | typeof auditLog | typeof posts | typeof votes | typeof activities;
const count = (table: Table) => db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;
const countKind = (kind: string) => db.select({ n: sql<number>`count(*)` }).from(posts).where(sql`${posts.kind} = ${kind}`).get()!.n;

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

  it("adds 150+ articles and 400+ questions with answers, comments and votes over nine months", () => {
    expect(countKind("article")).toBeGreaterThanOrEqual(150);
    expect(countKind("question")).toBeGreaterThanOrEqual(400);
    expect(countKind("answer")).toBeGreaterThan(400);
    expect(countKind("comment")).toBeGreaterThan(100);
    expect(count(votes)).toBeGreaterThan(1000);
    const span = db.select({ first: sql<number>`min(${posts.createdAt})`, last: sql<number>`max(${posts.createdAt})` }).from(posts).get()!;
    expect((span.last - span.first) / (24 * 60 * 60 * 1000)).toBeGreaterThan(240);
    // Every contribution is in the activity log.
    expect(db.select({ n: sql<number>`count(*)` }).from(activities).where(sql`${activities.verb} in ('article','question','answer','comment')`).get()!.n).toBe(
      countKind("article") + countKind("question") + countKind("answer") + countKind("comment"),
    );
  });

  it("shows real flags on /health: a decline, members fading for different reasons, a declining tag and organisation", () => {
    const report = healthReport(new Date());
    expect(report.status).toBe("declining");
    expect(report.members.filter((m) => m.state === "cooling").length).toBeGreaterThanOrEqual(1);
    expect(report.members.filter((m) => m.state === "gone_quiet").length).toBeGreaterThanOrEqual(1);
    const causes = new Set(report.members.flatMap((m) => m.causes.map((c) => c.kind)));
    for (const kind of ["no_response", "unanswered", "org_declining", "no_meetup"] as const) expect(causes).toContain(kind);
    expect(report.tags.length).toBeGreaterThanOrEqual(1);
    expect(report.orgs.length).toBeGreaterThanOrEqual(1);
  });

  it("adds nothing when run again", async () => {
    const all = () => [users, organisations, memberships, auditLog, posts, votes, activities].map(count);
    const before = all();
    await seed();
    expect(all()).toEqual(before);
  });
});
