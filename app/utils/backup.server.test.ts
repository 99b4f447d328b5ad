import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, backupDirectory, checkBackup, restoreDatabase, rotateBackups } from "./backup.server";
import { migrateDatabase, openDatabase } from "./db.server";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "kring-backup-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let dirs = 0;
/** A migrated Kring database in a directory of its own, with the given members. */
function kringDatabase(handles: string[]) {
  const dir = path.join(root, `db${dirs++}`);
  const file = path.join(dir, "kring.db");
  const db = openDatabase(file);
  migrateDatabase(db);
  for (const handle of handles) addMember(db.$client, handle);
  db.$client.close();
  return file;
}

function addMember(sqlite: Database.Database, handle: string) {
  sqlite
    .prepare("insert into users (name, handle, email, password_hash, created_at) values (?, ?, ?, 'x', ?)")
    .run(handle, handle, `${handle}@example.test`, Date.now());
}

function handlesIn(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare("select handle from users order by handle").pluck().all();
  } finally {
    sqlite.close();
  }
}

const at = (iso: string) => new Date(iso);

describe("backup", () => {
  it("writes a checked, self-contained copy to backups/ beside the database, named by UTC time", async () => {
    const file = kringDatabase(["ann", "bob"]);
    // The server's connection stays open with a write in its log, as while it runs.
    const live = openDatabase(file).$client;
    addMember(live, "cas");
    const { file: copy, removed } = await backupDatabase({
      databasePath: file,
      keep: 14,
      now: at("2026-11-26T03:00:00.000Z"),
    });
    live.close();
    expect(copy).toBe(path.join(path.dirname(file), "backups", "kring-2026-11-26T03-00-00.000Z.db"));
    expect(removed).toEqual([]);
    expect(fs.readdirSync(path.dirname(copy))).toEqual(["kring-2026-11-26T03-00-00.000Z.db"]); // no -wal, no leftovers
    expect(handlesIn(copy)).toEqual(["ann", "bob", "cas"]);
    const check = new Database(copy, { readonly: true });
    expect(check.pragma("journal_mode", { simple: true })).toBe("delete");
    check.close();
  });

  it("keeps the newest BACKUP_KEEP backups and leaves other files alone", async () => {
    const file = kringDatabase(["ann"]);
    const dir = backupDirectory(file);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "notes.txt"), "mine");
    fs.writeFileSync(path.join(dir, "other-2026-01-01T00-00-00.000Z.db"), "another database's backup");
    // Leftovers of interrupted backups: one from two days ago goes, one from a minute ago may still be written.
    const oldPartial = path.join(dir, "kring-2026-11-20T03-00-00.000Z.db.partial");
    fs.writeFileSync(oldPartial, "");
    fs.utimesSync(oldPartial, at("2026-11-24T03:00:00Z"), at("2026-11-24T03:00:00Z"));
    fs.writeFileSync(path.join(dir, "kring-2026-11-26T02-59-00.000Z.db.partial"), "");
    for (const day of ["21", "22", "23", "24", "25", "26"])
      await backupDatabase({ databasePath: file, keep: 3, now: at(`2026-11-${day}T03:00:00.000Z`) });
    expect(fs.readdirSync(dir).sort()).toEqual([
      "kring-2026-11-24T03-00-00.000Z.db",
      "kring-2026-11-25T03-00-00.000Z.db",
      "kring-2026-11-26T02-59-00.000Z.db.partial",
      "kring-2026-11-26T03-00-00.000Z.db",
      "notes.txt",
      "other-2026-01-01T00-00-00.000Z.db",
    ]);
    expect(rotateBackups({ databasePath: file, keep: 1, now: at("2026-11-26T03:01:00Z") })).toEqual([
      path.join(dir, "kring-2026-11-25T03-00-00.000Z.db"),
      path.join(dir, "kring-2026-11-24T03-00-00.000Z.db"),
    ]);
  });

  it("refuses a missing database", async () => {
    await expect(backupDatabase({ databasePath: path.join(root, "nowhere", "kring.db"), keep: 3 })).rejects.toThrow(
      /No database at .*nowhere/,
    );
  });
});

