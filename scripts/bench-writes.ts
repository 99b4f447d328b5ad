/**
 * `npm run bench:writes -- --db <copy of a bench db> [--seconds 10]`: SQLite's write ceiling on this machine,
 * measured through the app's own model functions, never raw SQL. NEVER point it at a database you want to
 * keep: it adds votes, answers, meetups and RSVPs (use a migrated copy, see docs/capacity.md).
 *
 * What one "write" is, exactly:
 * - vote: `castVote` (app/models/post-votes.server.ts), an upvote by a member who had not voted on that post:
 *   the vote row, the post's score, the activity log with the root's tags and its health rollups, the voter's
 *   last activity, the reputation ledger (daily cap, the author's total, reputation per tag), cache tags.
 *   The route's only other check is a permission (canUpvote), no rate limit. Posts: the 20,000 newest
 *   published articles, questions and answers (votes go to recent posts); voters: established members.
 * - answer: `createAnswer` (app/models/post.server.ts) exactly as the question route calls it: inside
 *   `withPostingLimits` (the rate-limit check in the transaction) with the spam screen on; markdown rendering,
 *   the post, its revision, the full-text index (triggers), the question's counters, the activity log,
 *   notifications to the asker and followers, the auto-follow, cache tags. A body of about 300 characters,
 *   distinct each time (the duplicate rule would hold a repeat). Questions: the 2,000 newest published ones.
 *   Each answerer writes at most ANSWERS_PER_ACTOR answers in a run, below the limit of 30 per 10 minutes, so
 *   the limits refuse nothing (a refusal would be counted, not hidden).
 * - rsvp: `rsvp` (app/models/rsvp.server.ts), "going" by a member who had not answered that meetup: the RSVP
 *   (capacity check), the activity log, cache tags. The meetups (20, a month ahead, no capacity limit) are
 *   created with `createEvent` before the first run.
 * - mixed: each write is a vote, an answer or an RSVP at random, 90% / 8% / 2% by default (--mix 90,8,2).
 *
 * Each scenario runs for --seconds in ONE child process, then in TWO child processes at once, each opening the
 * same file through app/utils/db.server.ts (WAL, busy_timeout 5000, synchronous NORMAL) as the server's two
 * workers do; each process writes back to back, one transaction after another, nothing else. Reported: writes
 * per second (all processes together), p50/p99 latency of one write (the model call, lock wait included),
 * SQLITE_BUSY failures (must be 0), other errors, the rows the tables gained (which must equal the writes), and
 * the CPU time per write (process.cpuUsage): on a machine shared with other work the wall-clock rates swing,
 * the CPU per write much less; 1000 / (CPU ms per write) is the one-writer ceiling on an idle core.
 * `--only votes,answers` runs some scenarios; `--cpu-prof-dir <dir>` writes a CPU profile per child process
 * (its sampling signal cuts SQLite's busy-handler sleeps short, so profiled two-process runs report SQLITE_BUSY
 * after well under the 5 s busy timeout: count busy failures from unprofiled runs only).
 * Processes never write the same (member, post) or (member, meetup) pair: pair k of process p is number
 * k * processes + p of one sequence that continues across scenarios.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type Database from "better-sqlite3";

export type WriteKind = "vote" | "answer" | "rsvp";
export const WRITE_KINDS: WriteKind[] = ["vote", "answer", "rsvp"];
export type Mix = Record<WriteKind, number>;
export const DEFAULT_MIX: Mix = { vote: 90, answer: 8, rsvp: 2 };
/** Below POSTS_PER_WINDOW (30 per 10 minutes) in app/models/post-limits.server.ts. */
export const ANSWERS_PER_ACTOR = 20;

