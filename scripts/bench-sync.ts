/**
 * How much `synchronous = FULL` would cost against the `NORMAL` the app uses (docs/operations.md):
 * asks questions through the app's own write path (app/models/post.server.ts: post, tags, revision,
 * activity, rollups, search index, cache versions in one transaction) on a fresh database, in
 * alternating rounds with each setting on the same connection, and reports writes per second; then
 * the same for bare one-row commits, which shows the cost of the disk flush alone.
 *
 *   node --import tsx scripts/bench-sync.ts [--writes 400] [--rounds 3]
 *
 * It writes to a temporary database only (next to the system's temporary files, on that disk).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const writes = arg("writes", 400);
const rounds = arg("rounds", 3);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kring-bench-sync-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
const { db, closeDb, migrateDatabase } = await import("~/utils/db.server");
const { createUser } = await import("~/models/user.server");
const { createQuestion } = await import("~/models/post.server");
migrateDatabase(db);
const author = createUser({
  name: "Bench Author",
  handle: "bench_author",
  email: "bench@example.test",
  passwordHash: "x",
  role: "lead",
});

/** Writes per second for each setting: `count` writes per round, the settings alternating, the median round. */
function measure(what: string, count: number, write: (i: number) => void) {
  const results = { NORMAL: [] as number[], FULL: [] as number[] };
  let i = 0;
  for (let round = 0; round < rounds; round++) {
    for (const mode of ["NORMAL", "FULL"] as const) {
      db.$client.pragma(`synchronous = ${mode}`);
      const start = performance.now();
      for (let k = 0; k < count; k++) write(i++);
      results[mode].push((count / (performance.now() - start)) * 1000);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ms = { NORMAL: 1000 / median(results.NORMAL), FULL: 1000 / median(results.FULL) };
  for (const mode of ["NORMAL", "FULL"] as const)
    console.log(
      `${what}, synchronous=${mode.padEnd(6)} ${(1000 / ms[mode]).toFixed(0).padStart(6)}/s  ${ms[mode].toFixed(3)} ms each  (rounds: ${results[mode].map((r) => r.toFixed(0)).join(", ")})`,
    );
  console.log(
    `${what}: FULL costs ${(ms.FULL - ms.NORMAL).toFixed(3)} ms per write (+${((ms.FULL / ms.NORMAL - 1) * 100).toFixed(0)}%)`,
  );
}

measure("questions", writes, (i) =>
  createQuestion({
    authorId: author.id,
    title: `How do I tune query ${i} for a large table?`,
    body: `Question ${i}: the plan shows a full scan of the orders table when filtering by customer and date.`,
    tags: ["sql", "performance"],
  }),
);
db.$client.exec("create table bench_rows (id integer primary key, body text not null)");
const insert = db.$client.prepare("insert into bench_rows (body) values (?)");
measure("one-row commits", writes * 10, (i) => insert.run(`row ${i}`));
console.log(`(${writes} questions and ${writes * 10} rows per round, ${rounds} rounds, database in ${os.tmpdir()})`);
closeDb();
fs.rmSync(dir, { recursive: true, force: true });
