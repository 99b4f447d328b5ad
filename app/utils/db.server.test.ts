import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { db, migrateDatabase, migrationsFolder, openDatabase, writeTransaction } from "./db.server";

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
    expect(tables).toEqual(
      expect.arrayContaining(["users", "sessions", "organisations", "memberships", "login_failures", "audit_log"]),
    );
  });

  it("0016 hashes the calendar secrets members already have: their addresses keep working, none stays plain", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kring-migrate-"));
    try {
      // A database as it was before: the migrations up to 0015.
      const before = path.join(dir, "migrations");
      fs.cpSync(migrationsFolder(), before, { recursive: true });
      const journalFile = path.join(before, "meta/_journal.json");
      const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
      journal.entries = journal.entries.filter((entry) => entry.tag < "0016");
      fs.writeFileSync(journalFile, JSON.stringify(journal));
      const old = openDatabase(path.join(dir, "old.db"));
      migrate(old, { migrationsFolder: before });
      const secret = "PlainSecretFromBefore_0123456789a";
      old.$client
        .prepare(
          "insert into users (name, handle, email, password_hash, calendar_token) values ('A', 'a', 'a@example.test', 'x', ?), ('B', 'b', 'b@example.test', 'x', null)",
        )
        .run(secret);

      migrateDatabase(old);
      const rows = old.$client
        .prepare(
          "select handle, calendar_token_hash as hash, calendar_token_created_at as createdAt from users order by handle",
        )
        .all();
      expect(rows).toEqual([
        { handle: "a", hash: createHash("sha256").update(secret).digest("hex"), createdAt: null },
        { handle: "b", hash: null, createdAt: null },
      ]);
      expect(JSON.stringify(old.$client.prepare("select * from users").all())).not.toContain(secret);
      old.$client.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("writeTransaction", () => {
  it("holds the write lock from its first statement, so another process cannot write in between", () => {
    const other = new Database(process.env.DATABASE_PATH!, { timeout: 0 });
    try {
      const tryWriting = () => other.exec("BEGIN IMMEDIATE; ROLLBACK;");
      writeTransaction((tx) => {
        // Only a read so far: a deferred transaction would not have locked anything yet.
        tx.run(sql`select 1`);
        expect(tryWriting).toThrow(/SQLITE_BUSY|database is locked/);
      });
      expect(tryWriting).not.toThrow();
    } finally {
      other.close();
    }
  });
});
