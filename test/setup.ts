/**
 * Runs before every test file: a fresh database of its own, migrated, and a console.error that fails the test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, vi } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kring-test-"));
const stale = globalThis as unknown as { __kringDb?: { $client: { close(): void } } };
stale.__kringDb?.$client.close();
stale.__kringDb = undefined;
process.env.DATABASE_PATH = path.join(dir, "test.db");
process.env.NODE_ENV = "test";

const { getDb, migrateDatabase, closeDb } = await import("~/utils/db.server");
migrateDatabase(getDb());

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error during a test: ${args.map(String).join(" ")}`);
  });
});

afterAll(() => {
  vi.restoreAllMocks();
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
