/**
 * `npm run bench`: measures the production server on generated communities (see scripts/bench-data.ts).
 * For each size (small, large; generated first when missing) it starts `scripts/start.ts` on that
 * database and runs autocannon against the main pages, 10 s each at 20 connections after a warm-up.
 * In the same run a bare node:http server returns the question page's exact bytes from memory: the
 * ceiling on this machine; and one per page with that page's own bytes. Prints a table per size (with the peak RSS of
 * a worker, from /proc) and the large/small p50 ratio per page; writes
 * JSON to bench/results/.
 *
 *   npm run bench                       both sizes
 *   npm run bench -- --sizes small      one size
 *   npm run bench -- --duration 5       shorter runs
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";

type Sidecar = {
  questionId: number;
  articleSlug: string;
  memberHandle: string;
  tag: string;
  commonWord: string;
  rareWord: string;
  benchUserId: number;
  counts: Record<string, number>;
};
type Row = {
  page: string;
  path: string;
  signedIn: boolean;
  reqPerSec: number;
  p50: number;
  p975: number;
  bytes: number;
  non2xx: number;
  errors: number;
  ratio?: number;
  /** A bare node:http server's req/s for this page's own bytes, and this page's share of it. */
  ownCeiling?: number;
  ownRatio?: number;
};

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "small,large" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "20" },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);

function ensureData(size: string) {
  const file = path.resolve(`data/bench-${size}.db`);
  if (!fs.existsSync(file) || !fs.existsSync(`${file}.json`)) {
    console.log(`Generating the ${size} benchmark database…`);
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/bench-data.ts", "--size", size, "--out", file],
      { stdio: "inherit" },
    );
    if (result.status !== 0) throw new Error(`bench-data failed for ${size}`);
  }
  return { file, sidecar: JSON.parse(fs.readFileSync(`${file}.json`, "utf8")) as Sidecar };
}

/** A session for the benchmark member, written the way auth.server.ts writes one (SHA-256 of the id only). */
function benchSession(file: string, userId: number) {
  const token = randomBytes(20).toString("hex");
  const hashSessionId = (id: string) => createHash("sha256").update(id).digest("hex");
  const db = new Database(file);
  const now = Date.now();
  db.prepare("insert into sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)").run(
    hashSessionId(token),
    userId,
    now + 86_400_000,
    now,
  );
  db.close();
  return `kring_session=${token}`;
}

