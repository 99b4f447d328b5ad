/**
 * Runs a job's heavy, synchronous work in a worker thread, so the web process that claimed the job keeps
 * answering requests meanwhile. The worker opens its own connection to the same database (WAL).
 */
import { Worker } from "node:worker_threads";

/** Well inside the job lock (2 minutes), so no other process starts a second run meanwhile. */
const TIMEOUT_MS = 90_000;

export function runInWorker(entry: string, workerData: Record<string, unknown>, label: string) {
  // The app is TypeScript run through tsx; a worker thread registers tsx itself, resolved from here
  // (not from the working directory).
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData });
    const timer = setTimeout(() => {
      reject(new Error(`${label} took longer than ${TIMEOUT_MS / 1000} s`));
      void worker.terminate();
    }, TIMEOUT_MS);
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${label} worker exited with ${code}`));
    });
  });
}
