import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications, users } from "~db/schema";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { sendEventReminders } from "./event-reminder.server";
import { cancelEvent, createEvent, getEvent, updateEvent, upcomingMeetups, type EventInput } from "./event.server";
import { myRsvp, rsvp, setAttendance } from "./rsvp.server";

const HOUR = 60 * 60 * 1000;
const base = (over: Partial<EventInput> = {}): EventInput => ({
  title: "Data platform meetup Utrecht",
  description: "Talks and drinks.",
  startsAt: new Date(Date.now() + 72 * HOUR),
  endsAt: new Date(Date.now() + 75 * HOUR),
  timezone: "Europe/Amsterdam",
  venue: "Nordlicht office",
  address: "Oudegracht 1",
  city: "Utrecht",
  onlineUrl: "",
  capacity: 2,
  rsvpDeadline: null,
  tags: ["data"],
  ...over,
});

async function meetup(over: Partial<EventInput> = {}) {
  const host = await makeUser({ role: "expert" });
  return { host, event: createEvent({ ...base(over), hostIds: [host.id], createdBy: host.id }) };
}

const kindsOf = (userId: number) =>
  db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .all()
    .map((n) => n.kind);

describe("RSVPs", () => {
  it("fill the seats, then a first-come waitlist; a freed seat goes to the first waiting, who is told", async () => {
    const { event } = await meetup();
    const [a, b, c, d] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
    expect(rsvp({ eventId: event.id, userId: a.id, status: "going" })).toEqual({ ok: true, status: "going" });
    expect(rsvp({ eventId: event.id, userId: b.id, status: "going" })).toEqual({ ok: true, status: "going" });
    expect(rsvp({ eventId: event.id, userId: c.id, status: "going" })).toEqual({
      ok: true,
      status: "waitlist",
      position: 1,
    });
    expect(rsvp({ eventId: event.id, userId: d.id, status: "going" })).toEqual({
      ok: true,
      status: "waitlist",
      position: 2,
    });
    expect(rsvp({ eventId: event.id, userId: a.id, status: "not_going" })).toMatchObject({
      ok: true,
      status: "not_going",
    });
    expect(myRsvp(event.id, c.id)).toMatchObject({ status: "going" });
    expect(myRsvp(event.id, d.id)).toMatchObject({ status: "waitlist", position: 1 });
    expect(kindsOf(c.id)).toContain("waitlist_promoted");
    // Raising the capacity promotes the next in line.
    updateEvent(event.id, base({ capacity: 3, startsAt: event.startsAt, endsAt: event.endsAt }), {
      actorId: a.id,
      hostIds: [event.createdBy, b.id],
    });
    expect(myRsvp(event.id, d.id)).toMatchObject({ status: "going" });
    const hostIds = getEvent(event.id)!.hosts.map((h) => h.id);
    expect([hostIds.includes(event.createdBy), hostIds.includes(b.id), hostIds.includes(a.id)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("are refused, changing nothing, when repeated, after the deadline, for a cancelled or a past meetup", async () => {
    const member = await makeUser();
    const { event, host } = await meetup({ rsvpDeadline: new Date(Date.now() + 24 * HOUR) });
    expect(rsvp({ eventId: event.id, userId: member.id, status: "going" }).ok).toBe(true);
    expect(rsvp({ eventId: event.id, userId: member.id, status: "going" })).toEqual({ ok: false, reason: "unchanged" });
    expect(
      rsvp({ eventId: event.id, userId: member.id, status: "maybe", now: new Date(Date.now() + 25 * HOUR) }),
    ).toEqual({ ok: false, reason: "closed" });
    expect(
      rsvp({ eventId: event.id, userId: member.id, status: "maybe", now: new Date(Date.now() + 80 * HOUR) }),
    ).toEqual({ ok: false, reason: "past" });
    cancelEvent(event.id, { actorId: host.id });
    expect(rsvp({ eventId: event.id, userId: member.id, status: "not_going" })).toEqual({
      ok: false,
      reason: "cancelled",
    });
    expect(myRsvp(event.id, member.id)).toMatchObject({ status: "going" });
    expect(kindsOf(member.id)).toContain("event_changed");
  });
});

describe("reminders and check-in", () => {
  it("the reminder job run twice reminds each attendee once", async () => {
    const { event } = await meetup({ capacity: null });
    const going = await Promise.all([makeUser(), makeUser(), makeUser()]);
    for (const m of going) rsvp({ eventId: event.id, userId: m.id, status: "going" });
    const maybe = await makeUser();
    rsvp({ eventId: event.id, userId: maybe.id, status: "maybe" });
    sendEventReminders(event.id, event.startsAt.getTime());
    sendEventReminders(event.id, event.startsAt.getTime());
    for (const m of going) expect(kindsOf(m.id).filter((k) => k === "event_reminder")).toHaveLength(1);
    expect(kindsOf(maybe.id)).not.toContain("event_reminder");
  });

  it("a meetup created 3 hours ahead reminds its going members; a late RSVP is reminded once; nobody twice", async () => {
    const start = new Date(Date.now() + 3 * HOUR);
    const { event } = await meetup({ capacity: 1, startsAt: start, endsAt: new Date(start.getTime() + 2 * HOUR) });
    const [early, waiting, late] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const reminders = (userId: number) => kindsOf(userId).filter((k) => k === "event_reminder").length;
    rsvp({ eventId: event.id, userId: early.id, status: "going" });
    rsvp({ eventId: event.id, userId: waiting.id, status: "going" }); // full: waitlisted, not reminded yet
    expect(reminders(waiting.id)).toBe(0);
    // The job was due at once (less than a day ahead) and runs, maybe twice, in any process.
    sendEventReminders(event.id, event.startsAt.getTime());
    sendEventReminders(event.id, event.startsAt.getTime());
    expect(reminders(early.id)).toBe(1);
    // After the job: a seat frees, the waitlisted member is promoted and reminded; a newcomer RSVPs.
    rsvp({ eventId: event.id, userId: early.id, status: "not_going" });
    expect(myRsvp(event.id, waiting.id)).toMatchObject({ status: "going" });
    expect(reminders(waiting.id)).toBe(1);
    updateEvent(event.id, base({ capacity: 5, startsAt: event.startsAt, endsAt: event.endsAt }), {
      actorId: event.createdBy,
    });
    rsvp({ eventId: event.id, userId: late.id, status: "going" });
    expect(reminders(late.id)).toBe(1);
    // Changing their mind back and forth, or the job running again, reminds nobody twice.
    rsvp({ eventId: event.id, userId: early.id, status: "going" });
    rsvp({ eventId: event.id, userId: late.id, status: "maybe" });
    rsvp({ eventId: event.id, userId: late.id, status: "going" });
    sendEventReminders(event.id, event.startsAt.getTime());
    for (const m of [early, waiting, late]) expect(reminders(m.id)).toBe(1);
  });

  it("an RSVP days ahead is left to the reminder job", async () => {
    const { event } = await meetup({ capacity: null });
    const member = await makeUser();
    rsvp({ eventId: event.id, userId: member.id, status: "going" });
    expect(kindsOf(member.id)).not.toContain("event_reminder");
    sendEventReminders(event.id, event.startsAt.getTime(), new Date(event.startsAt.getTime() - 24 * HOUR));
    expect(kindsOf(member.id).filter((k) => k === "event_reminder")).toHaveLength(1);
  });

  it("check-in gives +2, and the hosts +20 once five have come; undoing takes it back", async () => {
    const start = new Date(Date.now() + 2 * HOUR);
    const { event, host } = await meetup({
      capacity: null,
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * HOUR),
    });
    const people = await Promise.all(Array.from({ length: 5 }, () => makeUser()));
    for (const p of people) rsvp({ eventId: event.id, userId: p.id, status: "going" });
    const walkIn = await makeUser();
    expect(setAttendance({ eventId: event.id, userId: walkIn.id, attended: true, byId: host.id })).toBe("not_going");
    const rep = (id: number) => db.select({ r: users.reputation }).from(users).where(eq(users.id, id)).get()!.r;
    expect(
      setAttendance({
        eventId: event.id,
        userId: people[0].id,
        attended: true,
        byId: host.id,
        now: new Date(Date.now() - 24 * HOUR),
      }),
    ).toBe("not_yet");
    for (const p of people)
      expect(setAttendance({ eventId: event.id, userId: p.id, attended: true, byId: host.id })).toBe("changed");
    expect(rep(people[0].id)).toBe(2);
    expect(rep(host.id)).toBe(20);
    setAttendance({ eventId: event.id, userId: people[0].id, attended: false, byId: host.id });
    expect(rep(people[0].id)).toBe(0);
    expect(rep(host.id)).toBe(0);
    expect(
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, host.id)))
        .all(),
    ).toEqual([]);
  });
});

describe("upcoming meetups a lead can invite to", () => {
  it("lists scheduled meetups that have not started, soonest first, at most the number asked", async () => {
    const at = (hours: number) => ({
      startsAt: new Date(Date.now() + hours * HOUR),
      endsAt: new Date(Date.now() + (hours + 3) * HOUR),
    });
    const { event: later } = await meetup({ title: "Later", ...at(48) });
    const { event: soon } = await meetup({ title: "Soon", ...at(24) });
    await meetup({ title: "Going on now", ...at(-1) });
    await meetup({ title: "Last week", ...at(-7 * 24) });
    const { host, event: cancelled } = await meetup({ title: "Cancelled", ...at(30) });
    cancelEvent(cancelled.id, { actorId: host.id });
    const { event: latest } = await meetup({ title: "Latest", ...at(96) });
    expect(upcomingMeetups(50).filter((e) => [later.id, soon.id, latest.id, cancelled.id].includes(e.id))).toEqual([
      { id: soon.id, title: "Soon" },
      { id: later.id, title: "Later" },
      { id: latest.id, title: "Latest" },
    ]);
    expect(upcomingMeetups(50).map((e) => e.title)).not.toContain("Going on now");
    expect(upcomingMeetups(1)).toHaveLength(1);
  });
});
