/**
 * The hourly /health snapshot, computed in a worker thread: at 100k members it takes seconds of
 * synchronous SQLite and arithmetic, and the web process that claimed the job must keep answering
 * requests meanwhile. The worker opens its own connection to the same database (WAL).
 */
import { Worker } from "node:worker_threads";

export function refreshHealthSnapshotInWorker(at: Date) {
  const entry = new URL("./health-snapshot.worker.ts", import.meta.url).href;
  // The app is TypeScript run through tsx; a worker thread has to register tsx itself.
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: { at: at.getTime() } });
    worker.once("error", reject);
    worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`health snapshot worker exited with ${code}`))));
  });
}
