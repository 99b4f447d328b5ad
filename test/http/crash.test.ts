import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { Client, startServer } from "../server";
import { LOAD_PASSWORD, startWriteLoad } from "../write-load";

/** The server's processes (the cluster primary and its workers), known by the database they were started on. */
function serverProcesses(dbPath: string) {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`DATABASE_PATH=${dbPath}`))
        pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

/** Gone, or a zombie waiting to be reaped (it holds no files any more). */
function isDead(pid: number) {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z") ?? true;
  } catch {
    return true;
  }
}

describe("crash safety", () => {
  it("after SIGKILL of every server process during a burst of writes, the database is intact and holds every acknowledged write", async () => {
    const first = await startServer({ env: { WEB_CONCURRENCY: "2", TRUST_PROXY: "true" } });
    const load = await startWriteLoad(first, { prefix: "cr", concurrency: 8 });
    await load.waitForAcks(30);
    const pids = serverProcesses(first.dbPath);
    expect(pids).toHaveLength(3); // the primary and two workers
    // All at once, as a power cut would from the processes' point of view: first freeze them, so
    // none can react to another's death (the primary restarting a worker), then kill them.
    for (const pid of pids) process.kill(pid, "SIGSTOP");
    for (const pid of pids) process.kill(pid, "SIGKILL");
    await first.kill();
    await load.stop();
    const start = Date.now();
    while (!pids.every(isDead)) {
      if (Date.now() - start > 10_000) throw new Error("server processes still alive");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(first.stderr()).toBe("");
    // Requests were in flight when the processes died, and the last commits were still in the log.
    expect(load.failures.length).toBeGreaterThan(0);
    expect(fs.existsSync(`${first.dbPath}-wal`)).toBe(true);
    // A server response is sent after its transaction commits, so each acknowledged write must be there.
    const acked = [...load.acked];

    const second = await startServer({ dir: first.dir, env: { WEB_CONCURRENCY: "2", TRUST_PROXY: "true" } });
    try {
      expect(second.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(second.sqlite.pragma("foreign_key_check")).toEqual([]);
      const members = new Set(
        second.sqlite.prepare("select handle from users where handle like 'cr\\_%' escape '\\'").pluck().all(),
      );
      const questions = new Set(
        second.sqlite.prepare("select title from posts where title like 'Load question cr %'").pluck().all(),
      );
      const missing = acked.filter((a) => !(a.kind === "member" ? members : questions).has(a.name));
      expect(missing).toEqual([]);
      expect(acked.filter((a) => a.kind === "member").length).toBeGreaterThan(0);
      expect(acked.filter((a) => a.kind === "question").length).toBeGreaterThan(0);
      // The last member who got an answer can sign in on the restarted server.
      const last = acked.filter((a) => a.kind === "member").at(-1)!.name;
      await new Client(second.url).login(`${last}@example.test`, LOAD_PASSWORD);
      expect(second.stderr()).toBe("");
    } finally {
      await second.stop();
    }
  });
});
