import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type TestServer } from "../server";
import { LOAD_PASSWORD, startWriteLoad, type Ack } from "../write-load";

/** Runs `npm run backup` or `npm run restore` as an operator would, against `databasePath`. */
function runScript(script: "backup" | "restore", databasePath: string, args: string[] = []) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_PATH: databasePath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const BACKUP_NAME = /^kring-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.db$/;
const count = (sqlite: Database.Database, sql: string, ...params: unknown[]) =>
  sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number;

let server: TestServer;
let backupFile: string;
let ackedBefore: Ack[];
let ackedAfter: Ack[];

beforeAll(async () => {
  server = await startServer({ env: { WEB_CONCURRENCY: "2", TRUST_PROXY: "true" } });
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("npm run backup", () => {
  it("takes a consistent copy while the server answers a burst of writes", async () => {
    // A long read (as the hourly health report in its worker thread) holds the log: none of the writes
    // below reach the database file itself, so a plain copy of the file would miss them all.
    const reader = new Database(server.dbPath, { readonly: true });
    reader.exec("begin");
    reader.prepare("select count(*) from users").get();
    const load = await startWriteLoad(server, { prefix: "bk" });
    await load.waitForAcks(20);
    ackedBefore = [...load.acked];
    const startedAt = Date.now();
    const result = await runScript("backup", server.dbPath);
    const endedAt = Date.now();
    reader.exec("commit");
    reader.close();
    await load.waitForAcks(10); // and the load went on after it
    await load.stop();
    expect(load.failures).toEqual([]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // The server kept writing while the backup ran.
    expect(load.acked.filter((a) => a.at > startedAt && a.at < endedAt).length).toBeGreaterThan(0);
    ackedAfter = load.acked.filter((a) => a.at > endedAt);

    const dir = path.join(server.dir, "backups");
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1); // no daily backup either: BACKUP_DAILY is off by default
    expect(files[0]).toMatch(BACKUP_NAME);
    backupFile = path.join(dir, files[0]);
    expect(result.stdout).toContain(`Backup written: ${backupFile}`);

    const copy = new Database(backupFile, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("foreign_key_check")).toEqual([]);
    // Everything acknowledged before the backup started is in it.
    for (const ack of ackedBefore) {
      if (ack.kind === "member")
        expect(count(copy, "select count(*) from users where handle = ?", ack.name), ack.name).toBe(1);
      else expect(count(copy, "select count(*) from posts where title = ?", ack.name), ack.name).toBe(1);
    }
    // One moment: each question came with its activity and its search entry (written in its transaction).
    const questions = count(copy, "select count(*) from posts where title like 'Load question%'");
    expect(questions).toBeGreaterThanOrEqual(ackedBefore.filter((a) => a.kind === "question").length);
    expect(
      count(
        copy,
        "select count(*) from posts p where p.title like 'Load question%' and not exists (select 1 from activities a where a.post_id = p.id and a.verb = 'question')",
      ),
    ).toBe(0);
    expect(
      count(
        copy,
        "select count(*) from posts p where p.title like 'Load question%' and not exists (select 1 from posts_fts f where f.rowid = p.id)",
      ),
    ).toBe(0);
    expect(count(copy, "select count(*) from users")).toBeLessThan(count(server.sqlite, "select count(*) from users"));
    copy.close();
  });
});

describe("npm run restore", () => {
  it("refuses while the server runs, restores a backup the server then serves, and can be undone", async () => {
    const live = await runScript("restore", server.dbPath, [backupFile]);
    expect(live.code).toBe(1);
    expect(live.stderr).toContain(`Restore refused: ${server.dbPath} is in use: stop the server`);

    const usersBefore = count(server.sqlite, "select count(*) from users");
    await server.stop({ keep: true });
    const restore = await runScript("restore", server.dbPath, [backupFile]);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    const replaced = /kept as (\S+);/.exec(restore.stdout)?.[1];
    expect(replaced).toMatch(/kring\.db\.before-restore-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
    expect(
      fs
        .readdirSync(server.dir)
        .filter((f) => f.startsWith("kring.db"))
        .sort(),
    ).toEqual(["kring.db", path.basename(replaced!)]);

    server = await startServer({ dir: server.dir, env: { WEB_CONCURRENCY: "1", TRUST_PROXY: "true" } });
    const copy = new Database(backupFile, { readonly: true });
    expect(count(server.sqlite, "select count(*) from users")).toBe(count(copy, "select count(*) from users"));
    copy.close();
    const member = ackedBefore.find((a) => a.kind === "member")!.name;
    const client = new Client(server.url);
    await client.login(`${member}@example.test`, LOAD_PASSWORD);
    expect(await (await client.get("/")).text()).toContain(`Signed in as Load Member ${member.slice(3)}`);
    const question = ackedBefore.find((a) => a.kind === "question")!.name;
    const id = server.sqlite.prepare("select id from posts where title = ?").pluck().get(question);
    expect((await client.get(`/questions/${id}`)).status).toBe(200);
    // Who joined after the backup is not in it.
    const later = ackedAfter.find((a) => a.kind === "member")!.name;
    expect(
      (await new Client(server.url).post("/login", { email: `${later}@example.test`, password: LOAD_PASSWORD })).status,
    ).toBe(400);

    // Undo: restore the replaced database.
    expect(server.stderr()).toBe("");
    await server.stop({ keep: true });
    const undo = await runScript("restore", server.dbPath, [replaced!]);
    expect(undo.code).toBe(0);
    server = await startServer({ dir: server.dir, env: { WEB_CONCURRENCY: "1", TRUST_PROXY: "true" } });
    expect(count(server.sqlite, "select count(*) from users")).toBe(usersBefore);
  });

  it("refuses a file that is not a database, with a clear message, and leaves the database alone", async () => {
    const notes = path.join(server.dir, "notes.txt");
    fs.writeFileSync(notes, "these are not the rows you are looking for\n".repeat(200));
    const before = count(server.sqlite, "select count(*) from users");
    await server.stop({ keep: true });
    const refused = await runScript("restore", server.dbPath, [notes]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`Restore refused: ${notes} is not a SQLite database.`);
    expect(fs.readdirSync(server.dir).filter((f) => f.startsWith("kring.db") && !f.includes("before-restore"))).toEqual(
      ["kring.db"],
    );
    const missing = await runScript("restore", server.dbPath);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Usage: npm run restore FILE");
    server = await startServer({ dir: server.dir, env: { WEB_CONCURRENCY: "1", TRUST_PROXY: "true" } });
    expect(count(server.sqlite, "select count(*) from users")).toBe(before);
  });
});

describe("BACKUP_DAILY=true", () => {
  it("makes the server take a backup through its job scheduler", async () => {
    const daily = await startServer({ env: { WEB_CONCURRENCY: "1", BACKUP_DAILY: "true" } });
    try {
      const dir = path.join(daily.dir, "backups");
      const start = Date.now();
      while (!(fs.existsSync(dir) && fs.readdirSync(dir).some((f) => BACKUP_NAME.test(f)))) {
        if (Date.now() - start > 30_000) throw new Error("no daily backup within 30 s");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const [file] = fs.readdirSync(dir);
      const copy = new Database(path.join(dir, file), { readonly: true });
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      copy.close();
      expect(daily.sqlite.prepare("select key, status from jobs where kind = 'backup'").all()).toEqual([
        { key: `backup:${new Date().toISOString().slice(0, 10)}`, status: expect.stringMatching(/running|done/) },
      ]);
      expect(daily.stderr()).toBe("");
    } finally {
      await daily.stop();
    }
  });
});
