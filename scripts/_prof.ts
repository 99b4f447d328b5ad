import fs from "node:fs";
import { Session } from "node:inspector/promises";
const dbPath = process.argv[2];
const sidecar = JSON.parse(fs.readFileSync(`${dbPath}.json`, "utf8"));
process.env.DATABASE_PATH = dbPath;
const { healthReport } = await import("~/models/health.server");
const now = new Date(sidecar.now);
healthReport(now);
const session = new Session(); session.connect();
await session.post("Profiler.enable"); await session.post("Profiler.start");
const t = performance.now();
const { db } = await import("~/utils/db.server");
for (let i = 0; i < 1; i++) { db.$client.exec("delete from health_member_passes"); healthReport(now); }
console.log("per run", ((performance.now() - t) / 1).toFixed(0), "ms");
const { profile } = await session.post("Profiler.stop");
fs.writeFileSync("/tmp/prof/hourly.cpuprofile", JSON.stringify(profile));
