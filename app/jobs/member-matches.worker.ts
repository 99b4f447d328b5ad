/** Worker-thread entry of computeMemberMatchesInWorker (member-matches.server.ts). */
import { workerData } from "node:worker_threads";
import { computeMemberMatches } from "~/models/introduction.server";
import { closeDb } from "~/utils/db.server";

try {
  computeMemberMatches(new Date(Number(workerData.at)));
} catch (error) {
  // Errors cross to the parent thread by structured clone, which keeps a plain Error's message only.
  throw new Error(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  closeDb();
}
