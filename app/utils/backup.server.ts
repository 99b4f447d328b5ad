/**
 * Backups and restores of the SQLite database (`npm run backup`, `npm run restore FILE`; the rules are
 * in docs/operations.md). This module opens its own connections and never the app's handle
 * (db.server.ts opens DATABASE_PATH on import, which a restore must not do).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { DAY_MS } from "./time";

/** A refusal the scripts print as it is (no stack) before exiting 1. */
export class OperationError extends Error {}

/** Tables every Kring database has had since its first migrations. */
const REQUIRED_TABLES = ["__drizzle_migrations", "users", "sessions", "posts"];

/** `2026-11-26T10-15-30.123Z`: UTC, sortable, no colons (which some copy tools and file systems refuse). */
const fileStamp = (now: Date) => now.toISOString().replaceAll(":", "-");

/** Backups go to backups/ beside the database: ./data/backups/ for the default ./data/kring.db. */
export const backupDirectory = (databasePath: string) => path.join(path.dirname(path.resolve(databasePath)), "backups");

const baseName = (databasePath: string) => path.basename(databasePath, path.extname(databasePath));
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const backupPattern = (databasePath: string) =>
  new RegExp(`^${escapeRegExp(baseName(databasePath))}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3}Z\\.db$`);

function fsyncPath(file: string) {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** `PRAGMA integrity_check` as a list of problems; empty when the file is sound. */
function integrityProblems(sqlite: Database.Database) {
  const rows = sqlite.pragma("integrity_check") as { integrity_check: string }[];
  const messages = rows.map((r) => r.integrity_check.replace(/\s+/g, " ").trim());
  return messages.length === 1 && messages[0] === "ok" ? [] : messages;
}

/**
 * Writes a consistent copy of the live database to backups/ with the SQLite online backup API, checks
 * it, and deletes all but the newest `keep` backups. The server may keep running and writing meanwhile.
 */
export async function backupDatabase({
  databasePath,
  keep,
  now = new Date(),
}: {
  databasePath: string;
  keep: number;
  now?: Date;
}) {
  const source = path.resolve(databasePath);
  if (!fs.existsSync(source)) throw new OperationError(`No database at ${source} (DATABASE_PATH).`);
  const dir = backupDirectory(source);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${baseName(source)}-${fileStamp(now)}.db`);
  // Written under another name first, so an interrupted backup never counts as one.
  const partial = `${file}.partial`;
  // Read-write only so that, with the server stopped, closing removes the -wal and -shm files (a
  // read-only connection would leave them); the backup itself never writes to the live database.
  const live = new Database(source, { fileMustExist: true });
  try {
    live.pragma("busy_timeout = 5000");
    // All pages in one step: one read transaction, so one consistent moment, while writers carry on (WAL).
    // In smaller steps, every commit by another process in between would restart the copy from scratch.
    await live.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    live.close();
  }
  try {
    const copy = new Database(partial, { fileMustExist: true });
    try {
      // A single self-contained file (no -wal beside it), which any SQLite tool opens, even read-only.
      copy.pragma("journal_mode = DELETE");
      const problems = integrityProblems(copy);
      if (problems.length)
        throw new OperationError(`The backup failed its integrity check: ${problems.slice(0, 3).join("; ")}`);
    } finally {
      copy.close();
    }
    fsyncPath(partial);
    fs.renameSync(partial, file);
    fsyncPath(dir);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  const removed = rotateBackups({ databasePath: source, keep, now });
  return { file, bytes: fs.statSync(file).size, removed };
}

/**
 * Deletes all but the newest `keep` backups of this database (by the UTC time in their names), and
 * leftovers of backups interrupted more than a day ago. Returns the deleted paths.
 */
export function rotateBackups({
  databasePath,
  keep,
  now = new Date(),
}: {
  databasePath: string;
  keep: number;
  now?: Date;
}) {
  const dir = backupDirectory(databasePath);
  if (!fs.existsSync(dir)) return [];
  const pattern = backupPattern(databasePath);
  const names = fs.readdirSync(dir);
  const old = names
    .filter((name) => pattern.test(name))
    .sort()
    .reverse()
    .slice(Math.max(keep, 1));
  const stale = names.filter(
    (name) =>
      name.endsWith(".db.partial") &&
      pattern.test(name.slice(0, -".partial".length)) &&
      now.getTime() - fs.statSync(path.join(dir, name)).mtimeMs > DAY_MS,
  );
  const removed = [...old, ...stale].map((name) => path.join(dir, name));
  for (const file of removed) fs.rmSync(file, { force: true });
  return removed;
}

/**
 * Checks that `file` is a sound Kring database this version can run: a SQLite file, integrity_check
 * ok, the Kring tables, and no migration newer than the ones this code has. Returns row counts.
 */
export function checkBackup(file: string, { label = file, migrationsFolder = path.resolve("db/migrations") } = {}) {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { fileMustExist: true });
  } catch (error) {
    throw new OperationError(`${label} cannot be opened: ${error instanceof Error ? error.message : error}`);
  }
  try {
    let problems: string[];
    try {
      problems = integrityProblems(sqlite);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "SQLITE_NOTADB") throw new OperationError(`${label} is not a SQLite database.`);
      throw new OperationError(`${label} is damaged: ${error instanceof Error ? error.message : error}`);
    }
    if (problems.length)
      throw new OperationError(`${label} is damaged (integrity check: ${problems.slice(0, 3).join("; ")}).`);
    const tables = new Set(
      sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[],
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length)
      throw new OperationError(`${label} is not a Kring database (it has no ${missing.join(", ")} table).`);
    const applied = sqlite
      .prepare("select count(*) as n, max(created_at) as latest from __drizzle_migrations")
      .get() as { n: number; latest: number | null };
    const known = Math.max(...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
    if (!applied.n) throw new OperationError(`${label} is not a Kring database (no migrations were applied to it).`);
    if ((applied.latest ?? 0) > known)
      throw new OperationError(
        `${label} was made by a newer version of Kring (it has migrations this version does not know); restore it with that version.`,
      );
    const count = (table: string) => sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number;
    return { users: count("users"), posts: count("posts") };
  } finally {
    sqlite.close();
  }
}

/**
 * Throws when another process (the server) has the database open. Leaving WAL mode needs every other
 * connection that has read from the database closed (a running server reads at least every second, to
 * poll its jobs). As a side effect the WAL is checkpointed into the file and removed, so the file alone
 * is the whole database. Does nothing when the file is missing or not a database.
 */
function ensureNotInUse(target: string) {
  if (!fs.existsSync(target)) return;
  let sqlite: Database.Database;
  try {
    sqlite = new Database(target, { fileMustExist: true });
  } catch {
    return;
  }
  try {
    sqlite.pragma("busy_timeout = 0");
    sqlite.pragma("journal_mode = DELETE");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED")
      throw new OperationError(
        `${target} is in use: stop the server (and anything else that has the database open) first, then restore.`,
      );
    // Not a database, or a damaged one: it is moved aside as it is.
  } finally {
    sqlite.close();
  }
}

/**
 * Replaces the database at `target` with the backup `source` after checking it. The backup is copied
 * to a temporary file beside the target and checked there, then renamed over the target in one step;
 * the replaced database is kept as `<target>.before-restore-<UTC time>` (restore that file to undo).
 */
export function restoreDatabase({
  source,
  target,
  now = new Date(),
  migrationsFolder,
}: {
  source: string;
  target: string;
  now?: Date;
  migrationsFolder?: string;
}) {
  source = path.resolve(source);
  target = path.resolve(target);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new OperationError(`${source} does not exist.`);
  if (source === target) throw new OperationError(`${source} is the database itself (DATABASE_PATH); name a backup.`);
  // Such a file's latest writes may be in the log beside it; a copy of the file alone would miss them.
  if (fs.existsSync(`${source}-wal`))
    throw new OperationError(
      `${source} has a write-ahead log beside it (${path.basename(source)}-wal): it is in use or was not closed cleanly. Restore a file written by npm run backup.`,
    );
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.restore-${process.pid}.tmp`;
  try {
    fs.copyFileSync(source, temporary);
    const counts = checkBackup(temporary, { label: source, migrationsFolder });
    fsyncPath(temporary);
    ensureNotInUse(target);
    let replaced: string | undefined;
    if (fs.existsSync(target)) {
      replaced = `${target}.before-restore-${fileStamp(now)}`;
      fs.linkSync(target, replaced);
    }
    // A log or journal left beside the target would be replayed onto the restored file and corrupt it;
    // any that survived the checkpoint above belongs to the replaced database and goes with it.
    for (const suffix of ["-wal", "-journal"]) {
      if (!fs.existsSync(target + suffix)) continue;
      if (replaced) fs.renameSync(target + suffix, replaced + suffix);
      else fs.rmSync(target + suffix);
    }
    fs.rmSync(`${target}-shm`, { force: true });
    fs.renameSync(temporary, target);
    fsyncPath(path.dirname(target));
    return { target, replaced, ...counts };
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(temporary + suffix, { force: true });
  }
}
