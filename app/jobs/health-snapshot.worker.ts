/** Child-process entry of refreshHealthSnapshotInProcess (health-snapshot.server.ts). */
import { jobData } from "./job-process.server";
import { refreshHealthSnapshot } from "~/models/health-snapshot.server";
import { closeDb } from "~/utils/db.server";

try {
  refreshHealthSnapshot(new Date(Number(jobData().at)));
} finally {
  closeDb();
}
