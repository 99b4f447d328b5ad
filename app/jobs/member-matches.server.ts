/** The daily people-you-should-meet job (docs/people-to-meet.md), in a worker thread: ~20 s at 100k members. */
import { runInWorker } from "./worker.server";

export function computeMemberMatchesInWorker(at: Date) {
  const entry = new URL("./member-matches.worker.ts", import.meta.url).href;
  return runInWorker(entry, { at: at.getTime() }, "member matches");
}
