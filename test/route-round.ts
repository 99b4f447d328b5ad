/**
 * A second process for the routing test: runs one round of routing for a question against the database at
 * DATABASE_PATH, starting at the given wall-clock time so that two of these race, and prints who it asked.
 * Usage: node --import tsx test/route-round.ts <questionId> <round> <at ms> <start ms>
 */
import { routeQuestion } from "~/models/routing.server";

const [questionId, round, at, start] = process.argv.slice(2).map(Number);
setTimeout(
  () => {
    const asked = routeQuestion(questionId, round, new Date(at));
    process.stdout.write(JSON.stringify(asked.map((e) => e.userId)));
  },
  Math.max(0, start - Date.now()),
);
