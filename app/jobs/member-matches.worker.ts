/** Child-process entry of computeMemberMatchesInProcess (member-matches.server.ts). */
import { jobData } from "./job-process.server";
import { computeMemberMatches } from "~/models/introduction.server";
import { closeDb } from "~/utils/db.server";

try {
  computeMemberMatches(new Date(Number(jobData().at)));
} finally {
  closeDb();
}