export type Fixtures = {
  voters: number[];
  votePosts: { id: number; authorId: number }[];
  answerers: number[];
  questions: number[];
  rsvpers: number[];
  events: number[];
};
/** Where each kind's pair sequence continues (see the header). */
export type Cursors = Record<WriteKind, number>;
export type LoadSpec = {
  mix: Mix;
  seconds: number;
  slot: number;
  slots: number;
  cursors: Cursors;
  fixtures: Fixtures;
  seed?: number;
};
export type KindResult = {
  writes: number;
  refused: number;
  busy: number;
  errors: number;
  latencies: number[];
  /** The longest a write that failed with SQLITE_BUSY had waited (ms): the busy timeout, or less. */
  busyWaitMs: number;
};
export type LoadResult = {
  kinds: Record<WriteKind, KindResult>;
  /** How far this process went in each kind's sequence (its own k). */
  steps: Cursors;
  elapsedMs: number;
  /** CPU time this process used meanwhile (user + system): on a loaded machine, steadier than the wall clock. */
  cpuMs: number;
  firstError?: string;
};

const emptyKind = (): KindResult => ({ writes: 0, refused: 0, busy: 0, errors: 0, latencies: [], busyWaitMs: 0 });

/** A small deterministic generator, so runs are comparable. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const WORDS =
  "the index was rebuilt after the migration and the queries use it now but the planner still scans the table when the filter is on a column without statistics so run analyze again".split(
    " ",
  );

function answerBody(n: number, rand: () => number) {
  const words: string[] = [];
  while (words.join(" ").length < 280) words.push(WORDS[Math.floor(rand() * WORDS.length)]);
  return `Answer ${n}: ${words.join(" ")}.`;
}

/**
 * Picks the actors and targets and creates the meetups; call in one process before the load runs.
 * Members are established ones (older than the spam rules' and the posting limits' new-member periods).
 */
export async function prepareFixtures({
  pool = 20_000,
  now = new Date(),
}: { pool?: number; now?: Date } = {}): Promise<Fixtures> {
  const { db } = await import("~/utils/db.server");
  const { createEvent } = await import("~/models/event.server");
  const { SPAM_NEW_MEMBER_MS } = await import("~/models/spam.server");
  const sqlite = db.$client;
  const ids = (sql: string, ...params: unknown[]) =>
    sqlite
      .prepare(sql)
      .pluck()
      .all(...params) as number[];
  const oldEnough = now.getTime() - SPAM_NEW_MEMBER_MS - 24 * 3600 * 1000;
  const members = ids(
    "SELECT id FROM users WHERE role IN ('member', 'expert') AND created_at < ? ORDER BY random() LIMIT ?",
    oldEnough,
    3 * pool,
  );
  if (members.length < 3) throw new Error("bench-writes: the database needs at least 3 established members");
  const third = Math.ceil(members.length / 3);
  const votePosts = sqlite
    .prepare(
      "SELECT id, author_id AS authorId FROM posts WHERE kind IN ('article', 'question', 'answer') AND status = 'published' ORDER BY id DESC LIMIT 20000",
    )
    .all() as { id: number; authorId: number }[];
  const questions = ids(
    "SELECT id FROM posts WHERE kind = 'question' AND status = 'published' ORDER BY id DESC LIMIT 2000",
  );
  if (!votePosts.length || !questions.length) throw new Error("bench-writes: the database needs published questions");
  const host = ids("SELECT id FROM users ORDER BY (role = 'lead') DESC, id LIMIT 1")[0];
  const events: number[] = [];
  for (let i = 0; i < 20; i++) {
    const startsAt = new Date(now.getTime() + (30 + i) * 24 * 3600 * 1000);
    events.push(
      createEvent({
        title: `Write benchmark meetup ${i + 1}`,
        description: "A meetup created by scripts/bench-writes.ts to measure RSVPs.",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3600 * 1000),
        timezone: "Europe/Amsterdam",
        venue: "Online",
        address: "",
        city: "",
        onlineUrl: "https://meet.example/bench",
        capacity: null,
        rsvpDeadline: null,
        tags: [],
        hostIds: [host],
        createdBy: host,
        now,
      }).id,
    );
  }
  return {
    voters: members.slice(0, third),
    votePosts,
    answerers: members.slice(third, 2 * third),
    rsvpers: members.slice(2 * third).length ? members.slice(2 * third) : members.slice(0, third),
    questions,
    events,
  };
}

