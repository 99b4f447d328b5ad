/**
 * Web workers run with a bounded heap (scripts/start.ts; docs/capacity.md, "Memory"), and jobs that need more run
 * in their own process with the default one (app/jobs/job-process.server.ts).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Client, startServer, type TestServer } from "../server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { WEB_CONCURRENCY: "2" } });
});
afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

it("each web worker runs with the bounded heap and serves pages", async () => {
  const workers = execFileSync("pgrep", ["-P", String(server.pid)], { encoding: "utf8" })
    .trim()
    .split("\n");
  expect(workers).toHaveLength(2);
  for (const pid of workers) {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    expect(args).toContain("--max-old-space-size=160");
    expect(args).toContain("--max-semi-space-size=8");
    // Compiled ahead (build/server.js): no TypeScript loader thread of ~30 MB in each worker.
    expect(args.join(" ")).not.toMatch(/tsx|\.ts\b/);
  }
  expect((await new Client(server.url).get("/")).status).toBe(200);
});
