/**
 * The hourly /health snapshot, computed in a worker thread: at 100k members it takes seconds of
 * synchronous SQLite and arithmetic, and the web process that claimed the job must keep answering
 * requests meanwhile.
 */
import { runInWorker } from "./worker.server";

export function refreshHealthSnapshotInWorker(at: Date) {
  const entry = new URL("./health-snapshot.worker.ts", import.meta.url).href;
  return runInWorker(entry, { at: at.getTime() }, "health snapshot");
}
