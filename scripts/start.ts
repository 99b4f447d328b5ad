/**
 * `npm start` after the build: migrate, seed a demo community when the database is empty, then serve
 * with one process per CPU core (WEB_CONCURRENCY overrides). The processes share the SQLite file in
 * WAL mode; everything shared between requests (sessions, throttles, cache versions) is in it.
 * SIGTERM stops the workers gracefully (in-flight requests finish) and then the primary.
 */
import cluster from "node:cluster";
import os from "node:os";
import { sql } from "drizzle-orm";
import { users } from "~db/schema";
import { closeDb, getDb, migrateDatabase } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { seed } from "./seed";
import { serve } from "./serve";

async function prepareDatabase() {
  const config = env();
  const db = getDb();
  migrateDatabase(db);
  const isEmpty =
    (db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .get()?.n ?? 0) === 0;
  if (isEmpty && config.SEED) {
    console.log("Empty database: seeding the demo community…");
    await seed();
  } else if (isEmpty) {
    console.log("Empty database: no demo community (PUBLIC_URL is set or SEED=false; SEED=true seeds it).");
  }
  console.log(`Database: ${config.DATABASE_PATH}`);
}

/**
 * Each web worker's V8 heap: bounded, so a worker stays near 200 MB of RSS under load instead of growing to
 * 380 MB because it may (docs/capacity.md, "Memory"). Jobs that need more run in their own process
 * (app/jobs/job-process.server.ts). Flags given to node or in NODE_OPTIONS win. docs/decisions/011-bounded-worker-heap.md
 */
const WORKER_HEAP_FLAGS = ["--max-old-space-size=160", "--max-semi-space-size=8"];

function workerExecArgv() {
  const given = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`;
  return [...process.execArgv, ...WORKER_HEAP_FLAGS.filter((flag) => !given.includes(flag.split("=")[0]))];
}

function runWorkers(count: number) {
  cluster.setupPrimary({ execArgv: workerExecArgv() });
  // Workers accept connections themselves from the shared socket. With the primary's round-robin,
  // connections queue in the primary while workers are busy and are reset when the workers stop.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let stopping = false;
  const exitCodes: number[] = [];
  const listening = new Set<number>();
  const stoppedWhileStarting = new Set<number>();
  cluster.on("listening", (worker) => listening.add(worker.id));
  cluster.on("exit", (worker, code) => {
    if (stopping) {
      exitCodes.push(stoppedWhileStarting.has(worker.id) ? 0 : (code ?? 1));
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCodes.every((c) => c === 0) ? 0 : 1);
      return;
    }
    console.error(`Worker ${worker.process.pid} exited with ${code}; starting a new one.`);
    cluster.fork();
  });
  // Each worker stops listening, finishes what it has in flight and exits; then the primary exits.
  // A worker still starting has nothing in flight, and may not be listening for the message yet: it is killed.
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (!worker) continue;
      if (listening.has(worker.id)) {
        worker.send("shutdown");
      } else {
        stoppedWhileStarting.add(worker.id);
        worker.process.kill("SIGKILL");
      }
    }
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  for (let i = 0; i < count; i++) cluster.fork();
}

async function main() {
  if (cluster.isPrimary) {
    await prepareDatabase();
    const count = env().WEB_CONCURRENCY || os.availableParallelism();
    if (count > 1) {
      closeDb();
      runWorkers(count);
      return;
    }
  }
  await serve();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
