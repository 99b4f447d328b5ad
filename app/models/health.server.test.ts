import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories";
import { counted } from "../../test/statements";
import { communityWeeks, healthSnapshots, memberDays, memberWeeks, tags } from "~db/schema";
import { db } from "~/utils/db.server";
import { comebackRate } from "~/health/comeback";
import { HISTORY_WEEKS } from "~/health/history";
import { lastWeeks } from "~/health/series";
import { healthReport, nudgeOutcomes, recordHealthAction } from "./health.server";
import { filteredHealthReport, latestHealthReport } from "./health-snapshot.server";
import { vitalSigns } from "./health-vitals.server";
import { castVote } from "./post-votes.server";
import { createEvent } from "./event.server";
import { createAnswer, createArticle, createQuestion } from "./post.server";
import { rsvp, setAttendance } from "./rsvp.server";

const WEEK = 7 * 24 * 60 * 60 * 1000;

describe("health report", () => {
  it("flags a member who went quiet and names the causes: answers no longer voted on, an unanswered question, meetups he stopped coming to", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const quiet = await makeUser({ name: "Quiet Quinten", location: "Utrecht" });
    const asker = await makeUser();
    // Before the trend window, his answers got a vote within a day.
    for (let w = 30; w >= 17; w--) {
      const at = new Date(now.getTime() - w * WEEK);
      const q = createQuestion({
        authorId: asker.id,
        title: `Earlier question from week ${w}`,
        body: "How does this work?",
        tags: ["imports"],
        now: at,
      });
      const answer = createAnswer({
        authorId: quiet.id,
        questionId: q.id,
        body: `Earlier answer for week ${w}.`,
        now: new Date(at.getTime() + 3_600_000),
      })!;
      castVote({ userId: asker.id, postId: answer.id, value: 1, now: new Date(at.getTime() + 86_400_000) });
    }
    // He came to two meetups half a year ago, none since.
    const host = await makeUser({ role: "lead" });
    const meetups = [28, 24].map((w) => {
      const startsAt = new Date(now.getTime() - w * WEEK);
      const event = createEvent({
        title: `Exports meetup, week ${w}`,
        description: "Talks.",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
        timezone: "Europe/Amsterdam",
        venue: "Hall",
        address: "Street 1",
        city: "Utrecht",
        onlineUrl: "",
        capacity: null,
        rsvpDeadline: null,
        tags: ["exports"],
        hostIds: [host.id],
        createdBy: host.id,
        now: new Date(startsAt.getTime() - 2 * WEEK),
      });
      rsvp({ eventId: event.id, userId: quiet.id, status: "going", now: new Date(startsAt.getTime() - WEEK) });
      setAttendance({
        eventId: event.id,
        userId: quiet.id,
        attended: true,
        byId: host.id,
        now: new Date(startsAt.getTime() + 3_600_000),
      });
      return event;
    });
    // One answer a week in weeks 5–16 before now (nobody votes on them), then nothing.
    for (let w = 16; w >= 5; w--) {
      const at = new Date(now.getTime() - w * WEEK);
      const q = createQuestion({
        authorId: asker.id,
        title: `Question from week ${w} about exports`,
        body: "How does this work?",
        tags: ["exports"],
        now: at,
      });
      const answer = createAnswer({
        authorId: quiet.id,
        questionId: q.id,
        body: `Answer for week ${w}, with details.`,
        now: new Date(at.getTime() + 3_600_000),
      })!;
      // A vote weeks later is not the reaction he waited for.
      if (w === 12) castVote({ userId: asker.id, postId: answer.id, value: 1, now: new Date(at.getTime() + 3 * WEEK) });
    }
    const own = createQuestion({
      authorId: quiet.id,
      title: "Why does nobody answer my export question?",
      body: "Still waiting.",
      tags: ["exports"],
      now: new Date(now.getTime() - 6 * WEEK),
    });
    const report = healthReport(now);
    const flag = report.members.find((m) => m.userId === quiet.id);
    expect(flag).toMatchObject({ state: "gone_quiet", recentCount: 0, change: -1 });
    // Members are judged on 7-day windows ending today: the baseline is days 28–111 back, with 11 of the 12
    // answers (the one 16 weeks back, 112 days, falls just outside) and the question.
    expect(flag!.baselineCount).toBe(12);
    // Where he lives and the tags he earned most in, strongest first: what his suggested action is matched on.
    const tagIds = new Map(
      db
        .select()
        .from(tags)
        .all()
        .map((t) => [t.name, t.id]),
    );
    expect(flag).toMatchObject({ location: "Utrecht", tagIds: [tagIds.get("imports"), tagIds.get("exports")] });
    const kinds = flag!.causes.map((c) => c.kind);
    expect(kinds).toContain("no_response");
    // The latest ignored post is an answer: its link reads as its question's title, never empty.
    expect(flag!.causes.find((c) => c.kind === "no_response")).toMatchObject({
      // All 12 answers (the late vote does not count) and his own question, against none of the 14 before.
      count: 13,
      of: 13,
      before: 0,
      title: "Question from week 5 about exports",
    });
    expect(kinds).toContain("unanswered");
    expect(flag!.causes.find((c) => c.kind === "unanswered")).toMatchObject({ url: `/questions/${own.id}` });
    expect(flag!.causes.find((c) => c.kind === "no_meetup")).toEqual({
      kind: "no_meetup",
      count: 2,
      url: `/events/${meetups[1].id}`,
      title: "Exports meetup, week 24",
    });
    // In the last 12 weeks "exports" rests on Quinten (9 of its 17 contributions), who is flagged himself.
    expect(report.concentration.find((c) => c.name === "exports")).toMatchObject({
      factor: 1,
      carriers: [quiet.id],
      total: 17,
      carriersCooling: true,
    });
  });

  it("counts new and returning contributors per week", async () => {
    const now = new Date("2027-03-10T12:00:00Z");
    const [veteran, newcomer, asker] = [await makeUser(), await makeUser(), await makeUser()];
    createQuestion({
      authorId: veteran.id,
      title: "An older question about lineage",
      body: "Where do I start?",
      tags: ["lineage"],
      now: new Date(now.getTime() - 3 * WEEK),
    });
    const q = createQuestion({
      authorId: asker.id,
      title: "A question about lineage this week",
      body: "How does it work?",
      tags: ["lineage"],
      now: new Date(now.getTime() - 3_600_000),
    });
    createAnswer({
      authorId: veteran.id,
      questionId: q.id,
      body: "Like this, with an example.",
      now: new Date(now.getTime() - 1_800_000),
    });
    createAnswer({
      authorId: newcomer.id,
      questionId: q.id,
      body: "Or like that, with another one.",
      now: new Date(now.getTime() - 900_000),
    });
    const thisWeek = vitalSigns(now, lastWeeks(now, 4)).at(-1)!;
    expect(thisWeek).toMatchObject({ active: 3, newContributors: 2, returning: 1, unanswered48h: 0 });
    expect(thisWeek.firstAnswerHours).toBe(0.5);
  });

  it("names a declining tag's causes: its own contributors who are flagged, and its unanswered questions", async () => {
    const now = new Date("2027-06-16T12:00:00Z");
    const [writer, reader, asker] = [await makeUser({ name: "Writer Wanda" }), await makeUser(), await makeUser()];
    for (let w = 22; w >= 5; w--) {
      const at = new Date(now.getTime() - w * WEEK);
      const article = createArticle({
        authorId: writer.id,
        title: `Governance notes, week ${w}`,
        summary: "What we changed.",
        body: "Notes on data governance.",
        tags: ["governance-notes"],
        now: at,
      });
      castVote({ userId: reader.id, postId: article.id, value: 1, now: new Date(at.getTime() + 3_600_000) });
    }
    // Someone else goes quiet too, in another tag.
    const other = await makeUser();
    for (let w = 22; w >= 5; w--)
      createQuestion({
        authorId: other.id,
        title: `Catalog question, week ${w}`,
        body: "How do we catalogue this?",
        tags: ["catalog"],
        now: new Date(now.getTime() - w * WEEK),
      });
    createQuestion({
      authorId: asker.id,
      title: "Who owns the governance register?",
      body: "Nobody seems to know.",
      tags: ["governance-notes"],
      now: new Date(now.getTime() - 9 * WEEK),
    });
    const report = healthReport(now);
    expect(report.members.find((m) => m.userId === writer.id)?.state).toBe("gone_quiet");
    const tag = report.tags.find((x) => x.name === "governance-notes");
    expect(tag).toMatchObject({
      unanswered: 1,
      coolingMembers: { count: 1, named: [{ name: "Writer Wanda", handle: writer.handle }] },
    });

    // Seen through the tag, only flagged members with standing in it remain.
    const tagId = db.get<{ id: number }>(sql`select id from tags where name = 'governance-notes'`)!.id;
    const filtered = filteredHealthReport({ tagFilter: tagId }, now).report;
    expect(report.members.map((m) => m.userId)).toEqual(expect.arrayContaining([writer.id, other.id]));
    expect(filtered.members.map((m) => m.userId)).toEqual([writer.id]);
    expect(filtered.flaggedMembers).toBe(1);
    // The view is kept until the next snapshot, but what a lead did since shows at once.
    expect(filtered.members[0].lastAction).toBeNull();
    const lead = await makeUser({ role: "lead" });
    recordHealthAction({ lead, userId: writer.id, kind: "handled", at: now });
    const again = filteredHealthReport({ tagFilter: tagId }, new Date(now.getTime() + 60_000)).report;
    expect(again.members[0].lastAction).toEqual({ kind: "handled", at: now });
  });

  it("flags a tag whose askers stop, with its askers and answerers, but not a tag whose one busy thread ended", async () => {
    const now = new Date("2027-04-21T12:00:00Z");
    const askers = [await makeUser(), await makeUser(), await makeUser()];
    const answerers = [await makeUser(), await makeUser(), await makeUser(), await makeUser()];
    const ask = (authorId: number, tag: string, at: Date) =>
      createQuestion({
        authorId,
        title: `A ${tag} question of ${at.toISOString()}`,
        body: "How?",
        tags: [tag],
        now: at,
      });
    const answer = (authorId: number, questionId: number, at: Date) =>
      createAnswer({ authorId, questionId, body: "Like this, with an example.", now: at });
    // "sap-cdc": three askers a week, each question answered twice, until 4 weeks ago; since then the
    // answerers answer the older questions that are left, and nobody asks.
    const older: number[] = [];
    for (let w = 23; w >= 0; w--) {
      const at = new Date(now.getTime() - w * WEEK - 3 * 86_400_000);
      if (w >= 4)
        askers.forEach((asker, i) => {
          const q = ask(asker.id, "sap-cdc", new Date(at.getTime() + i * 3_600_000));
          if (w % 3) answer(answerers[i].id, q.id, new Date(at.getTime() + 4 * 3_600_000));
          else older.push(q.id);
          answer(answerers[3].id, q.id, new Date(at.getTime() + 5 * 3_600_000));
        });
      else answer(answerers[w % 3].id, older.pop()!, at);
    }
    // "etl-tips": one question a week answered once or twice, and one thread 10 weeks ago with 30 answers.
    for (let w = 23; w >= 0; w--) {
      const at = new Date(now.getTime() - w * WEEK - 3 * 86_400_000);
      const q = ask(askers[w % 3].id, "etl-tips", at);
      for (let i = 0; i < (w === 10 ? 30 : w % 2); i++)
        answer(answerers[i % 4].id, q.id, new Date(at.getTime() + (i + 1) * 3_600_000));
    }
    const report = healthReport(now);
    expect(report.tags.find((x) => x.name === "etl-tips")).toBeUndefined();
    const tag = report.tags.find((x) => x.name === "sap-cdc");
    expect(tag).toMatchObject({
      state: "cooling",
      people: { askers: { before: 3, recent: 0, going: true }, answerers: { going: false } },
    });
    expect(tag!.people.answerers.recent).toBe(3);
  });

  it("recomputes a stored snapshot of an older report version instead of misreading it", () => {
    const now = new Date("2027-07-01T12:00:00Z");
    db.insert(healthSnapshots)
      .values({ computedAt: new Date(now.getTime() - 60_000), report: JSON.stringify({ version: 2, members: [] }) })
      .run();
    const { report, computedAt } = latestHealthReport(now);
    expect(computedAt).toEqual(now);
    expect(report.version).toBe(healthReport(now).version);
    expect(report.funnels).toBeDefined();
  });

  it("warns early: active contributors and the share of members cooling at each weekly verdict, with forecast bands", async () => {
    // Years after the other tests' data: only these rows are in its weeks.
    const now = new Date("2029-06-13T12:00:00Z");
    const weeks = lastWeeks(now, 60);
    const steady = await Promise.all(Array.from({ length: 12 }, () => makeUser()));
    const fading = await Promise.all(Array.from({ length: 4 }, () => makeUser()));
    // Four members fade one after another over the last weeks: 4 a week, then one a week.
    const fadeFrom = (i: number) => weeks.length - 12 + 2 * i;
    const rows = [
      ...steady.flatMap((u) => weeks.map((week) => ({ userId: u.id, week, weighted: 3, contributions: 3 }))),
      ...fading.flatMap((u, i) =>
        weeks.map((week, w) => {
          const n = w < fadeFrom(i) ? 4 : w % 2;
          return { userId: u.id, week, weighted: n, contributions: n };
        }),
      ),
    ];
    db.insert(memberWeeks).values(rows).run();
    // The same contributions, one a day from each week's Monday, for the report's own verdict (7-day windows
    // ending now, which count the days with a contribution: docs/health.md, "The member rule").
    const day = (week: string, i: number) =>
      new Date(Date.parse(`${week}T12:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    db.insert(memberDays)
      .values(
        rows
          .flatMap(({ week, userId, contributions }) =>
            Array.from({ length: contributions }, (_, i) => ({
              userId,
              day: day(week, i),
              weighted: 1,
              contributions: 1,
            })),
          )
          .filter((r) => r.day < "2029-06-13"),
      )
      .run();
    // Active contributors fall by one a week.
    db.insert(communityWeeks)
      .values(weeks.map((week, w) => ({ week, weighted: 100, contributions: 100, active: 80 - w })))
      .run();

    const report = healthReport(now);
    const { active, cooling } = report.earlyWarning;
    expect(active.rows).toHaveLength(26);
    expect(active.rows[active.rows.length - 1]).toEqual({ week: weeks[weeks.length - 2], value: 80 - 58 });
    expect(active.forecast!.points[3].high).toBeLessThan(22);
    expect(cooling.rows).toHaveLength(HISTORY_WEEKS);
    expect(cooling.rows.map((r) => r.judged)).toEqual(Array(HISTORY_WEEKS).fill(16));
    // The share rises as the members fade, and the latest verdict is the report's own.
    const counts = cooling.rows.map((r) => r.cooling);
    expect(counts[0]).toBe(0);
    expect(counts[counts.length - 1]).toBe(report.allFlagged.filter((m) => m.state === "cooling").length);
    expect(counts[counts.length - 1]).toBeGreaterThanOrEqual(2);
    expect(cooling.forecast!.points[3].mid).toBeGreaterThan(cooling.rows[0].value);
    expect(report.history.members.map((m) => m.userId).sort()).toEqual(fading.map((u) => u.id).sort());
    expect(report.history.members.every((m) => m.state === "cooling")).toBe(true);
  });

  it("counts a nudged member as back the moment they contribute, and the others as pending until their 4 weeks are over, in one query", async () => {
    const now = new Date("2027-09-15T12:00:00Z");
    const DAY = WEEK / 7;
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const lead = await makeUser({ role: "lead" });
    const [backEarly, pending, backLater, tooLate, onlyBefore] = [
      await makeUser(),
      await makeUser(),
      await makeUser(),
      await makeUser(),
      await makeUser(),
    ];
    const nudge = (userId: number, at: Date) =>
      recordHealthAction({ lead, userId, kind: "nudge", message: "We miss you!", at });
    const ask = (authorId: number, at: Date) =>
      createQuestion({
        authorId,
        title: `A question asked on ${at.toISOString()}`,
        body: "What do you think?",
        tags: ["comeback"],
        now: at,
      });
    nudge(backEarly.id, ago(10));
    ask(backEarly.id, ago(3)); // back within a week, while the 4 weeks still run
    nudge(pending.id, ago(10));
    nudge(backLater.id, ago(40));
    ask(backLater.id, ago(30));
    nudge(tooLate.id, ago(60));
    ask(tooLate.id, ago(10)); // 50 days after the nudge: not because of it
    ask(onlyBefore.id, ago(8));
    nudge(onlyBefore.id, ago(5));

    const { result, statements } = counted(() => nudgeOutcomes(now));
    expect(statements).toBe(1);
    const outcomes = new Map(result.map((o) => [o.userId, o]));
    expect(comebackRate([...outcomes.values()])).toEqual({ nudged: 5, cameBack: 2, pending: 2 });

    expect(outcomes.get(backEarly.id)).toMatchObject({ nudgedAt: ago(10), backAt: ago(3), pending: false });
    expect(outcomes.get(pending.id)).toMatchObject({ backAt: null, pending: true });
    expect(outcomes.get(tooLate.id)).toMatchObject({ backAt: null, pending: false });
  });
});
