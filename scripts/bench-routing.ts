/**
 * What question routing costs on a benchmark database (scripts/bench-data.ts; it writes, so give it a copy):
 * posts `--questions` questions in the community's busiest tags, as random members, and times for each the
 * posting (createQuestion, which enqueues the routing job in its transaction) and the routing job's round 1
 * (routeQuestion: ranking the experts, writing the asks and their notifications). Prints one line of JSON with
 * the medians and 95th percentiles in milliseconds, of wall time and of this process's CPU time for routing (on
 * a shared machine wall time also measures the others), and how many experts were asked. docs/routing.md
 *
 *   node --import tsx scripts/bench-routing.ts --db /tmp/copy-of-bench-large.db [--questions 50]
 */
import fs from "node:fs";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: { db: { type: "string" }, questions: { type: "string", default: "50" } },
});
if (!args.db) throw new Error("--db is required");
const sidecar = fs.existsSync(`${args.db}.json`)
  ? (JSON.parse(fs.readFileSync(`${args.db}.json`, "utf8")) as { now?: number })
  : {};
process.env.DATABASE_PATH = args.db;
const { db, closeDb, getDb, migrateDatabase } = await import("~/utils/db.server");
migrateDatabase(getDb());
const { createQuestion } = await import("~/models/post.server");
const { routeQuestion } = await import("~/models/routing.server");
const { memberVerdictsNow } = await import("~/models/health-members.server");

const now = new Date(sidecar.now ?? Date.now());
// The day's health pass, as the hourly snapshot leaves it: the router reads its flags.
memberVerdictsNow(now);
const tags = db.$client.prepare("select name from tags order by post_count desc limit 40").pluck().all() as string[];
const [maxId] = db.$client.prepare("select max(id) from users").raw().get() as [number];
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];

const posting: number[] = [];
const routing: number[] = [];
const routingCpu: number[] = [];
let asked = 0;
for (let i = 0; i < Number(args.questions); i++) {
  const authorId = 1 + Math.floor(random() * maxId);
  const at = new Date(now.getTime() + i * 60_000);
  let began = performance.now();
  const question = createQuestion({
    authorId,
    title: `Benchmark question ${i} about ${pick(tags)}`,
    body: "How would you approach this in production, and what would you measure first?",
    tags: [pick(tags), pick(tags)].filter((t, j, all) => all.indexOf(t) === j),
    now: at,
  });
  posting.push(performance.now() - began);
  began = performance.now();
  const usage = process.cpuUsage();
  asked += routeQuestion(question.id, 1, at).length;
  const used = process.cpuUsage(usage);
  routing.push(performance.now() - began);
  routingCpu.push((used.user + used.system) / 1000);
}
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
};
console.log(
  JSON.stringify({
    questions: posting.length,
    posting: stats(posting),
    routing: stats(routing),
    routingCpu: stats(routingCpu),
    asked,
  }),
);
closeDb();
