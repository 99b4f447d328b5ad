/**
 * `npm run bench`: measures the production server on generated communities (see scripts/bench-data.ts).
 * For each size (small, large; generated first when missing) it starts `scripts/start.ts` on that
 * database; then it measures each page with autocannon (10 s at 20 connections after a warm-up) on one size right
 * after the other, so load on the machine hits both sides of the large/small ratio alike. After the servers stop,
 * a bare node:http server returns each page's exact bytes from memory: the ceiling for those bytes on this machine
 * (the question page's is the reference column). Prints a table per size with the peak RSS of a worker (from
 * /proc), and the large/small p50 and mean latency per page; writes JSON to bench/results/.
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
  /** Mean latency: autocannon's percentiles are whole milliseconds, too coarse for 2–3 ms pages. */
  mean: number;
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
    const child = spawn(process.execPath, ["build/server.js"], {
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
    mean: result.latency.average,
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

type Page = { page: string; path: string; headers: Record<string, string>; connections?: number };

/** A running server on one size's database, with the pages to measure on it (the same names for every size). */
async function prepareSize(size: string) {
  const { file, sidecar } = ensureData(size);
  const readonly = new Database(file, { readonly: true });
  // /health is for leads: a session for one (bench-data makes a few).
  const leadId = readonly
    .prepare("select id from users where role in ('lead', 'admin') order by id limit 1")
    .pluck()
    .get() as number;
  // Server time of the richest profile: the member with the most reputation, one request at a time.
  const topMember = readonly.prepare("select handle from users order by reputation desc limit 1").pluck().get();
  readonly.close();
  const signedIn = { Cookie: benchSession(file, sidecar.benchUserId) };
  const lead = { Cookie: benchSession(file, leadId) };
  const pages: Page[] = [
    { page: "home", path: "/", headers: {} },
    { page: "articles list", path: "/articles", headers: {} },
    { page: "question, 30 answers (anonymous)", path: `/questions/${sidecar.questionId}`, headers: {} },
    { page: "question, 30 answers (signed in)", path: `/questions/${sidecar.questionId}`, headers: signedIn },
    { page: `search "${sidecar.commonWord}" (anonymous)`, path: `/search?q=${sidecar.commonWord}`, headers: {} },
    { page: `search "${sidecar.commonWord}" (signed in)`, path: `/search?q=${sidecar.commonWord}`, headers: signedIn },
    { page: `search "${sidecar.rareWord}" (signed in)`, path: `/search?q=${sidecar.rareWord}`, headers: signedIn },
    { page: `tag page "${sidecar.tag}"`, path: `/tags/${sidecar.tag}`, headers: {} },
    { page: "member page", path: `/members/${sidecar.memberHandle}`, headers: {} },
    { page: "member page (signed in)", path: `/members/${sidecar.memberHandle}`, headers: signedIn },
    { page: "community health (lead)", path: "/health", headers: lead },
    { page: `community health, tag "${sidecar.tag}" (lead)`, path: `/health?tag=${sidecar.tag}`, headers: lead },
    {
      page: "profile of the top member, 1 connection (signed in)",
      path: `/members/${topMember}`,
      headers: signedIn,
      connections: 1,
    },
    { page: "community health, 1 connection (lead)", path: "/health", headers: lead, connections: 1 },
  ];
  return { size, file, sidecar, pages, kring: await startKring(file), rows: [] as Row[], peakRss: 0 };
}
type Size = Awaited<ReturnType<typeof prepareSize>>;

async function measurePage(target: Size, { page, path: pathname, headers, connections }: Page) {
  const check = await fetch(target.kring.url + pathname, { headers });
  if (check.status !== 200) throw new Error(`${pathname} answered ${check.status}`);
  const body = Buffer.from(await check.arrayBuffer());
  const { result, peak } = await peakWorkerRss(target.kring.child, () =>
    measure(target.kring.url + pathname, headers, connections),
  );
  target.peakRss = Math.max(target.peakRss, peak);
  target.rows.push({ page, path: pathname, signedIn: !!headers.Cookie, ...result });
  console.log(`  ${target.size}: ${page} done`);
  return body;
}

/**
 * After the servers stop: the ceiling for the question page's bytes (the bench's reference since issue 12), and for
 * every page one for its own bytes (a 20 KB page has a higher ceiling than a 180 KB one).
 */
async function ceilings(target: Size, bodies: Map<string, Buffer>) {
  const questionPage = target.pages[2].page;
  const ceiling = await startCeiling(bodies.get(questionPage)!);
  const top = {
    page: "ceiling: node:http, question bytes",
    path: "-",
    signedIn: false,
    ...(await measure(ceiling.url)),
  };
  await stop(ceiling.child);
  for (const row of target.rows) {
    row.ratio = row.reqPerSec / top.reqPerSec;
    if (row.page === questionPage) {
      row.ownCeiling = top.reqPerSec;
    } else {
      const own = await startCeiling(bodies.get(row.page)!);
      row.ownCeiling = (await measure(own.url, {}, CONNECTIONS)).reqPerSec;
      await stop(own.child);
    }
    row.ownRatio = row.reqPerSec / row.ownCeiling;
  }
  target.rows.push({ ...top, ratio: 1 });
}

/**
 * Every size's server runs at once and each page is measured on one size right after the other, so a change in the
 * machine's load in between (these machines are shared) hits both sides of the large/small comparison alike.
 */
async function benchSizes(sizes: string[]) {
  const targets: Size[] = [];
  const bodies = new Map<Size, Map<string, Buffer>>();
  try {
    for (const size of sizes) targets.push(await prepareSize(size));
    for (const target of targets) bodies.set(target, new Map());
    for (let i = 0; i < targets[0].pages.length; i++)
      for (const target of targets)
        bodies.get(target)!.set(target.pages[i].page, await measurePage(target, target.pages[i]));
  } finally {
    for (const target of targets) await stop(target.kring.child);
  }
  const results = [];
  for (const target of targets) {
    await ceilings(target, bodies.get(target)!);
    const { size, sidecar, rows, peakRss, file } = target;
    results.push({ size, counts: sidecar.counts, rows, peakRss, snapshot: snapshotTime(file) });
  }
  return results;
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

function printTable({ size, counts, rows, peakRss, snapshot }: Awaited<ReturnType<typeof benchSizes>>[number]) {
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
  const sizes = args.sizes!.split(",").map((size) => size.trim());
  console.log(`Benchmarking ${sizes.join(" and ")}…`);
  const results = await benchSizes(sizes);
  results.forEach(printTable);
  const [small, large] = [results.find((r) => r.size === "small"), results.find((r) => r.size === "large")];
  if (small && large) {
    console.log(
      "\n| page | p50 small ms | p50 large ms | large/small | mean small ms | mean large ms | large/small |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const row of large.rows) {
      const base = small.rows.find((r) => r.page === row.page);
      if (base)
        console.log(
          `| ${row.page} | ${base.p50} | ${row.p50} | ${(row.p50 / Math.max(base.p50, 1)).toFixed(2)} | ${base.mean.toFixed(2)} | ${row.mean.toFixed(2)} | ${(row.mean / base.mean).toFixed(2)} |`,
        );
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
