import fs from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs } from "~db/schema";
import { db } from "./db.server";
import { backoffMs, enqueueJob, runDueJobs } from "./jobs.server";
import { outboxDir, sendMail } from "./mail.server";

const jobByKey = (key: string) => db.select().from(jobs).where(eq(jobs.key, key)).get()!;

describe("durable jobs", () => {
  it("enqueueing the same key twice makes one job; it runs once", async () => {
    db.transaction((tx) => {
      enqueueJob(tx, { kind: "count", key: "once", payload: { n: 1 } });
      enqueueJob(tx, { kind: "count", key: "once", payload: { n: 2 } });
    });
    const seen: unknown[] = [];
    expect(await runDueJobs({ count: (payload) => void seen.push(payload.n) })).toBe(1);
    expect(await runDueJobs({ count: (payload) => void seen.push(payload.n) })).toBe(0);
    expect(seen).toEqual([1]);
    expect(jobByKey("once").status).toBe("done");
  });

  it("a failing job is retried later with backoff, then succeeds", async () => {
    db.transaction((tx) => enqueueJob(tx, { kind: "flaky", key: "flaky-1" }));
    let calls = 0;
    const handlers = {
      flaky: () => {
        calls++;
        if (calls === 1) throw new Error("SMTP is down");
      },
    };
    const start = Date.now();
    await runDueJobs(handlers, { now: () => start });
    expect(jobByKey("flaky-1")).toMatchObject({ status: "pending", attempts: 1, lastError: "SMTP is down" });
    expect(jobByKey("flaky-1").runAt.getTime()).toBe(start + backoffMs(1));
    expect(await runDueJobs(handlers, { now: () => start + 1000 })).toBe(0); // not due yet
    await runDueJobs(handlers, { now: () => start + backoffMs(1) });
    expect(jobByKey("flaky-1")).toMatchObject({ status: "done", attempts: 2 });
  });

  it("a job whose process died while running is claimed again once its lock expires", async () => {
    db.transaction((tx) => enqueueJob(tx, { kind: "slow", key: "orphan" }));
    const now = Date.now();
    db.update(jobs)
      .set({ status: "running", attempts: 1, lockedUntil: new Date(now + 60_000) })
      .where(eq(jobs.key, "orphan"))
      .run();
    let runs = 0;
    expect(await runDueJobs({ slow: () => void runs++ }, { now: () => now })).toBe(0);
    expect(await runDueJobs({ slow: () => void runs++ }, { now: () => now + 61_000 })).toBe(1);
    expect(runs).toBe(1);
  });
});

describe("mail", () => {
  it("writes a readable .eml with text, HTML and one-click unsubscribe headers; the same id is sent once", async () => {
    const message = {
      id: "test-mail-1",
      to: "anna@example.test",
      subject: "Hello",
      text: "Plain words",
      html: "<p>HTML words</p>",
      unsubscribeUrl: "http://localhost:3000/unsubscribe/abc",
    };
    await sendMail(message);
    await sendMail({ ...message, subject: "Second copy" });
    const files = fs.readdirSync(outboxDir()).filter((f) => f.startsWith("test-mail-1"));
    expect(files).toEqual(["test-mail-1.eml"]);
    const raw = fs.readFileSync(`${outboxDir()}/${files[0]}`, "utf8");
    expect(raw).toContain("Subject: Hello");
    expect(raw).toContain("List-Unsubscribe: <http://localhost:3000/unsubscribe/abc>");
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(raw).toMatch(/Content-Type: text\/plain/);
    expect(raw).toMatch(/Content-Type: text\/html/);
    expect(raw).toContain("\r\n");
  });
});
