/** The daily people-you-should-meet job (docs/people-to-meet.md), in a child process: ~20 s at 100k members. */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runInProcess } from "./job-process.server";

export function computeMemberMatchesInProcess(at: Date) {
  const entry = pathToFileURL(path.resolve("app/jobs/member-matches.worker.ts")).href;
  return runInProcess(entry, { at: at.getTime() }, "member matches");
}
