import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Client, signUp, startServer, type RunAs } from "../server";

// Root ignores file permissions, and CI runs as root: there the server runs as `nobody`, for whom a 0444
// database is read-only. That needs `nobody` to be able to read the checkout; where it cannot, this test
// is skipped (app/utils/auth.server.test.ts makes the same point in-process, as any user).
const runAs: RunAs | undefined = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
const readable = (file: string) =>
  `require("node:fs").accessSync(${JSON.stringify(path.resolve(file))}, require("node:fs").constants.R_OK)`;
const canRun =
  !runAs ||
  spawnSync(
    process.execPath,
    [
      "-e",
      [readable("build/server.js"), readable("build/index.js"), readable("node_modules/tsx/package.json")].join(";"),
    ],
    runAs,
  ).status === 0;

describe("a read-only database", () => {
  it.skipIf(!canRun)(
    "still serves signed-in pages: the writes reads make on the side are skipped, and the log says so once",
    async () => {
      // No jobs in the first server: a snapshot or email it wrote after the clean-up below would read as a write.
      const first = await startServer({ env: { WEB_CONCURRENCY: "1", JOBS: "false" }, runAs });
      const signedIn = await signUp(first, {
        name: "Rosa Lead",
        handle: "rosa",
        email: "rosa@example.test",
        password: "rosa-password-1",
      });
      const helper = await signUp(first, {
        name: "Hans Helper",
        handle: "hans",
        email: "hans@example.test",
        password: "hans-password-1",
      });
      const ask = await signedIn.post("/questions/ask", {
        title: "Which disk do we buy for the archive?",
        body: "Ours is nearly full.",
        tags: "storage",
      });
      const questionUrl = ask.headers.get("location")!;
      await helper.post(questionUrl, { intent: "answer", body: "A bigger one, and a second for the backup." });
      first.exec("update users set role = 'lead' where handle = 'rosa'");
      // A badge without its credential yet: her profile would issue it (docs/credentials.md).
      first.exec(
        "insert into user_badges (user_id, badge, awarded_at) select id, 'first_answer', ? from users where handle = 'rosa'",
        Date.now(),
      );
      // Due on the next request: the sliding expiry (in the second half of the idle period), today's visit, a health snapshot.
      const expiresAt = Date.now() + 60 * 60 * 1000;
      first.exec("update sessions set expires_at = ?", expiresAt);
      first.exec("delete from user_visits");
      first.exec("delete from health_snapshots");
      expect(first.stderr()).toBe("");
      expect(await first.stop({ keep: true })).toBe(0);

      for (const file of ["kring.db", "kring.db-wal", "kring.db-shm"].map((f) => path.join(first.dir, f))) {
        if (fs.existsSync(file)) fs.chmodSync(file, 0o444);
      }
      const server = await startServer({ dir: first.dir, env: { WEB_CONCURRENCY: "1" }, runAs });
      const lead = new Client(server.url);
      lead.cookies = signedIn.cookies;
      // Counted once the first server has stopped: its jobs may still write notifications until then.
      const unread = () =>
        server.sqlite.prepare("select count(*) from notifications where read_at is null").pluck().get();
      const unreadBefore = unread();
      expect(unreadBefore).toBeGreaterThan(0);
      try {
        for (const page of ["/", "/settings", "/notifications", questionUrl, "/health", "/members/rosa"]) {
          expect((await lead.get(page)).status, page).toBe(200);
        }
        const href = /href="(\/notifications\/\d+)"/.exec(await (await lead.get("/notifications")).text())![1];
        const open = await lead.get(href);
        expect(open.status).toBe(302);
        expect(open.headers.get("location")).toContain(questionUrl);

        // Nothing was written, and the log says why once, not once per request.
        expect(server.sqlite.prepare("select expires_at from sessions").pluck().all()).toEqual([expiresAt, expiresAt]);
        expect(server.sqlite.prepare("select count(*) from user_visits").pluck().get()).toBe(0);
        expect(unread()).toBe(unreadBefore);
        expect(server.sqlite.prepare("select count(*) from health_snapshots").pluck().get()).toBe(0);
        expect(server.sqlite.prepare("select count(*) from credentials").pluck().get()).toBe(0);
        expect(server.stderr().trim().split("\n")).toEqual([
          expect.stringMatching(/^The database refuses writes \(SQLITE_READONLY\)/),
        ]);
      } finally {
        await server.stop();
      }
    },
  );
});
