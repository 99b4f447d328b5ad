/**
 * The hourly snapshot carries routing's and introductions' outcomes for every period (they read every
 * question or introduction of the period, too much for each view of /health): equal to the fresh figures
 * when it is computed, unchanged until the next snapshot.
 */
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { healthSnapshots, healthViews, introductions } from "~db/schema";
import { PERIODS } from "~/health/vitals";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { filteredHealthReport, latestHealthReport, refreshHealthSnapshot } from "./health-snapshot.server";
import { scopedVitals } from "./health-vitals.server";
import { introductionOutcomes } from "./introduction.server";
import { acceptAnswer } from "./post-votes.server";
import { eraseMember } from "./privacy.server";
import { createAnswer, createQuestion } from "./post.server";
import { routingOutcome } from "./routing-outcome.server";
import { routeQuestion } from "./routing.server";

const HOUR = 3_600_000;
const now = new Date("2027-05-12T12:00:00Z");
const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);

describe("health snapshot: routing and introductions", () => {
  it("stores each period's routing and introduction outcomes and serves them until the next snapshot", async () => {
    const asker = await makeUser({ passwordHash: "not-used" });
    const expert = await makeUser({ passwordHash: "not-used" });
    // Standing in the tag: an accepted answer a while back.
    const old = createQuestion({ authorId: asker.id, title: "Old", body: "Before", tags: ["dns"], now: at(24 * 40) });
    const a = createAnswer({ authorId: expert.id, questionId: old.id, body: "Old answer", now: at(24 * 40 - 1) })!;
    acceptAnswer({ questionId: old.id, answerId: a.id, askerId: asker.id, now: at(24 * 40 - 1) });
    const routed = (hoursAgo: number) => {
      const q = createQuestion({
        authorId: asker.id,
        title: "Routed",
        body: "A DNS question",
        tags: ["dns"],
        now: at(hoursAgo),
      });
      expect(routeQuestion(q.id, 1, at(hoursAgo)).map((e) => e.userId)).toEqual([expert.id]);
      return q;
    };
    // Routed 3 days ago, answered after 4 hours; routed 30 days ago (only in the 13- and 26-week periods).
    const q1 = routed(72);
    createAnswer({ authorId: expert.id, questionId: q1.id, body: "Answer", now: at(68) });
    routed(24 * 30);
    // An introduction 2 days ago, replied to the next day; one 40 days ago without reply.
    const [ann, bob, cy] = [await makeUser(), await makeUser(), await makeUser()];
    db.insert(introductions)
      .values([
        { fromId: ann.id, toId: bob.id, createdAt: at(48) },
        { fromId: bob.id, toId: ann.id, createdAt: at(24) },
        { fromId: ann.id, toId: cy.id, createdAt: at(24 * 40) },
      ])
      .run();

    const { report } = refreshHealthSnapshot(now);
    for (const weeks of PERIODS) {
      expect(report.routing[weeks]).toEqual(routingOutcome(now, weeks));
      expect(report.introductions[weeks]).toEqual(introductionOutcomes(weeks, now));
    }
    // Worked by hand: 4 weeks see one routed question, answered within its target (4 h), and one introduction,
    // replied to; 13 weeks see both questions and both introductions.
    expect(report.routing[4]).toMatchObject({ routed: 1, within: 1, medianHours: { routed: 4 } });
    expect(report.routing[13].routed).toBe(2);
    expect(report.introductions[4]).toMatchObject({ sent: 1, contacted: 1, replied: 1 });
    expect(report.introductions[13]).toMatchObject({ sent: 2, contacted: 1 });

    // Read back from the store, the same figures; a question routed since is not in them until the next snapshot.
    routed(2);
    const later = new Date(now.getTime() + 10 * 60_000);
    const stored = latestHealthReport(later);
    expect(stored.computedAt).toEqual(now);
    expect(stored.report.routing[4].routed).toBe(1);
    expect(stored.report.introductions[13].sent).toBe(2);
    expect(refreshHealthSnapshot(later).report.routing[4].routed).toBe(2);
  });
});

describe("health snapshot: filtered views", () => {
  it("computes a tag's vital signs at its first view after the snapshot and serves them until the next one", async () => {
    // A day after the test above, whose snapshots are in the same database.
    const now = new Date("2027-05-13T12:00:00Z");
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
    const asker = await makeUser();
    const ask = (hoursAgo: number) =>
      createQuestion({ authorId: asker.id, title: "Zones", body: "A DNS question", tags: ["dns"], now: at(hoursAgo) });
    for (const weeks of [3, 5, 9]) ask(24 * 7 * weeks);
    const tagId = db.get<{ id: number }>(sql`select id from tags where name = 'dns'`)!.id;
    const fresh = (when: Date) => scopedVitals(when, { tagId }).vitals;

    refreshHealthSnapshot(now);
    const first = filteredHealthReport({ tagFilter: tagId }, now).report;
    expect(first.vitals).toEqual(fresh(now));
    const [stored] = db
      .select()
      .from(healthViews)
      .where(eq(healthViews.scope, `tag:${tagId}`))
      .all();
    expect(JSON.parse(stored.view).view.vitals.vitals).toEqual(first.vitals);

    // A question in a complete week changes the tag's figures, but not until the next snapshot.
    ask(24 * 7 * 2);
    const later = new Date(now.getTime() + 10 * 60_000);
    expect(fresh(later)).not.toEqual(first.vitals);
    expect(filteredHealthReport({ tagFilter: tagId }, later).report.vitals).toEqual(first.vitals);

    const next = new Date(now.getTime() + HOUR);
    refreshHealthSnapshot(next);
    expect(filteredHealthReport({ tagFilter: tagId }, next).report.vitals).toEqual(fresh(next));

    // A view stored by an older version of the report is computed anew.
    db.update(healthViews)
      .set({ view: JSON.stringify({ ...JSON.parse(stored.view), version: 0 }), computedAt: next })
      .run();
    expect(filteredHealthReport({ tagFilter: tagId }, next).report.vitals).toEqual(fresh(next));

    // A view names flagged members: erasing any member removes the stored views with the snapshots.
    expect(db.select().from(healthViews).all()).not.toHaveLength(0);
    expect(eraseMember({ userId: asker.id, actorId: asker.id, deletePosts: false }).ok).toBe(true);
    expect(db.select().from(healthViews).all()).toEqual([]);
    expect(db.select().from(healthSnapshots).all()).toEqual([]);
  });
});

describe("health snapshot: parsed once per process", () => {
  it("reads a snapshot another process stored as soon as it is the latest, and shares the parsed one frozen", () => {
    const t0 = new Date("2027-05-20T12:00:00Z");
    const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
    refreshHealthSnapshot(t0);
    const first = latestHealthReport(minutes(1));
    expect(latestHealthReport(minutes(2)).report.vitals).toBe(first.report.vitals);
    expect(() => (first.report.vitals as unknown[]).push(null)).toThrow(TypeError);

    // Another process's snapshot: a new row, read at the next view.
    const stored = db.select().from(healthSnapshots).where(eq(healthSnapshots.computedAt, t0)).get()!;
    const changed = { ...JSON.parse(stored.report), dau: 424_242 };
    db.insert(healthSnapshots)
      .values({ computedAt: minutes(3), report: JSON.stringify(changed) })
      .run();
    const next = latestHealthReport(minutes(4));
    expect(next.computedAt).toEqual(minutes(3));
    expect(next.report.dau).toBe(424_242);
  });
});
