/** Worker-thread entry of refreshHealthSnapshotInWorker (health-snapshot.server.ts). */
import { workerData } from "node:worker_threads";
import { refreshHealthSnapshot } from "~/models/health.server";
import { closeDb } from "~/utils/db.server";

refreshHealthSnapshot(new Date(Number(workerData.at)));
closeDb();
