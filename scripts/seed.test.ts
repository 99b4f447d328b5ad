import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, auditLog, follows, memberships, organisations, posts, users, votes } from "~db/schema";
import { healthReport } from "~/models/health.server";
import { listMatches } from "~/models/introduction.server";
import { reviewQueue } from "~/models/moderation.server";
import { routingOutcome } from "~/models/routing-outcome.server";
import { checklistOf } from "~/models/onboarding.server";
import { findUserByHandle } from "~/models/user.server";
import { db } from "~/utils/db.server";
import { communityDay } from "~/utils/time";
import { DEMO_ACCOUNTS, seed } from "./seed";
import { articleSeeds, questionSeeds } from "./seed-content";

/** The seed's clock: everything it writes happens at or before this instant. */
const NOW = Date.now();

type Table =
  | typeof users
  | typeof organisations
  | typeof memberships
  | typeof auditLog
  | typeof posts
  | typeof votes
  | typeof follows
  | typeof activities;
const count = (table: Table) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;
const countKind = (kind: string) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(posts)
    .where(sql`${posts.kind} = ${kind}`)
    .get()!.n;

describe("demo seed", () => {
  it("builds 6+ organisations and 80+ members in Dutch and English, one account per role", async () => {
    await seed({ now: NOW });
    expect(count(organisations)).toBeGreaterThanOrEqual(6);
    expect(count(users)).toBeGreaterThanOrEqual(80);
    const roles = db
      .select({ role: users.role })
      .from(users)
      .all()
      .map((r) => r.role);
    for (const role of ["member", "expert", "lead", "admin"] as const) expect(roles).toContain(role);
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role)).size).toBe(4);
    const locales = db
      .select({ locale: users.locale })
      .from(users)
      .all()
      .map((r) => r.locale);
    expect(locales).toContain("nl");
    expect(locales).toContain("en");
    // Everyone belongs to an organisation but the spam account the moderation seed signs up (seed-moderation.ts).
    expect(count(memberships)).toBe(count(users) - 1);
  }, 300_000);

  it("adds 150+ articles and 400+ questions with answers, comments and votes over nine months", () => {
    expect(countKind("article")).toBeGreaterThanOrEqual(150);
    expect(countKind("question")).toBeGreaterThanOrEqual(400);
    expect(countKind("answer")).toBeGreaterThan(400);
    expect(countKind("comment")).toBeGreaterThan(100);
    expect(count(votes)).toBeGreaterThan(1000);
    const span = db
      .select({ first: sql<number>`min(${posts.createdAt})`, last: sql<number>`max(${posts.createdAt})` })
      .from(posts)
      .get()!;
    expect((span.last - span.first) / (24 * 60 * 60 * 1000)).toBeGreaterThan(240);
    // Every contribution is in the activity log.
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(activities)
        .where(sql`${activities.verb} in ('article','question','answer','comment')`)
        .get()!.n,
    ).toBe(countKind("article") + countKind("question") + countKind("answer") + countKind("comment"));
  });

  it("keeps its own clock: nothing after now, nobody acts, votes, earns or answers a meetup before joining", () => {
    const n = (query: string, ...params: unknown[]) =>
      db.$client
        .prepare(query)
        .pluck()
        .get(...params) as number;
    const checks: Record<string, number> = {
      "members joined in the future": n("select count(*) from users where created_at > ?", NOW),
      "posts in the future": n(
        "select count(*) from posts where max(created_at, updated_at, last_activity_at) > ?",
        NOW,
      ),
      "activities in the future": n("select count(*) from activities where created_at > ?", NOW),
      "votes in the future": n("select count(*) from votes where created_at > ?", NOW),
      "reputation in the future": n("select count(*) from reputation_events where created_at > ?", NOW),
      "RSVPs in the future": n("select count(*) from rsvps where updated_at > ?", NOW),
      "check-ins in the future": n("select count(*) from attendance where checked_in_at > ?", NOW),
      "meetups announced in the future": n("select count(*) from events where created_at > ?", NOW),
      "notifications in the future": n("select count(*) from notifications where created_at > ?", NOW),
      "visits in the future": n("select count(*) from user_visits where day > ?", communityDay(NOW)),
      "posts before their author joined": n(
        "select count(*) from posts p join users u on u.id = p.author_id where p.created_at < u.created_at",
      ),
      "activities before the member joined": n(
        "select count(*) from activities a join users u on u.id = a.actor_id where a.created_at < u.created_at",
      ),
      "votes before the voter joined": n(
        "select count(*) from votes v join users u on u.id = v.user_id where v.created_at < u.created_at",
      ),
      "idea support before the member joined": n(
        "select count(*) from idea_votes v join users u on u.id = v.user_id where v.created_at < u.created_at",
      ),
      "idea support in the future": n("select count(*) from idea_votes where created_at > ?", NOW),
      "reputation before the member joined": n(
        "select count(*) from reputation_events r join users u on u.id = r.user_id where r.created_at < u.created_at",
      ),
      "RSVPs before the member joined": n(
        "select count(*) from rsvps r join users u on u.id = r.user_id where r.updated_at < u.created_at",
      ),
      "check-ins before the member joined": n(
        "select count(*) from attendance a join users u on u.id = a.user_id where a.checked_in_at < u.created_at",
      ),
      "meetups hosted by someone not yet a member": n(
        "select count(*) from event_hosts h join events e on e.id = h.event_id join users u on u.id = h.user_id where e.created_at < u.created_at",
      ),
      "visits before the member joined": n(
        "select count(*) from user_visits v join users u on u.id = v.user_id where v.day < date(u.created_at / 1000, 'unixepoch', '-1 day')",
      ),
    };
    expect(Object.entries(checks).filter(([, count]) => count > 0)).toEqual([]);
    // The profile's "last active" reads the activity log: never after now.
    expect(n("select max(created_at) from activities")).toBeLessThanOrEqual(NOW);
  });

  it("shows Tag Expert badges per tag, at more than one level", () => {
    const rows = db.$client.prepare("select badge, tag from user_badges where badge like 'tag_expert%'").all() as {
      badge: string;
      tag: string;
    }[];
    expect(new Set(rows.map((r) => r.tag)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.badge)).size).toBeGreaterThanOrEqual(2);
  });

  it("knows the language of its content: Dutch articles and questions come out as nl, English ones as en", () => {
    const langOf = db.$client
      .prepare("select lang from posts where title = ? and kind in ('article', 'question')")
      .pluck();
    const seeds = [...articleSeeds(), ...questionSeeds()];
    const wrong = seeds.filter((s) => langOf.get(s.title) !== s.lang).map((s) => `${s.lang}: ${s.title}`);
    expect(wrong).toEqual([]);
  });

  it("shows real flags on /health: a decline, members fading for different reasons, a declining tag and organisation", () => {
    const report = healthReport(new Date());
    expect(report.status).toBe("declining");
    expect(report.members.filter((m) => m.state === "cooling").length).toBeGreaterThanOrEqual(1);
    expect(report.members.filter((m) => m.state === "gone_quiet").length).toBeGreaterThanOrEqual(1);
    const causes = new Set(report.members.flatMap((m) => m.causes.map((c) => c.kind)));
    for (const kind of ["no_response", "unanswered", "org_declining", "no_meetup"] as const)
      expect(causes).toContain(kind);
    expect(report.tags.length).toBeGreaterThanOrEqual(1);
    expect(report.orgs.length).toBeGreaterThanOrEqual(1);
  });

  it("grows like a real community: new contributors arrive through the 26 charted weeks, not all at its start", () => {
    const { vitals } = healthReport(new Date());
    // Members join through the nine months and first contribute after joining (issue 13: zero in 25 of 26 weeks).
    expect(vitals.filter((v) => v.newContributors > 0).length).toBeGreaterThanOrEqual(10);
    expect(vitals.every((v) => v.newContributors <= v.active)).toBe(true);
  });

  it("fills the review queue: a flagged post still visible, one hidden by flags, held spam; the audit log has a decision", () => {
    const { items } = reviewQueue();
    expect(items.map((i) => i.post.status).sort()).toEqual(["held", "hidden", "published"]);
    expect(items.find((i) => i.post.status === "held")!.flags[0].note).toBe("spam:links:3");
    expect(count(auditLog)).toBeGreaterThan(0);
  });

  it("has follows and newcomers part-way through the checklist", () => {
    const manual = db
      .select({ kind: follows.kind, n: sql<number>`count(*)` })
      .from(follows)
      .where(sql`${follows.auto} = 0`)
      .groupBy(follows.kind)
      .all();
    expect(Object.fromEntries(manual.map((r) => [r.kind, r.n > 5]))).toEqual({ member: true, tag: true });
    expect(count(follows)).toBeGreaterThan(400); // asking and answering followed the questions
    const done = ["lotte_new", "jonas_new", "priya_new", "tom_new"].map(
      (handle) => checklistOf(findUserByHandle(handle)!.id)!.done,
    );
    expect(done).toEqual([0, 1, 2, 4]);
    expect(
      db
        .select()
        .from(follows)
        .all()
        .every((f) => f.createdAt.getTime() <= NOW),
    ).toBe(true);
  });

  it("has ideas in every status, with support, official responses from the vendor's employees and a merged duplicate", () => {
    const rows = db.$client
      .prepare(
        `select i.status, i.votes, i.merged_into_id as mergedInto, i.response, m.relation as responderRelation
         from ideas i left join memberships m on m.user_id = i.responder_id`,
      )
      .all() as {
      status: string;
      votes: number;
      mergedInto: number | null;
      response: string;
      responderRelation: string;
    }[];
    const live = rows.filter((r) => !r.mergedInto);
    expect(new Set(live.map((r) => r.status))).toEqual(
      new Set(["new", "under_review", "planned", "in_progress", "done", "declined"]),
    );
    expect(live.every((r) => r.votes > 0)).toBe(true);
    const answered = live.filter((r) => r.response);
    expect(answered.length).toBeGreaterThanOrEqual(4);
    expect(answered.every((r) => r.responderRelation === "employee")).toBe(true);
    expect(rows.filter((r) => r.mergedInto)).toHaveLength(1);
  });

  it("has routed questions: experts asked at the time, some a second round, figures for /health, no stale jobs", () => {
    const outcome = routingOutcome(new Date(NOW), 13);
    expect(outcome.routed).toBeGreaterThanOrEqual(10);
    expect(outcome.decided).toBeGreaterThan(outcome.within);
    expect(outcome.expertsAnswered).toBeGreaterThan(0);
    const rounds = db.$client.prepare("select round, count(*) as n from question_routes group by round").all();
    expect(rounds).toEqual([expect.objectContaining({ round: 1 }), expect.objectContaining({ round: 2 })]);
    // Nobody was asked about their own question, and every ask was made before now.
    const own = db.$client
      .prepare(
        "select count(*) from question_routes r join posts q on q.id = r.question_id where q.author_id = r.expert_id",
      )
      .pluck()
      .get();
    expect(own).toBe(0);
    expect(db.$client.prepare("select max(asked_at) from question_routes").pluck().get()).toBeLessThanOrEqual(NOW);
    expect(
      db.$client.prepare("select count(*) from jobs where kind = 'route-question' and run_at <= ?").pluck().get(NOW),
    ).toBe(0);
  });

  it("adds nothing when run again", async () => {
    const all = () => [users, organisations, memberships, auditLog, posts, votes, follows, activities].map(count);
    const before = all();
    await seed();
    expect(all()).toEqual(before);
  });

  it("suggests people to meet to every demo account, with reasons, none of them themselves", () => {
    for (const account of DEMO_ACCOUNTS) {
      const id = findUserByHandle(account.handle)!.id;
      const matches = listMatches(id);
      expect(matches.length, account.handle).toBeGreaterThan(0);
      expect(matches.every((m) => m.otherId !== id && m.reasons.length > 0)).toBe(true);
    }
  });
});
