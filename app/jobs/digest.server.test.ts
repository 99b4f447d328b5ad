import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, users, userVisits } from "~db/schema";
import { createEvent } from "~/models/event.server";
import { createAnswer, createQuestion } from "~/models/post.server";
import { db } from "~/utils/db.server";
import { runDueJobs } from "~/utils/jobs.server";
import { outboxDir } from "~/utils/mail.server";
import { communityDay, DAY_MS } from "~/utils/time";
import fs from "node:fs";
import { makeUser } from "../../test/factories";
import { digestRecipients, scheduleWeeklyDigest } from "./digest.server";
import { JOB_HANDLERS } from "./index.server";

describe("weekly digest", () => {
  it("goes to members away for a week; skips active ones, those who turned it off and suspended ones", async () => {
    const now = new Date("2026-11-23T08:00:00Z");
    const joined = new Date(now.getTime() - 60 * DAY_MS);
    const away = await makeUser({ name: "Away Member", createdAt: joined });
    const active = await makeUser({ createdAt: joined });
    const optedOut = await makeUser({ createdAt: joined });
    const suspended = await makeUser({ createdAt: joined });
    const newcomer = await makeUser({ createdAt: new Date(now.getTime() - 2 * DAY_MS) });
    db.insert(userVisits)
      .values({ userId: away.id, day: communityDay(now.getTime() - 9 * DAY_MS) })
      .run();
    db.insert(userVisits)
      .values({ userId: active.id, day: communityDay(now.getTime() - 2 * DAY_MS) })
      .run();
    db.update(users).set({ digest: "off" }).where(eq(users.id, optedOut.id)).run();
    db.update(users).set({ suspendedAt: now }).where(eq(users.id, suspended.id)).run();

    const recipients = digestRecipients(now);
    expect(recipients).toContain(away.id);
    for (const skipped of [active, optedOut, suspended, newcomer]) expect(recipients).not.toContain(skipped.id);

    // The whole path: the weekly job enqueues one email job per recipient; each writes one email.
    const question = createQuestion({
      authorId: away.id,
      title: "Digest question while I was away",
      body: "Does anyone know?",
      tags: ["digest"],
    });
    const helper = await makeUser();
    createAnswer({
      authorId: helper.id,
      questionId: question.id,
      body: "Yes, here is how.",
      now: new Date(now.getTime() - DAY_MS),
    });
    const host = await makeUser({ role: "expert" });
    createEvent({
      title: "Online lakehouse clinic",
      description: "Bring your questions.",
      startsAt: new Date(now.getTime() + 3 * DAY_MS),
      endsAt: new Date(now.getTime() + 3 * DAY_MS + 3_600_000),
      timezone: "Europe/Amsterdam",
      venue: "",
      address: "",
      city: "",
      onlineUrl: "https://meet.example/clinic",
      capacity: null,
      rsvpDeadline: null,
      tags: ["digest"],
      hostIds: [host.id],
      createdBy: host.id,
      now,
    });
    scheduleWeeklyDigest(now);
    scheduleWeeklyDigest(now); // once per week, however often the scheduler asks
    expect(db.select().from(jobs).where(eq(jobs.kind, "weekly-digest")).all()).toHaveLength(1);
    db.update(jobs).set({ status: "done" }).where(eq(jobs.kind, "notification-email")).run();
    await runDueJobs(JOB_HANDLERS, { now: () => now.getTime() + 1000 });
    const digestJobs = db.select().from(jobs).where(eq(jobs.kind, "digest-email")).all();
    expect(digestJobs.map((j) => JSON.parse(j.payload).userId)).toEqual(recipients);
    const mail = fs.readdirSync(outboxDir()).filter((f) => f.startsWith("digest-email"));
    expect(mail).toHaveLength(1); // only the away member had something to read
    const digest = fs.readFileSync(`${outboxDir()}/${mail[0]}`, "utf8").replace(/=\r\n/g, "");
    expect(digest).toContain("Digest question while I was away");
    expect(digest).toContain("Online lakehouse clinic"); // an upcoming meetup near them (online)
  });
});
