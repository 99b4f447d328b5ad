/**
 * How long the daily people-you-should-meet job (computeMemberMatches, docs/people-to-meet.md) takes on a
 * benchmark database (scripts/bench-data.ts), at the database's own "now" (its sidecar's). It writes
 * `member_matches`, so run it on a copy. The generated databases have no chosen expertise, followed tags or
 * meetups; `--fill` adds them first when there are none (seeded, so every run adds the same): a third of the
 * members choose 3 tags, half follow 4, and 300 upcoming meetups get 5 to 150 members going.
 *
 *   node --import tsx scripts/bench-matches.ts --db /tmp/bench-copy.db [--fill] [--runs 1]
 *
 * Prints one line of JSON: members, rows written, load and total wall time and this process's CPU time per run.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    fill: { type: "boolean", default: false },
    runs: { type: "string", default: "1" },
  },
});
if (!args.db) throw new Error("--db is required");
const sidecar = fs.existsSync(`${args.db}.json`)
  ? (JSON.parse(fs.readFileSync(`${args.db}.json`, "utf8")) as { now?: number })
  : {};
process.env.DATABASE_PATH = args.db;
const { db, closeDb } = await import("~/utils/db.server");
const { computeMemberMatches } = await import("~/models/introduction.server");
const now = new Date(sidecar.now ?? Date.now());

function fill() {
  const client = db.$client;
  if ((client.prepare("select count(*) from member_tags").pluck().get() as number) > 0) return false;
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const userIds = client.prepare("select id from users order by id").pluck().all() as number[];
  const tagIds = client.prepare("select id from tags order by id").pluck().all() as number[];
  // Popular tags are popular: a skewed pick.
  const pickTag = () => tagIds[Math.floor(next() ** 2 * tagIds.length)];
  client.transaction(() => {
    const expertise = client.prepare("insert or ignore into member_tags (user_id, tag_id) values (?, ?)");
    const follow = client.prepare(
      "insert or ignore into follows (user_id, kind, target_id, auto, created_at) values (?, 'tag', ?, 0, ?)",
    );
    for (const id of userIds) {
      if (next() < 1 / 3) for (let i = 0; i < 3; i++) expertise.run(id, pickTag());
      if (next() < 1 / 2) for (let i = 0; i < 4; i++) follow.run(id, pickTag(), now.getTime());
    }
    const event = client.prepare(
      `insert into events (title, description, description_html, starts_at, ends_at, created_by, updated_at)
       values (?, '', '', ?, ?, ?, ?) returning id`,
    );
    const going = client.prepare(
      "insert or ignore into rsvps (event_id, user_id, status, updated_at) values (?, ?, 'going', ?)",
    );
    for (let e = 0; e < 300; e++) {
      const startsAt = now.getTime() + (1 + Math.floor(next() * 60)) * 86_400_000;
      const host = userIds[Math.floor(next() * userIds.length)];
      const { id } = event.get(`Bench meetup ${e}`, startsAt, startsAt + 3 * 3_600_000, host, now.getTime()) as {
        id: number;
      };
      const size = 5 + Math.floor(next() * 146);
      for (let i = 0; i < size; i++) going.run(id, userIds[Math.floor(next() * userIds.length)], now.getTime());
    }
  })();
  return true;
}

const filled = args.fill ? fill() : false;
const runs = [];
for (let i = 0; i < Number(args.runs); i++) {
  const usage = process.cpuUsage();
  const result = computeMemberMatches(now);
  const used = process.cpuUsage(usage);
  runs.push({ ...result, cpuMs: Math.round((used.user + used.system) / 1000) });
}
console.log(JSON.stringify({ db: args.db, filled, now: now.toISOString(), runs }));
closeDb();
