import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "~db/schema";
import { env } from "./env.server";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle inside `writeTransaction((tx) => …)`, for model helpers that take part in a caller's transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return drizzle(sqlite, { schema }) as Db;
}

export function migrationsFolder() {
  return path.resolve(process.cwd(), "db/migrations");
}

/** Applies committed drizzle-kit migrations; each runs in a transaction, so it is safe to repeat. */
export function migrateDatabase(db: Db) {
  // For migrations that hash a stored secret (0016_calendar_token_hash.sql): SQLite has no SHA-256 built in.
  db.$client.function("sha256_hex", { deterministic: true }, (value: unknown) =>
    createHash("sha256").update(String(value)).digest("hex"),
  );
  migrate(db, { migrationsFolder: migrationsFolder() });
}

// One handle per process that survives dev rebuilds (module state is reset, globals are not).
const globalForDb = globalThis as unknown as { __kringDb?: Db };

export function getDb(): Db {
  globalForDb.__kringDb ??= openDatabase(env().DATABASE_PATH);
  return globalForDb.__kringDb;
}

export function closeDb() {
  globalForDb.__kringDb?.$client.close();
  globalForDb.__kringDb = undefined;
}

export const db: Db = getDb();

/**
 * The one way to write: a transaction that takes the write lock when it begins (`BEGIN IMMEDIATE`). A deferred
 * one that reads first and writes later can meet another process's write in between and fail with
 * SQLITE_BUSY at once, whatever the busy timeout (docs/decisions/001-sqlite.md).
 */
export function writeTransaction<T>(write: (tx: Tx) => T): T {
  return db.transaction(write, { behavior: "immediate" });
}

/**
 * Whether an error means the database takes no writes just now: opened read-only (a read-only file or
 * mount), a full disk, or a write that the disk refused. docs/accounts.md
 */
export function isWriteRefused(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === "string" &&
    (code.startsWith("SQLITE_READONLY") || code === "SQLITE_FULL" || code.startsWith("SQLITE_IOERR"))
  );
}

// Once per process: this module is loaded twice in a server process (in the Remix build, and from source by
// scripts/serve.ts for the job scheduler), so the flag lives on globalThis, not in a module variable.
const told = globalThis as typeof globalThis & { kringToldReadOnly?: boolean };

/**
 * For writes that reads do on the side (a session's sliding expiry, a visit, a notification marked read,
 * a report snapshot, the job scheduler): when the database refuses writes, the read goes on without the
 * write, and the log says so once per process, not once per request. Any other error is rethrown.
 * Use as `.catch(skipWhenReadOnly)` or through `writeUnlessReadOnly`. docs/accounts.md
 */
export function skipWhenReadOnly(error: unknown): void {
  if (!isWriteRefused(error)) throw error;
  if (told.kringToldReadOnly) return;
  told.kringToldReadOnly = true;
  const code = (error as { code: string }).code;
  console.warn(
    `The database refuses writes (${code}): pages are served without the writes they make on the side (session expiry, visits, notifications read, report snapshots, jobs) until it takes writes again.`,
  );
}

export function writeUnlessReadOnly(write: () => void) {
  try {
    write();
  } catch (error) {
    skipWhenReadOnly(error);
  }
}

/**
 * Statements for the hottest queries, built and prepared on first use and then reused: drizzle's
 * query building and SQLite's prepare cost more than running a small indexed query.
 */
export function prepared<T>(build: () => T): () => T {
  let statements: T | undefined;
  return () => (statements ??= build());
}