/** Runs writes back to back in this process for `seconds`, through the app's model functions. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const { db } = await import("~/utils/db.server");
  const { castVote } = await import("~/models/post-votes.server");
  const { createAnswer } = await import("~/models/post.server");
  const { withPostingLimits } = await import("~/models/post-limits.server");
  const { rsvp } = await import("~/models/rsvp.server");
  const { fixtures: f, slot, slots, cursors } = spec;
  const rand = random((spec.seed ?? 1) * 7919 + slot + 1);

  // Pairs that already exist are skipped (they would write nothing): votes on the chosen posts.
  const voted = new Set<string>();
  const postIds = f.votePosts.map((p) => p.id);
  for (let i = 0; i < postIds.length; i += 500) {
    const chunk = postIds.slice(i, i + 500);
    const rows = db.$client
      .prepare(`SELECT user_id AS u, post_id AS p FROM votes WHERE post_id IN (${chunk.map(() => "?").join(",")})`)
      .all(...chunk) as { u: number; p: number }[];
    for (const { u, p } of rows) voted.add(`${u}:${p}`);
  }

  const kinds = { vote: emptyKind(), answer: emptyKind(), rsvp: emptyKind() };
  const steps: Cursors = { vote: 0, answer: 0, rsvp: 0 };
  const total = WRITE_KINDS.reduce((sum, k) => sum + spec.mix[k], 0);
  const pick = (): WriteKind => {
    let r = rand() * total;
    for (const k of WRITE_KINDS) if ((r -= spec.mix[k]) < 0) return k;
    return "vote";
  };
  /** Number n of this kind's shared sequence for this process's next step. */
  const next = (kind: WriteKind) => cursors[kind] + steps[kind]++ * slots + slot;

  let firstError: string | undefined;
  /** One write: true when it wrote, false when it was skipped before touching the database. */
  const write: Record<WriteKind, (result: KindResult) => boolean> = {
    vote: (result) => {
      const n = next("vote");
      const voter = f.voters[n % f.voters.length];
      const post = f.votePosts[Math.floor(n / f.voters.length) % f.votePosts.length];
      if (post.authorId === voter || voted.has(`${voter}:${post.id}`)) return false;
      const outcome = castVote({ userId: voter, postId: post.id, value: 1 });
      if (outcome.status !== "changed") result.refused++;
      return outcome.status === "changed";
    },
    answer: (result) => {
      const n = next("answer");
      const author = f.answerers[Math.floor(n / ANSWERS_PER_ACTOR) % f.answerers.length];
      const questionId = f.questions[Math.floor(rand() * f.questions.length)];
      const body = answerBody(n, rand);
      const posted = withPostingLimits({ userId: author, text: body }, (guard) =>
        createAnswer({ authorId: author, questionId, body, guard, screen: true }),
      );
      if (!posted.ok || !posted.value || posted.value.status !== "published") result.refused++;
      return posted.ok && !!posted.value;
    },
    rsvp: (result) => {
      const n = next("rsvp");
      const member = f.rsvpers[n % f.rsvpers.length];
      const eventId = f.events[Math.floor(n / f.rsvpers.length) % f.events.length];
      const outcome = rsvp({ eventId, userId: member, status: "going" });
      if (!outcome.ok) result.refused++;
      return outcome.ok;
    },
  };

  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + spec.seconds * 1000;
  while (performance.now() < end) {
    const kind = pick();
    const result = kinds[kind];
    const t0 = performance.now();
    try {
      if (write[kind](result)) {
        result.writes++;
        result.latencies.push(performance.now() - t0);
      }
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) {
        result.busy++;
        result.busyWaitMs = Math.max(result.busyWaitMs, performance.now() - t0);
      } else result.errors++;
      firstError ??= `${kind}: ${(error as Error).stack ?? String(error)} (${String(code)})`;
    }
  }
  const used = process.cpuUsage(cpu);
  return { kinds, steps, elapsedMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000, firstError };
}

