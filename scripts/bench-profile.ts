/**
 * `npm run bench:profile`: where a signed-in request's CPU goes. Starts one production worker on a benchmark
 * database (made by `npm run bench`) with V8's CPU profiler, loads one page with autocannon as a signed-in member
 * (or lead), then prints milliseconds of CPU per request: the whole, the phases (render, loaders, route matching,
 * JSON, bytes, GC) and the functions with the most time. The profile stays in bench/profiles/ for Chrome's DevTools.
 *
 *   npm run bench:profile                                   large, the question page, 8 s
 *   npm run bench:profile -- --size small --page member     also: search, health, health-tag
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";

const { values: args } = parseArgs({
  options: {
    size: { type: "string", default: "large" },
    page: { type: "string", default: "question" },
    seconds: { type: "string", default: "8" },
  },
});

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };

const file = path.resolve(`data/bench-${args.size}.db`);
if (!fs.existsSync(`${file}.json`)) throw new Error(`No ${file}: run \`npm run bench -- --sizes ${args.size}\` first.`);
const sidecar = JSON.parse(fs.readFileSync(`${file}.json`, "utf8"));
const pages: Record<string, string> = {
  question: `/questions/${sidecar.questionId}`,
  member: `/members/${sidecar.memberHandle}`,
  search: `/search?q=${sidecar.commonWord}`,
  health: "/health",
  "health-tag": `/health?tag=${sidecar.tag}`,
};
const pathname = pages[args.page!];
if (!pathname) throw new Error(`--page is one of ${Object.keys(pages).join(", ")}`);

function session() {
  const db = new Database(file);
  const userId = args.page?.startsWith("health")
    ? db.prepare("select id from users where role in ('lead', 'admin') order by id limit 1").pluck().get()
    : sidecar.benchUserId;
  const token = randomBytes(20).toString("hex");
  db.prepare("insert into sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)").run(
    createHash("sha256").update(token).digest("hex"),
    userId,
    Date.now() + 86_400_000,
    Date.now(),
  );
  db.close();
  return `kring_session=${token}`;
}

async function profile() {
  const dir = path.resolve("bench/profiles", new Date().toISOString().replace(/[:.]/g, "-"));
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "build/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      DATABASE_PATH: file,
      SEED: "false",
      JOBS: "false",
      WEB_CONCURRENCY: "1",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const url = await new Promise<string>((resolve) =>
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (match) resolve(match[1]);
    }),
  );
  const headers = { Cookie: session() };
  const first = await fetch(url + pathname, { headers });
  if (first.status !== 200) throw new Error(`${pathname} answered ${first.status}`);
  const bytes = (await first.arrayBuffer()).byteLength;
  await autocannon({ url: url + pathname, connections: 4, duration: 2, headers }); // warm-up, not counted
  // Only the samples of the measured run count: V8's profile clock and hrtime are both the monotonic clock (µs).
  const window = { from: Number(process.hrtime.bigint() / 1000n), to: 0 };
  const { requests } = await autocannon({
    url: url + pathname,
    connections: 4,
    duration: Number(args.seconds),
    headers,
  });
  window.to = Number(process.hrtime.bigint() / 1000n);
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
  const largest = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  return {
    bytes,
    requests: requests.total,
    window,
    profile: JSON.parse(fs.readFileSync(largest, "utf8")) as Profile,
    file: largest,
  };
}

const RENDERING = "(React rendering)";

/** Time per request of every function, counted once per stack (inclusive), and of its own code (self). */
function summarise(
  { nodes, samples, timeDeltas, startTime }: Profile,
  requests: number,
  window: { from: number; to: number },
) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").slice(-2).join("/").replace(/\?.*$/, "")}`;
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  let at = startTime;
  samples.forEach((id, i) => {
    at += timeDeltas[i] ?? 0;
    if (at < window.from || at > window.to) return;
    const ms = (timeDeltas[i] ?? 0) / 1000 / requests;
    self.set(label(byId.get(id)!), (self.get(label(byId.get(id)!)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at)!);
      // React's renderer runs the page from a scheduled callback, and its builds are minified: a sample is
      // rendering when any frame of its stack is React's server renderer.
      if (byId.get(at)!.callFrame.url.includes("react-dom-server")) seen.add(RENDERING);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
    if (seen.has(RENDERING)) inclusive.set(RENDERING, (inclusive.get(RENDERING) ?? 0) + ms);
  });
  return { inclusive, self };
}

const { bytes, requests, window, profile: cpu, file: profileFile } = await profile();
const { inclusive, self } = summarise(cpu, requests, window);
const get = (prefix: string) => [...inclusive].find(([name]) => name.startsWith(prefix))?.[1] ?? 0;
const busy = get("(root)") - get("(idle)");
console.log(`${args.page} (${pathname}), ${args.size}, signed in: ${requests} requests, ${bytes} bytes each`);
console.log(`CPU per request: ${busy.toFixed(2)} ms, of which`);
for (const [phase, prefix] of [
  ["rendering (React, components included)", RENDERING],
  ["route loaders and actions", "callLoaderOrAction"],
  ["route matching", "matchRoutes"],
  ["loader data to JSON", "json dist/responses"],
  ["handoff script", "createServerHandoffString"],
  ["page to bytes", "from node:buffer"],
  ["garbage collection", "(garbage collector)"],
] as const)
  console.log(`  ${get(prefix).toFixed(2).padStart(6)} ms  ${phase}`);
const top = (map: Map<string, number>, n: number) =>
  [...map]
    .filter(([name]) => !/^\((root|idle|program)\)/.test(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => `  ${ms.toFixed(3).padStart(7)} ms  ${name}`)
    .join("\n");
console.log(
  `App functions (inclusive):\n${top(new Map([...inclusive].filter(([n]) => n.includes("build/index"))), 15)}`,
);
console.log(`Most self time:\n${top(self, 15)}`);
console.log(`Profile: ${profileFile}`);
