/** The daily people-you-should-meet job (docs/people-to-meet.md), in a child process: ~20 s at 100k members. */
import { runInProcess } from "./job-process.server";

export function computeMemberMatchesInProcess(at: Date) {
  const entry = new URL("./member-matches.worker.ts", import.meta.url).href;
  return runInProcess(entry, { at: at.getTime() }, "member matches");
}
