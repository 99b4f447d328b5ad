/**
 * Runs the write benchmark's core for about a second on the test's own fresh database, in this process and
 * in two child processes at once, so the script cannot rot: it writes through the models, the tables gain
 * exactly the rows it reports, and the limits refuse nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createQuestion } from "~/models/post.server";
import { db } from "~/utils/db.server";
import { makeUser } from "../test/factories";
import {
  combine,
  prepareFixtures,
  runLoad,
  runProcesses,
  tableCounts,
  WRITE_KINDS,
  type Cursors,
  type Fixtures,
} from "./bench-writes";

const DAY = 24 * 60 * 60 * 1000;
let fixtures: Fixtures;
const cursors: Cursors = { vote: 0, answer: 0, rsvp: 0 };
const mix = { vote: 60, answer: 30, rsvp: 10 };

beforeAll(async () => {
  const createdAt = new Date(Date.now() - 30 * DAY);
  const members = [];
  for (let i = 0; i < 90; i++) members.push(await makeUser({ passwordHash: "x", createdAt }));
  await makeUser({ role: "lead", passwordHash: "x", createdAt });
  for (let i = 0; i < 40; i++)
    createQuestion({
      authorId: members[i % members.length].id,
      title: `How do I measure write number ${i}?`,
      body: "The body of a question about measuring writes, long enough to be a real one.",
      tags: ["sqlite"],
    });
  fixtures = await prepareFixtures();
});

describe("bench-writes", () => {
  it("picks established members, questions and new meetups", () => {
    expect(fixtures.voters.length + fixtures.answerers.length + fixtures.rsvpers.length).toBe(90);
    expect(fixtures.questions).toHaveLength(40);
    expect(fixtures.events).toHaveLength(20);
  });

  it("writes votes, answers and RSVPs through the models in one process; the tables gain what it reports", async () => {
    const before = tableCounts(db.$client);
    const result = combine(
      [await runLoad({ mix, seconds: 1, slot: 0, slots: 1, cursors: { ...cursors }, fixtures })],
      cursors,
    );
    const after = tableCounts(db.$client);
    for (const kind of WRITE_KINDS) {
      expect(result.kinds[kind].writes, kind).toBeGreaterThan(0);
      expect(after[kind] - before[kind], kind).toBe(result.kinds[kind].writes);
    }
    expect(result.all).toMatchObject({ busy: 0, errors: 0, refused: 0 });
    expect(result.kinds.answer.p50).toBeGreaterThan(0);
    expect(result.kinds.answer.p99).toBeGreaterThanOrEqual(result.kinds.answer.p50);
    expect(result.writesPerSecond).toBeGreaterThan(0);
    expect(result.cpuMsPerWrite).toBeGreaterThan(0);
    // The answers went through the posting limits and the spam screen: published, activity and FTS written.
    expect(
      db.$client.prepare("SELECT count(*) FROM posts WHERE kind = 'answer' AND status = 'published'").pluck().get(),
    ).toBe(after.answer);
    expect(
      db.$client
        .prepare("SELECT count(*) FROM posts_fts WHERE rowid IN (SELECT id FROM posts WHERE kind = 'answer')")
        .pluck()
        .get(),
    ).toBe(after.answer);
  });

  it("runs two processes on the same file at once, never on the same pair", async () => {
    const before = tableCounts(db.$client);
    const results = await runProcesses(2, { mix, seconds: 1, cursors: { ...cursors }, fixtures });
    const result = combine(results, cursors);
    const after = tableCounts(db.$client);
    expect(results).toHaveLength(2);
    for (const r of results) expect(WRITE_KINDS.reduce((s, k) => s + r.kinds[k].writes, 0)).toBeGreaterThan(0);
    for (const kind of WRITE_KINDS) expect(after[kind] - before[kind], kind).toBe(result.kinds[kind].writes);
    // Each process stops after a second, well within the other's busy timeout (5 s): no write may fail.
    expect(result.all).toMatchObject({ busy: 0, errors: 0, refused: 0 });
    expect(result.firstError ?? "").not.toMatch(/UNIQUE|constraint/);
  }, 60_000);
});
