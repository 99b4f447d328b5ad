import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberMatches, notifications, tags } from "~db/schema";
import { digestContent } from "~/jobs/digest.server";
import { JOB_HANDLERS, scheduleDailyJobs } from "~/jobs/index.server";
import { db, writeTransaction } from "~/utils/db.server";
import { translator } from "~/utils/i18n.server";
import { reasonText } from "~/utils/introductions";
import { notificationText } from "~/utils/notification-text";
import { addToOrganisation, makeOrganisation, makeUser } from "../../test/factories";
import { createEvent } from "./event.server";
import { follow } from "./follow.server";
import {
  computeMemberMatches,
  HELLOS_PER_DAY,
  introductionOutcomes,
  listMatches,
  sayHello,
} from "./introduction.server";
import { createAnswer, createQuestion } from "./post.server";
import { setExpertise } from "./profile.server";
import { rsvp } from "./rsvp.server";
import { suspendMember } from "./suspension.server";

const HOUR = 60 * 60 * 1000;

function tagId(name: string) {
  db.insert(tags).values({ name }).onConflictDoNothing().run();
  return db.select({ id: tags.id }).from(tags).where(eq(tags.name, name)).get()!.id;
}

/**
 * A hand-built community: ann (customer) should meet bob (vendor employee): both know postgres and kubernetes,
 * he answered her question, he knows the tag of her questions, and both are going to the Rotterdam meetup.
 * cat scores higher for ann but works at ann's organisation; sus would be first but is suspended.
 */
async function community() {
  const vendor = makeOrganisation({ kind: "vendor", name: "Vendor" });
  const customer = makeOrganisation({ kind: "customer", name: "Customer" });
  const [ann, bob, cat, sus, dan, eve] = [
    await makeUser({ name: "Ann" }),
    await makeUser({ name: "Bob" }),
    await makeUser({ name: "Cat" }),
    await makeUser({ name: "Sus" }),
    await makeUser({ name: "Dan" }),
    await makeUser({ name: "Eve" }),
  ];
  addToOrganisation({ orgId: customer.id, userId: ann.id, relation: "customer" });
  addToOrganisation({ orgId: customer.id, userId: cat.id, relation: "customer" });
  addToOrganisation({ orgId: vendor.id, userId: bob.id, relation: "employee" });
  addToOrganisation({ orgId: vendor.id, userId: sus.id, relation: "employee" });
  const postgres = tagId("postgres");
  const kubernetes = tagId("kubernetes");
  for (const u of [ann, bob, cat, sus]) setExpertise(u.id, ["postgres", "kubernetes"]);
  // Both follow kubernetes (ann follows her expertise): knowing it alone would not make "you both follow" true.
  writeTransaction((tx) => {
    follow(tx, { userId: dan.id, kind: "tag", targetId: kubernetes });
    for (const targetId of [postgres, kubernetes]) follow(tx, { userId: ann.id, kind: "tag", targetId });
  });
  const questions = [1, 2, 3].map((n) =>
    createQuestion({
      authorId: ann.id,
      title: `Postgres question ${n}`,
      body: "How do I tune this?",
      tags: ["postgres"],
    }),
  );
  const answer = (authorId: number, questionId: number) =>
    createAnswer({ authorId, questionId, body: "Like this, with an index." });
  answer(bob.id, questions[0].id);
  answer(cat.id, questions[0].id);
  answer(cat.id, questions[1].id);
  for (const q of questions) answer(sus.id, q.id);
  const event = createEvent({
    title: "Rotterdam meetup",
    description: "Talks.",
    startsAt: new Date(Date.now() + 72 * HOUR),
    endsAt: new Date(Date.now() + 75 * HOUR),
    timezone: "Europe/Amsterdam",
    venue: "Hall",
    address: "Coolsingel 1",
    city: "Rotterdam",
    onlineUrl: "",
    capacity: null,
    rsvpDeadline: null,
    tags: [],
    hostIds: [eve.id],
    createdBy: eve.id,
  });
  for (const u of [ann, bob, cat]) expect(rsvp({ eventId: event.id, userId: u.id, status: "going" }).ok).toBe(true);
  writeTransaction((tx) => suspendMember(tx, { userId: sus.id, moderatorId: eve.id, reason: "spam", until: null }));
  return { ann, bob, cat, sus, dan, eve, event };
}

const allRows = () => db.select().from(memberMatches).orderBy(asc(memberMatches.userId), asc(memberMatches.rank)).all();

