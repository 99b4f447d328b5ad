import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { signUp, startServer } from "../server";

/** One request on its own connection (no keep-alive reuse), resolving to the status code. */
function request(
  url: string,
  { method = "GET", body, cookie }: { method?: string; body?: string; cookie?: string } = {},
) {
  return new Promise<number>((resolve, reject) => {
    const target = new URL(url.replace("//localhost:", "//127.0.0.1:")); // no name lookup between us and the socket
    const req = http.request(
      target,
      {
        method,
        agent: false,
        headers: {
          Origin: target.origin,
          ...(cookie ? { Cookie: cookie } : {}),
          ...(body
            ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) }
            : {}),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("graceful shutdown", () => {
  it("SIGTERM while the workers are still starting: the process exits 0 at once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kring-early-stop-"));
    const child = spawn(process.execPath, ["build/server.js"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: "0",
        DATABASE_PATH: path.join(dir, "kring.db"),
        SEED: "false",
        WEB_CONCURRENCY: "2",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      // The primary prints the database path just before it forks the workers.
      await new Promise<void>((resolve) =>
        child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Database:") && resolve()),
      );
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      // A moment for the primary to fork; the workers need seconds more before they listen.
      await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill("SIGTERM");
      const tooLate = new Promise<string>((resolve) =>
        setTimeout(() => resolve("still running after 20 s"), 20_000).unref(),
      );
      expect(await Promise.race([exited, tooLate])).toBe(0);
    } finally {
      child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("SIGTERM during load: in-flight requests complete, the process exits 0, the database is intact", async () => {
    const server = await startServer({ env: { WEB_CONCURRENCY: "2" } });
    const member = await signUp(server, {
      name: "Load Tester",
      handle: "loader",
      email: "load@example.test",
      password: "load-password-1",
    });
    const cookie = `kring_session=${member.cookies.get("kring_session")}`;
    // A member of some days: ten questions at once is more than a new member may post (docs/limits.md).
    server.exec("update users set created_at = ? where handle = 'loader'", Date.now() - 3 * 24 * 3600_000);
    // Reads and writes in flight at once; the signal goes as soon as the first answer is back.
    const requests = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 0
        ? request(`${server.url}/questions/ask`, {
            method: "POST",
            cookie,
            body: new URLSearchParams({
              title: `Written during shutdown ${i}`,
              body: "Still written in full.",
              tags: "load",
            }).toString(),
          })
        : request(`${server.url}/questions?n=${i}`),
    );
    // Once the first answer is back every connection is open and most requests are still being served.
    await Promise.race(requests);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const exit = server.stop({ keep: true });
    const statuses = await Promise.all(requests);
    expect(statuses.filter((s) => s !== 200 && s !== 302)).toEqual([]);
    expect(await exit).toBe(0);
    expect(server.stderr()).toBe("");
    const check = new Database(server.dbPath, { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(check.prepare("select count(*) from posts where title like 'Written during shutdown%'").pluck().get()).toBe(
      10,
    );
    check.close();
  }, 60_000); // two server processes under load, while other test files run beside it
});

describe("shutdown while starting", () => {
  it("SIGTERM while some workers listen and others still start: all stop, and the process exits 0", async () => {
    // More workers than cores: when the first one listens, the others are still loading the app.
    const server = await startServer({ env: { WEB_CONCURRENCY: "4" } });
    const exit = server.stop();
    const timeout = new Promise((resolve) => setTimeout(() => resolve("still running after 30 s"), 30_000).unref());
    expect(await Promise.race([exit, timeout])).toBe(0);
    expect(server.stderr()).toBe("");
  }, 60_000);
});