export type ScenarioResult = {
  processes: number;
  seconds: number;
  writesPerSecond: number;
  /** CPU milliseconds per write, all processes together (lock waits in busy sleeps are not CPU). */
  cpuMsPerWrite: number;
  kinds: Record<WriteKind, Omit<KindResult, "latencies"> & { p50: number; p99: number }>;
  all: { writes: number; busy: number; errors: number; refused: number; p50: number; p99: number; busyWaitMs: number };
  firstError?: string;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;

/** Adds the processes' results up; returns the scenario's figures and moves the cursors past the pairs used. */
export function combine(results: LoadResult[], cursors: Cursors): ScenarioResult {
  const slots = results.length;
  const elapsed = Math.max(...results.map((r) => r.elapsedMs)) / 1000;
  const kinds = {} as ScenarioResult["kinds"];
  const all: number[] = [];
  const totals = { writes: 0, busy: 0, errors: 0, refused: 0 };
  for (const kind of WRITE_KINDS) {
    const latencies = results.flatMap((r) => r.kinds[kind].latencies).sort((a, b) => a - b);
    all.push(...latencies);
    const sum = (key: "writes" | "refused" | "busy" | "errors") => results.reduce((s, r) => s + r.kinds[kind][key], 0);
    kinds[kind] = {
      writes: sum("writes"),
      refused: sum("refused"),
      busy: sum("busy"),
      errors: sum("errors"),
      busyWaitMs: Math.max(...results.map((r) => r.kinds[kind].busyWaitMs)),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
    for (const key of ["writes", "busy", "errors", "refused"] as const) totals[key] += kinds[kind][key];
    // Answers: each process moves to fresh answerers; the others: past every pair used.
    const used = Math.max(...results.map((r) => r.steps[kind]));
    cursors[kind] +=
      kind === "answer" ? Math.ceil((used * slots) / ANSWERS_PER_ACTOR + 1) * ANSWERS_PER_ACTOR : used * slots;
  }
  all.sort((a, b) => a - b);
  return {
    processes: slots,
    seconds: elapsed,
    writesPerSecond: totals.writes / elapsed,
    cpuMsPerWrite: results.reduce((s, r) => s + r.cpuMs, 0) / Math.max(1, totals.writes),
    kinds,
    all: {
      ...totals,
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      busyWaitMs: Math.max(...WRITE_KINDS.map((k) => kinds[k].busyWaitMs)),
    },
    firstError: results.find((r) => r.firstError)?.firstError,
  };
}

/** Runs one scenario in `processes` child processes at once (each opens DATABASE_PATH as a server worker does). */
export async function runProcesses(processes: number, spec: Omit<LoadSpec, "slot" | "slots">): Promise<LoadResult[]> {
  const self = fileURLToPath(import.meta.url);
  const children: ChildProcess[] = [];
  try {
    const ready: Promise<unknown>[] = [];
    const done: Promise<LoadResult>[] = [];
    for (let slot = 0; slot < processes; slot++) {
      const profile = process.env.BENCH_WRITES_CPU_PROF;
      const execArgv = ["--import", "tsx", ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [])];
      const child = fork(self, ["--child"], { execArgv, env: process.env, cwd: process.cwd() });
      children.push(child);
      const messages = new Promise<void>((resolve, reject) => {
        child.once("error", reject);
        child.once("exit", (code) => reject(new Error(`bench-writes child exited with ${code}`)));
        child.on("message", (m: { type: string }) => m.type === "ready" && resolve());
      });
      ready.push(messages);
      done.push(
        new Promise<LoadResult>((resolve, reject) => {
          child.once("exit", (code) => reject(new Error(`bench-writes child exited with ${code}`)));
          child.on("message", (m: { type: string; result?: LoadResult }) => m.type === "done" && resolve(m.result!));
        }),
      );
      child.send({ type: "prepare", spec: { ...spec, slot, slots: processes } });
    }
    await Promise.all(ready);
    for (const child of children) child.send({ type: "go" });
    return await Promise.all(done);
  } finally {
    // Each child exits by itself once it has sent its result (and written its CPU profile, when asked).
    await Promise.all(
      children.map((child) =>
        child.exitCode !== null
          ? undefined
          : new Promise<void>((resolve) => {
              const timer = setTimeout(() => child.kill(), 10_000);
              child.once("exit", () => (clearTimeout(timer), resolve()));
            }),
      ),
    );
  }
}

/** Rows the tables hold: what the writes must add up to. */
export function tableCounts(sqlite: Database.Database): Record<WriteKind, number> {
  const value = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
  return {
    vote: value("SELECT count(*) FROM votes"),
    answer: value("SELECT count(*) FROM posts WHERE kind = 'answer'"),
    rsvp: value("SELECT count(*) FROM rsvps"),
  };
}

async function child() {
  let spec: LoadSpec | undefined;
  process.on("message", async (m: { type: string; spec?: LoadSpec }) => {
    if (m.type === "prepare") {
      spec = m.spec!;
      // Load the modules and the skip list before the start, outside the measured time.
      await runLoad({ ...spec, seconds: 0 });
      process.send!({ type: "ready" });
    } else if (m.type === "go") {
      const result = await runLoad(spec!);
      process.send!({ type: "done", result }, () => process.exit(0));
    }
  });
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main() {
  const { values: args } = parseArgs({
    options: {
      db: { type: "string" },
      seconds: { type: "string", default: "10" },
      mix: { type: "string", default: "90,8,2" },
      only: { type: "string" },
      "cpu-prof-dir": { type: "string" },
    },
  });
  if (!args.db)
    throw new Error("Usage: node --import tsx scripts/bench-writes.ts --db <copy of a bench db> [--seconds 10]");
  const path = await import("node:path");
  const file = path.resolve(args.db);
  for (const keep of ["/tmp/bd/large.db", "/tmp/bd/large21.db", path.resolve("data/kring.db")])
    if (file === keep) throw new Error(`Refusing to write ${file}: run on a copy.`);
  process.env.DATABASE_PATH = file;
  if (args["cpu-prof-dir"]) process.env.BENCH_WRITES_CPU_PROF = path.resolve(args["cpu-prof-dir"]);
  const seconds = Number(args.seconds);
  const [vote, answer, rsvpShare] = args.mix.split(",").map(Number);
  const mixed: Mix = { vote, answer, rsvp: rsvpShare };

  const { db } = await import("~/utils/db.server");
  const os = await import("node:os");
  console.log(`bench-writes on ${file}, ${seconds} s per run; load average ${os.loadavg().map((l) => fmt(l, 2))}`);
  const fixtures = await prepareFixtures();
  const cursors: Cursors = { vote: 0, answer: 0, rsvp: 0 };
  const scenarios: [string, Mix][] = [
    ["votes", { vote: 1, answer: 0, rsvp: 0 }],
    ["answers", { vote: 0, answer: 1, rsvp: 0 }],
    ["rsvps", { vote: 0, answer: 0, rsvp: 1 }],
    [`mixed ${args.mix}`, mixed],
  ];
  const only = args.only?.split(",");
  const rows: (ScenarioResult & { scenario: string; rowsAdded: number })[] = [];
  for (const [scenario, mix] of scenarios) {
    if (only && !only.some((o) => scenario.startsWith(o))) continue;
    for (const processes of [1, 2]) {
      const before = tableCounts(db.$client);
      const results = await runProcesses(processes, { mix, seconds, cursors: { ...cursors }, fixtures });
      const result = combine(results, cursors);
      const after = tableCounts(db.$client);
      const rowsAdded = WRITE_KINDS.reduce((s, k) => s + after[k] - before[k], 0);
      rows.push({ ...result, scenario, rowsAdded });
      const { all } = result;
      console.log(
        `${scenario.padEnd(16)} ${processes} proc  ${fmt(result.writesPerSecond).padStart(8)} writes/s  CPU ${fmt(result.cpuMsPerWrite, 2)} ms/write  p50 ${fmt(all.p50, 2)} ms  p99 ${fmt(all.p99, 2)} ms  writes ${all.writes} (rows added ${rowsAdded})  busy ${all.busy}${all.busy ? ` (after up to ${fmt(all.busyWaitMs, 0)} ms)` : ""}  errors ${all.errors}  refused ${all.refused}` +
          (scenario.startsWith("mixed")
            ? `\n${WRITE_KINDS.map((k) => `    ${k}: ${result.kinds[k].writes} writes, p50 ${fmt(result.kinds[k].p50, 2)} ms, p99 ${fmt(result.kinds[k].p99, 2)} ms`).join("\n")}`
            : ""),
      );
      if (result.firstError) console.log(`    first error: ${result.firstError}`);
    }
  }
  console.log(`load average ${os.loadavg().map((l) => fmt(l, 2))}`);
  console.log(JSON.stringify(rows));
}

if (process.argv.includes("--child")) void child();
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
