/**
 * How long the /health snapshot takes on a benchmark database (scripts/bench-data.ts): computes the
 * report `--runs` times at the database's own "now" (its sidecar's) and prints each run and the median.
 * It stores nothing: the report is computed as refreshHealthSnapshot computes it, without the write.
 *
 *   node --import tsx scripts/bench-health.ts --db data/bench-large.db [--runs 5] [--tag name] [--org slug]
 *
 * `--tag` or `--org` times the filtered view (the tag's or organisation's own vital signs) instead.
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

const now = new Date(sidecar.now ?? Date.now());
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < Number(args.runs); i++) {
  const began = performance.now();
  const usage = process.cpuUsage();
  const report = healthReport(now);
  JSON.stringify(report);
  const used = process.cpuUsage(usage);
  wall.push(Math.round(performance.now() - began));
  cpu.push(Math.round((used.user + used.system) / 1000));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ wallMs: wall, cpuMs: cpu, medianWallMs: median(wall), medianCpuMs: median(cpu) }));
void db;
closeDb();