function startKring(file: string) {
  return new Promise<{ url: string; child: ChildProcess }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      // Jobs off: the generated members would all be due a digest, and emails are not what is measured.
      env: { ...process.env, NODE_ENV: "production", PORT: "0", DATABASE_PATH: file, SEED: "false", JOBS: "false" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** The ceiling: a bare node:http server in its own process, answering every request with these bytes. */
function startCeiling(body: Buffer) {
  const file = path.join(os.tmpdir(), `kring-ceiling-${process.pid}.html`);
  fs.writeFileSync(file, body);
  const code = `const http=require("http");const b=require("fs").readFileSync(${JSON.stringify(file)});http.createServer((q,s)=>{s.writeHead(200,{"Content-Type":"text/html; charset=utf-8","Content-Length":b.length});s.end(b)}).listen(0,function(){console.log("listening on http://localhost:"+this.address().port)})`;
  return new Promise<{ url: string; child: ChildProcess }>((resolve) => {
    const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout!.on("data", (chunk) => resolve({ url: /(http:\/\/localhost:\d+)/.exec(String(chunk))![1], child }));
  });
}

async function measure(url: string, headers: Record<string, string> = {}, connections = CONNECTIONS) {
  await autocannon({ url, connections, duration: 2, headers }); // warm-up
  const result = await autocannon({ url, connections, duration: DURATION, headers });
  return {
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    bytes: Math.round(result.throughput.average / Math.max(result.requests.average, 1)),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Resident memory of each worker of a running server (the primary's children), in MB, from /proc. */
function workerRss(primary: ChildProcess) {
  const list = spawnSync("pgrep", ["-P", String(primary.pid)], { encoding: "utf8" }).stdout.trim();
  return list
    .split("\n")
    .filter(Boolean)
    .map((pid) => {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    });
}

/** The largest RSS any worker reached while `run` ran, sampled every 250 ms. */
async function peakWorkerRss<T>(primary: ChildProcess, run: () => Promise<T>) {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, ...workerRss(primary)));
  const timer = setInterval(sample, 250);
  try {
    return { result: await run(), peak };
  } finally {
    clearInterval(timer);
    sample();
  }
}

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function benchSize(size: string) {
  const { file, sidecar } = ensureData(size);
  const cookie = benchSession(file, sidecar.benchUserId);
  // /health is for leads: a session for one (bench-data makes a few).
  const leadId = new Database(file, { readonly: true })
    .prepare("select id from users where role in ('lead', 'admin') order by id limit 1")
    .pluck()
    .get() as number;
  const leadCookie = benchSession(file, leadId);
  const kring = await startKring(file);
  const signedIn = { Cookie: cookie };
  const pages: [string, string, Record<string, string>][] = [
    ["home", "/", {}],
    ["articles list", "/articles", {}],
    ["question, 30 answers (anonymous)", `/questions/${sidecar.questionId}`, {}],
    ["question, 30 answers (signed in)", `/questions/${sidecar.questionId}`, signedIn],
    [`search "${sidecar.commonWord}" (anonymous)`, `/search?q=${sidecar.commonWord}`, {}],
    [`search "${sidecar.commonWord}" (signed in)`, `/search?q=${sidecar.commonWord}`, signedIn],
    [`search "${sidecar.rareWord}" (signed in)`, `/search?q=${sidecar.rareWord}`, signedIn],
    [`tag page "${sidecar.tag}"`, `/tags/${sidecar.tag}`, {}],
    ["member page", `/members/${sidecar.memberHandle}`, {}],
    ["member page (signed in)", `/members/${sidecar.memberHandle}`, signedIn],
    ["community health (lead)", "/health", { Cookie: leadCookie }],
    [`community health, tag "${sidecar.tag}" (lead)`, `/health?tag=${sidecar.tag}`, { Cookie: leadCookie }],
  ];
  const rows: Row[] = [];
  const bodies = new Map<string, Buffer>();
  let peakRss = 0;
  try {
    for (const [page, pathname, headers] of pages) {
      const check = await fetch(kring.url + pathname, { headers });
      if (check.status !== 200) throw new Error(`${pathname} answered ${check.status}`);
      bodies.set(page, Buffer.from(await check.arrayBuffer()));
      const { result, peak } = await peakWorkerRss(kring.child, () => measure(kring.url + pathname, headers));
      peakRss = Math.max(peakRss, peak);
      rows.push({ page, path: pathname, signedIn: !!headers.Cookie, ...result });
      console.log(`  ${size}: ${page} done`);
    }
    // Server time of the richest profile: the member with the most reputation, one request at a time.
    const topMember = new Database(file, { readonly: true })
      .prepare("select handle from users order by reputation desc limit 1")
      .pluck()
      .get() as string;
    const profile = `/members/${topMember}`;
    rows.push({
      page: "profile of the top member, 1 connection (signed in)",
      path: profile,
      signedIn: true,
      ...(await measure(kring.url + profile, signedIn, 1)),
    });
    rows.push({
      page: "community health, 1 connection (lead)",
      path: "/health",
      signedIn: true,
      ...(await measure(kring.url + "/health", { Cookie: leadCookie }, 1)),
    });
    console.log(`  ${size}: top profile done`);
    const questionBytes = Buffer.from(
      await (await fetch(`${kring.url}/questions/${sidecar.questionId}`)).arrayBuffer(),
    );
    await stop(kring.child);
    const ceiling = await startCeiling(questionBytes);
    const top = {
      page: "ceiling: node:http, question bytes",
      path: "-",
      signedIn: false,
      ...(await measure(ceiling.url)),
    };
    await stop(ceiling.child);
    // Each page against a bare server sending its own bytes (a 20 KB page has a higher ceiling than a 180 KB one).
    for (const row of rows) {
      row.ratio = row.reqPerSec / top.reqPerSec;
      const body = bodies.get(row.page);
      if (!body) continue;
      const own = await startCeiling(body);
      row.ownCeiling = (await measure(own.url)).reqPerSec;
      row.ownRatio = row.reqPerSec / row.ownCeiling;
      await stop(own.child);
    }
    rows.push({ ...top, ratio: 1 });
  } finally {
    await stop(kring.child);
  }
  return { size, counts: sidecar.counts, rows, peakRss, snapshot: snapshotTime(file) };
}

/** The /health snapshot's computation on this database (scripts/bench-health.ts), three runs. */
function snapshotTime(file: string) {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/bench-health.ts", "--db", file, "--runs", "3"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (result.status !== 0) throw new Error("bench-health failed");
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as {
    firstOfDayWallMs: number;
    firstOfDayCpuMs: number;
    medianWallMs: number;
    medianCpuMs: number;
  };
}

function printTable({ size, counts, rows, peakRss, snapshot }: Awaited<ReturnType<typeof benchSize>>) {
  console.log(
    `\n${size}: ${Object.entries(counts)
      .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
      .join(", ")}; ${CONNECTIONS} connections, ${DURATION} s`,
  );
  console.log(
    "| page | req/s | p50 ms | p97.5 ms | bytes | ratio to ceiling (question bytes) | ceiling for its bytes req/s | ratio to it |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  const percent = (x?: number) => (x === undefined ? "-" : `${(x * 100).toFixed(1)}%`);
  for (const r of rows) {
    const flags = r.non2xx || r.errors ? ` (${r.non2xx} non-2xx, ${r.errors} errors)` : "";
    console.log(
      `| ${r.page}${flags} | ${r.reqPerSec} | ${r.p50} | ${r.p975} | ${r.bytes} | ${percent(r.ratio)} | ${r.ownCeiling ?? "-"} | ${percent(r.ownRatio)} |`,
    );
  }
  console.log(`\nPeak RSS of a worker during the runs: ${peakRss.toFixed(0)} MB`);
  console.log(
    `\n/health snapshot computed in ${snapshot.medianWallMs} ms (${snapshot.medianCpuMs} ms CPU), median of 3 hourly runs; the first of a day in ${snapshot.firstOfDayWallMs} ms (${snapshot.firstOfDayCpuMs} ms CPU)`,
  );
}

async function main() {
  const results = [];
  for (const size of args.sizes!.split(",")) {
    console.log(`Benchmarking ${size}…`);
    const result = await benchSize(size.trim());
    printTable(result);
    results.push(result);
  }
  const [small, large] = [results.find((r) => r.size === "small"), results.find((r) => r.size === "large")];
  if (small && large) {
    console.log("\n| page | p50 small ms | p50 large ms | large/small |\n| --- | ---: | ---: | ---: |");
    for (const row of large.rows) {
      const base = small.rows.find((r) => r.page === row.page);
      if (base)
        console.log(`| ${row.page} | ${base.p50} | ${row.p50} | ${(row.p50 / Math.max(base.p50, 1)).toFixed(2)} |`);
    }
  }
  fs.mkdirSync("bench/results", { recursive: true });
  const out = `bench/results/${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  fs.writeFileSync(
    out,
    JSON.stringify(
      { at: new Date().toISOString(), cpus: os.cpus().length, duration: DURATION, connections: CONNECTIONS, results },
      null,
      2,
    ),
  );
  console.log(`\nWritten to ${out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
