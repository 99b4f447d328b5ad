/**
 * The hourly /health snapshot, computed in a child process: at 100k members it takes seconds of
 * synchronous SQLite and arithmetic, and the web process that claimed the job must keep answering
 * requests meanwhile.
 */
import { runInProcess } from "./job-process.server";

export function refreshHealthSnapshotInProcess(at: Date) {
  const entry = new URL("./health-snapshot.worker.ts", import.meta.url).href;
  return runInProcess(entry, { at: at.getTime() }, "health snapshot");
}
