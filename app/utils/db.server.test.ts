import { describe, expect, it } from "vitest";
import { db } from "./db.server";

describe("database connection", () => {
  it("runs with WAL, foreign keys, a busy timeout and synchronous=NORMAL", () => {
    const sqlite = db.$client;
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(1000);
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
  });

  it("has every committed migration applied", () => {
    const tables = db.$client
      .prepare("select name from sqlite_master where type = 'table'")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(["users", "sessions", "organisations", "memberships", "login_failures", "audit_log"]));
  });
});
