/** Worker-thread entry of refreshHealthSnapshotInWorker (health-snapshot.server.ts). */
import { workerData } from "node:worker_threads";
import { refreshHealthSnapshot } from "~/models/health-snapshot.server";
import { closeDb } from "~/utils/db.server";

try {
  refreshHealthSnapshot(new Date(Number(workerData.at)));
} catch (error) {
  // Errors cross to the parent thread by structured clone, which keeps a plain Error's message and
  // stack but not those of subclasses such as SqliteError.
  throw new Error(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  closeDb();
}
