/**
 * How long the /health snapshot takes on a benchmark database (scripts/bench-data.ts): computes the
 * report once as the first snapshot of a day (its stored pass deleted first), then `--runs` times as the
 * hourly ones, at the database's own "now" (its sidecar's), and prints, as one line of JSON, each
 * run's wall time and CPU time (this process's: on a machine shared with other work, wall time mostly
 * measures the others) and their medians. It stores nothing: the report is computed as
 * refreshHealthSnapshot computes it, without the write. scripts/bench.ts runs it for each size.
 *
 *   node --import tsx scripts/bench-health.ts --db data/bench-large.db [--runs 5] [--tag name | --org slug]
 *
 * `--tag` or `--org` times a filtered view's own vital signs (scopedVitals) instead.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    runs: { type: "string", default: "5" },
    tag: { type: "string" },
    org: { type: "string" },
  },
});
if (!args.db) throw new Error("--db is required");
const sidecar = fs.existsSync(`${args.db}.json`)
  ? (JSON.parse(fs.readFileSync(`${args.db}.json`, "utf8")) as { now?: number })
  : {};
process.env.DATABASE_PATH = args.db;
const { db, closeDb } = await import("~/utils/db.server");
const { healthReport } = await import("~/models/health.server");
const { scopedVitals } = await import("~/models/health-vitals.server");

const now = new Date(sidecar.now ?? Date.now());
const id = (query: string, value: string) => {
  const found = db.$client.prepare(query).pluck().get(value) as number | undefined;
  if (!found) throw new Error(`No ${value} in ${args.db}`);
  return found;
};
const compute = args.tag
  ? () => scopedVitals(now, { tagId: id("select id from tags where name = ?", args.tag!) })
  : args.org
    ? () => scopedVitals(now, { orgId: id("select id from organisations where slug = ?", args.org!) })
    : () => healthReport(now);

function timed() {
  const began = performance.now();
  const usage = process.cpuUsage();
  JSON.stringify(compute());
  const used = process.cpuUsage(usage);
  return { wall: Math.round(performance.now() - began), cpu: Math.round((used.user + used.system) / 1000) };
}

// The first snapshot of a day judges every candidate and stores the day's pass; the hourly ones after it
// re-judge only who contributed today (docs/health.md, "How the report is made"). Both are timed.
db.$client.exec("delete from health_member_passes");
const firstOfDay = args.tag || args.org ? null : timed();
const runs = Array.from({ length: Number(args.runs) }, timed);
const wall = runs.map((r) => r.wall);
const cpu = runs.map((r) => r.cpu);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  JSON.stringify({
    firstOfDayWallMs: firstOfDay?.wall,
    firstOfDayCpuMs: firstOfDay?.cpu,
    wallMs: wall,
    cpuMs: cpu,
    medianWallMs: median(wall),
    medianCpuMs: median(cpu),
  }),
);
closeDb();