describe("people you should meet", () => {
  it("ranks the expected pair first with the expected reasons, never self, same organisation after, suspended never", async () => {
    const { ann, bob, cat, sus, dan, event } = await community();
    computeMemberMatches();
    const forAnn = listMatches(ann.id);
    expect(forAnn[0].otherId).toBe(bob.id);
    expect(forAnn[0].reasons).toEqual([
      { code: "know", tags: ["postgres", "kubernetes"] },
      { code: "answeredYou", count: 1 },
      { code: "meetup", eventId: event.id, title: "Rotterdam meetup", startsAt: event.startsAt.getTime() },
      { code: "expertFor", tags: ["postgres"] },
    ]);
    // cat scores higher (two answers) but works at ann's organisation: after bob.
    const catRow = forAnn.find((m) => m.otherId === cat.id)!;
    expect(catRow.score).toBeGreaterThan(forAnn[0].score);
    expect(catRow.rank).toBeGreaterThan(forAnn[0].rank);
    expect(forAnn.map((m) => m.otherId)).toContain(dan.id);
    expect(forAnn.find((m) => m.otherId === dan.id)!.reasons).toEqual([{ code: "follow", tags: ["kubernetes"] }]);

    // From bob's side, the same facts in his words.
    const forBob = listMatches(bob.id);
    expect(forBob[0].otherId).toBe(ann.id);
    expect(forBob[0].reasons.map((r) => r.code)).toEqual(["know", "youAnswered", "meetup", "asksAbout"]);
    const t = translator("en");
    expect(forAnn[0].reasons.map((r) => reasonText(t, r))).toEqual([
      "You both know postgres and kubernetes",
      "Answered 1 of your questions",
      "Going to Rotterdam meetup too",
      "Knows postgres, the tag of your questions",
    ]);
    expect(reasonText(translator("nl"), { code: "answeredYou", count: 3 })).toBe("Beantwoordde 3 van je vragen");

    // The weekly digest shows the same suggestions.
    expect(digestContent(ann.id, new Date(0)).people.map((p) => p.otherId)).toEqual(forAnn.map((m) => m.otherId));

    const rows = allRows();
    expect(rows.some((r) => r.userId === r.otherId)).toBe(false);
    expect(rows.some((r) => r.userId === sus.id || r.otherId === sus.id)).toBe(false);
    expect(rows.filter((r) => r.userId === ann.id).length).toBeLessThanOrEqual(5);
  });

  it("is idempotent: the daily job run twice for a day writes the same rows", async () => {
    const { ann } = await community();
    const now = new Date();
    computeMemberMatches(now);
    const first = allRows();
    expect(first.length).toBeGreaterThan(0);
    computeMemberMatches(now);
    expect(allRows()).toEqual(first);
    // Scheduled once a day under one key.
    scheduleDailyJobs(now, { backup: false });
    scheduleDailyJobs(now, { backup: false });
    expect(db.$client.prepare("select count(*) n from jobs where kind = 'member-matches'").get()).toEqual({ n: 1 });
    expect(JOB_HANDLERS["member-matches"]).toBeTypeOf("function");
    expect(listMatches(ann.id).length).toBeGreaterThan(0);
  });

  it("says hello once per pair per 30 days, to suggested members only, and counts what followed", async () => {
    const { ann, bob, sus, eve } = await community();
    computeMemberMatches();
    expect(sayHello({ from: ann, toId: ann.id })).toEqual({ ok: false, error: "forbidden" });
    expect(sayHello({ from: ann, toId: sus.id })).toEqual({ ok: false, error: "forbidden" });
    expect(sayHello({ from: ann, toId: eve.id })).toEqual({ ok: false, error: "forbidden" });
    expect(sayHello({ from: ann, toId: bob.id })).toEqual({ ok: true });
    expect(sayHello({ from: ann, toId: bob.id })).toEqual({ ok: false, error: "tooSoon" });
    const note = db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, bob.id), eq(notifications.kind, "introduction")))
      .all();
    expect(note.length).toBe(1);
    expect(
      notificationText(translator("en"), { kind: "introduction", actors: ["Ann"], title: note[0].title, count: 1 }),
    ).toBe("Ann says hello. You both know postgres and kubernetes");
    // Going to the same meetup (the reason for the suggestion) is not contact: only a check-in after the hello is.
    expect(introductionOutcomes(4)).toMatchObject({ sent: 1, contacted: 0, met: 0, replied: 0, pending: 1 });
    expect(sayHello({ from: bob, toId: ann.id })).toEqual({ ok: true });
    expect(introductionOutcomes(4)).toMatchObject({ sent: 1, contacted: 1, replied: 1, pending: 0, rate: 1 });
  });

  it("never reveals a hidden RSVP, says no 'you both follow' unless both do, and refuses hellos to strangers and floods", async () => {
    const { ann, bob, dan, event } = await community();
    const hidden = await makeUser({ name: "Hid" });
    setExpertise(hidden.id, ["postgres"]);
    expect(rsvp({ eventId: event.id, userId: hidden.id, status: "going", visible: false }).ok).toBe(true);
    const lone = await makeUser({ name: "Lone" });
    writeTransaction((tx) => follow(tx, { userId: lone.id, kind: "tag", targetId: tagId("kubernetes") }));
    computeMemberMatches();
    for (const member of [ann, bob]) {
      const hid = listMatches(member.id).find((m) => m.otherId === hidden.id);
      expect(hid?.reasons.some((r) => r.code === "meetup") ?? false).toBe(false);
    }
    // bob knows kubernetes, lone only follows it: not "you both follow".
    const loneForBob = listMatches(bob.id).find((m) => m.otherId === lone.id);
    expect(loneForBob?.reasons.some((r) => r.code === "follow") ?? false).toBe(false);
    // dan is in ann's list; dan may not write ann unless ann is in his own list or greeted him.
    db.delete(memberMatches)
      .where(and(eq(memberMatches.userId, dan.id), eq(memberMatches.otherId, ann.id)))
      .run();
    expect(sayHello({ from: dan, toId: ann.id })).toEqual({ ok: false, error: "forbidden" });
    // At most HELLOS_PER_DAY a day.
    const many = [];
    for (let i = 0; i < HELLOS_PER_DAY + 1; i++) many.push(await makeUser({ name: `Many ${i}` }));
    for (const m of many)
      db.insert(memberMatches)
        .values({ userId: ann.id, otherId: m.id, rank: 9, score: 1, reasons: "[]", computedAt: new Date() })
        .run();
    const results = many.map((m) => sayHello({ from: ann, toId: m.id }));
    expect(results.filter((r) => r.ok)).toHaveLength(HELLOS_PER_DAY);
    expect(results[HELLOS_PER_DAY]).toEqual({ ok: false, error: "tooMany" });
  });
});