describe("restore", () => {
  it("replaces the database, keeps the replaced one beside it, and drops its stale -wal and -shm", async () => {
    const target = kringDatabase(["ann"]);
    const { file: backup } = await backupDatabase({ databasePath: target, keep: 3 });
    const writer = new Database(target);
    addMember(writer, "late");
    writer.close();
    fs.writeFileSync(`${target}-shm`, "stale");

    const result = restoreDatabase({ source: backup, target, now: at("2026-11-26T10:00:00.000Z") });
    expect(result).toMatchObject({
      target,
      users: 1,
      posts: 0,
      replaced: `${target}.before-restore-2026-11-26T10-00-00.000Z`,
    });
    expect(fs.readdirSync(path.dirname(target)).sort()).toEqual([
      "backups",
      "kring.db",
      "kring.db.before-restore-2026-11-26T10-00-00.000Z",
    ]);
    expect(handlesIn(target)).toEqual(["ann"]);
    expect(handlesIn(result.replaced!)).toEqual(["ann", "late"]);
    // A mistaken restore is undone by restoring the replaced file.
    restoreDatabase({ source: result.replaced!, target, now: at("2026-11-26T10:05:00.000Z") });
    expect(handlesIn(target)).toEqual(["ann", "late"]);
  });

  it("restores onto a machine without a database", async () => {
    const source = kringDatabase(["ann"]);
    const target = path.join(root, "fresh", "data", "kring.db");
    expect(restoreDatabase({ source, target }).replaced).toBeUndefined();
    expect(handlesIn(target)).toEqual(["ann"]);
  });

  it("refuses, with a clear message and the database untouched, what it cannot safely restore", async () => {
    const target = kringDatabase(["ann", "bob"]);
    const before = fs.readFileSync(target);
    const dir = path.dirname(target);
    const refuse = (source: string) => () => restoreDatabase({ source, target });

    expect(refuse(path.join(dir, "missing.db"))).toThrow(/missing\.db does not exist/);
    fs.writeFileSync(path.join(dir, "notes.txt"), "not a database\n".repeat(100));
    expect(refuse(path.join(dir, "notes.txt"))).toThrow(/notes\.txt is not a SQLite database/);
    expect(refuse(target)).toThrow(/is the database itself/);

    const other = new Database(path.join(dir, "other.db"));
    other.exec("create table things (id integer primary key)");
    other.close();
    expect(refuse(path.join(dir, "other.db"))).toThrow(
      /other\.db is not a Kring database \(it has no __drizzle_migrations, users, sessions, posts table\)/,
    );

    const { file: backup } = await backupDatabase({ databasePath: target, keep: 3 });
    const newer = path.join(dir, "newer.db");
    fs.copyFileSync(backup, newer);
    const fromTheFuture = new Database(newer);
    fromTheFuture
      .prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)")
      .run(Date.now() + 1e12);
    fromTheFuture.close();
    expect(refuse(newer)).toThrow(/newer\.db was made by a newer version of Kring/);

    // Damaged: the users table's page overwritten in the middle.
    const damaged = path.join(dir, "damaged.db");
    fs.copyFileSync(backup, damaged);
    const probe = new Database(damaged, { readonly: true });
    const page = probe.prepare("select rootpage from sqlite_master where name = 'users'").pluck().get() as number;
    const pageSize = probe.pragma("page_size", { simple: true }) as number;
    probe.close();
    const fd = fs.openSync(damaged, "r+");
    fs.writeSync(fd, Buffer.alloc(64, 0xab), 0, 64, (page - 1) * pageSize + 8);
    fs.closeSync(fd);
    expect(refuse(damaged)).toThrow(/damaged\.db is damaged/);

    // A live copy with its log beside it may miss the latest writes.
    const live = path.join(dir, "live.db");
    fs.copyFileSync(backup, live);
    fs.writeFileSync(`${live}-wal`, "");
    expect(refuse(live)).toThrow(/live\.db has a write-ahead log beside it/);

    // The server has the database open (and has read from it: it polls its jobs every second).
    const server = openDatabase(target).$client;
    server.prepare("select count(*) from users").get();
    expect(refuse(backup)).toThrow(/kring\.db is in use: stop the server/);
    server.close();

    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("kring.db"))).toEqual(["kring.db"]);
  });

  it("names what is in a sound backup", async () => {
    const file = kringDatabase(["ann", "bob", "cas"]);
    expect(checkBackup(file)).toEqual({ users: 3, posts: 0 });
  });
});
