/**
 * The hourly /health snapshot, computed in a child process: at 100k members it takes seconds of
 * synchronous SQLite and arithmetic, and the web process that claimed the job must keep answering
 * requests meanwhile.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runInProcess } from "./job-process.server";

export function refreshHealthSnapshotInProcess(at: Date) {
  const entry = pathToFileURL(path.resolve("app/jobs/health-snapshot.worker.ts")).href;
  return runInProcess(entry, { at: at.getTime() }, "health snapshot");
}
