/**
 * Answers to meetups (docs/product.md, "Meetups"): RSVPs with capacity and a first-come waitlist, check-in,
 * and the attendee lists. Every RSVP change is one immediate transaction that reads the seats taken and writes,
 * so capacity holds under concurrent requests from several processes; a freed seat goes to the first
 * on the waitlist in that same transaction.
 */
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { activities, attendance, eventHosts, events, rsvps, users, type RsvpStatus } from "~db/schema";
import { db, type Tx, writeTransaction } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { recordActivity } from "./activity.server";
import { remindIfDue } from "./event-reminder.server";
import type { Meetup } from "./event.server";
import { notify } from "./notification.server";
import { recordAttendanceReputation } from "./reputation.server";

export type RsvpResult =
  | { ok: true; status: RsvpStatus; position?: number }
  | { ok: false; reason: "missing" | "cancelled" | "past" | "closed" | "unchanged" };

function countGoing(tx: Tx, eventId: number) {
  return (
    tx
      .select({ n: sql<number>`count(*)` })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, "going")))
      .get()?.n ?? 0
  );
}

/** The member's place on the waitlist (1 is next), or undefined. */
export function waitlistPosition(tx: Tx | typeof db, eventId: number, userId: number) {
  const mine = tx
    .select({ seq: rsvps.waitlistSeq })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId), eq(rsvps.status, "waitlist")))
    .get();
  if (!mine?.seq) return undefined;
  const ahead =
    tx
      .select({ n: sql<number>`count(*)` })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, "waitlist"), lt(rsvps.waitlistSeq, mine.seq)))
      .get()?.n ?? 0;
  return ahead + 1;
}

/** Fills free seats from the front of the waitlist, telling each promoted member (also when a meetup changes). */
export function promoteFromWaitlist(tx: Tx, event: Meetup, now: Date) {
  if (event.status !== "scheduled") return;
  for (;;) {
    if (event.capacity !== null && countGoing(tx, event.id) >= event.capacity) return;
    const next = tx
      .select({ userId: rsvps.userId })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, event.id), eq(rsvps.status, "waitlist")))
      .orderBy(asc(rsvps.waitlistSeq))
      .limit(1)
      .get();
    if (!next) return;
    tx.update(rsvps)
      .set({ status: "going", waitlistSeq: null, updatedAt: now })
      .where(and(eq(rsvps.eventId, event.id), eq(rsvps.userId, next.userId)))
      .run();
    recordActivity(tx, { actorId: next.userId, verb: "rsvp", eventId: event.id, value: 1, at: now });
    notify(tx, {
      userId: next.userId,
      kind: "waitlist_promoted",
      subject: `event:${event.id}`,
      title: event.title,
      url: `/events/${event.id}`,
      dedupeKey: `promoted:${event.id}:${now.getTime()}`,
      at: now,
    });
    remindIfDue(tx, event, next.userId, now);
  }
}

/** Why a meetup takes no answers (cancelled, started, past its RSVP deadline), or null while it does. */
export function rsvpClosedReason(event: Pick<Meetup, "status" | "startsAt" | "rsvpDeadline">, now = new Date()) {
  if (event.status === "cancelled") return "cancelled" as const;
  if (event.startsAt <= now) return "past" as const;
  if (event.rsvpDeadline && event.rsvpDeadline <= now) return "closed" as const;
  return null;
}

/**
 * Going, maybe or not going, with an optional note for the hosts. "Going" on a full meetup joins the
 * waitlist. Refused (and nothing written) for a cancelled or past meetup, after the RSVP deadline, or
 * when nothing would change.
 */
export function rsvp({
  eventId,
  userId,
  status,
  note = "",
  visible = true,
  now = new Date(),
}: {
  eventId: number;
  userId: number;
  status: "going" | "maybe" | "not_going";
  note?: string;
  visible?: boolean;
  now?: Date;
}): RsvpResult {
  return writeTransaction((tx): RsvpResult => {
    const event = tx.select().from(events).where(eq(events.id, eventId)).get();
    if (!event) return { ok: false, reason: "missing" };
    const closed = rsvpClosedReason(event, now);
    if (closed) return { ok: false, reason: closed };
    const existing = tx
      .select()
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)))
      .get();
    const wantsSeat = status === "going";
    const holdsOrWaits = existing?.status === "going" || existing?.status === "waitlist";
    if (
      existing &&
      (wantsSeat ? holdsOrWaits : existing.status === status) &&
      existing.note === note &&
      existing.visible === visible
    ) {
      return { ok: false, reason: "unchanged" };
    }
    let next: RsvpStatus = status;
    let waitlistSeq: number | null = null;
    if (wantsSeat && holdsOrWaits) {
      next = existing!.status; // only the note or visibility changes: the seat or place in line is kept
      waitlistSeq = existing!.waitlistSeq;
    } else if (wantsSeat && event.capacity !== null && countGoing(tx, eventId) >= event.capacity) {
      next = "waitlist";
      waitlistSeq =
        (tx
          .select({ n: sql<number>`coalesce(max(${rsvps.waitlistSeq}), 0)` })
          .from(rsvps)
          .where(eq(rsvps.eventId, eventId))
          .get()?.n ?? 0) + 1;
    }
    tx.insert(rsvps)
      .values({ eventId, userId, status: next, note, visible, waitlistSeq, updatedAt: now })
      .onConflictDoUpdate({
        target: [rsvps.eventId, rsvps.userId],
        set: { status: next, note, visible, waitlistSeq, updatedAt: now },
      })
      .run();
    if (next !== existing?.status)
      recordActivity(tx, {
        actorId: userId,
        verb: "rsvp",
        eventId,
        value: next === "going" ? 1 : next === "waitlist" ? 2 : next === "maybe" ? 3 : 0,
        at: now,
      });
    if (existing?.status === "going" && next !== "going") promoteFromWaitlist(tx, event, now);
    // Going after the reminder job ran (or on a meetup created less than a day ahead): remind now.
    if (next === "going") remindIfDue(tx, event, userId, now);
    bumpCacheTags(tx, [`event:${eventId}`, "events"]);
    return {
      ok: true,
      status: next,
      position: next === "waitlist" ? waitlistPosition(tx, eventId, userId) : undefined,
    };
  });
}

/** Hosts (and leads) mark who came, from the meetup's day on; attendance feeds reputation and health. */
export function setAttendance({
  eventId,
  userId,
  attended,
  byId,
  now = new Date(),
}: {
  eventId: number;
  userId: number;
  attended: boolean;
  byId: number;
  now?: Date;
}) {
  return writeTransaction((tx) => {
    const event = tx.select().from(events).where(eq(events.id, eventId)).get();
    if (!event) return "missing" as const;
    if (!checkInOpen(event, now)) return "not_yet" as const;
    const was = tx
      .select()
      .from(attendance)
      .where(and(eq(attendance.eventId, eventId), eq(attendance.userId, userId)))
      .get();
    if (!!was === attended) return "unchanged" as const;
    // Only members who said they would come can be checked in: attendance earns reputation.
    const answer = tx
      .select({ status: rsvps.status })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)))
      .get();
    if (attended && answer?.status !== "going") return "not_going" as const;
    if (attended) tx.insert(attendance).values({ eventId, userId, checkedInBy: byId, checkedInAt: now }).run();
    else
      tx.delete(attendance)
        .where(and(eq(attendance.eventId, eventId), eq(attendance.userId, userId)))
        .run();
    recordActivity(tx, { actorId: userId, verb: "attended", eventId, value: attended ? 1 : 0, at: now });
    const count =
      tx
        .select({ n: sql<number>`count(*)` })
        .from(attendance)
        .where(eq(attendance.eventId, eventId))
        .get()?.n ?? 0;
    const hostIds = tx
      .select({ userId: eventHosts.userId })
      .from(eventHosts)
      .where(eq(eventHosts.eventId, eventId))
      .all()
      .map((h) => h.userId);
    recordAttendanceReputation(tx, { eventId, userId, attended, attendees: count, hostIds, at: now });
    // The first check-in shows the meetup took place: hosting is a contribution (health), once.
    if (
      attended &&
      count === 1 &&
      !tx
        .select({ id: activities.id })
        .from(activities)
        .where(and(eq(activities.eventId, eventId), eq(activities.verb, "hosted")))
        .get()
    ) {
      for (const hostId of hostIds)
        recordActivity(tx, { actorId: hostId, verb: "hosted", eventId, at: event.startsAt });
    }
    bumpCacheTags(tx, [`event:${eventId}`, `member:${userId}`, ...hostIds.map((id) => `member:${id}`)]);
    return "changed" as const;
  });
}

/** Check-in opens at the start of the meetup's day (community time is close enough: a day's margin). */
export function checkInOpen(event: Pick<Meetup, "startsAt" | "status">, now = new Date()) {
  return event.status === "scheduled" && now.getTime() >= event.startsAt.getTime() - 12 * 60 * 60 * 1000;
}

/** For hosts: everyone who answered, with notes, waitlist order and check-in. */
export function attendeeList(eventId: number) {
  return db
    .select({
      userId: rsvps.userId,
      name: users.name,
      handle: users.handle,
      email: users.email,
      status: rsvps.status,
      note: rsvps.note,
      waitlistSeq: rsvps.waitlistSeq,
      updatedAt: rsvps.updatedAt,
      checkedInAt: attendance.checkedInAt,
    })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .leftJoin(attendance, and(eq(attendance.eventId, rsvps.eventId), eq(attendance.userId, rsvps.userId)))
    .where(eq(rsvps.eventId, eventId))
    .orderBy(
      sql`case ${rsvps.status} when 'going' then 0 when 'waitlist' then 1 when 'maybe' then 2 else 3 end`,
      asc(rsvps.waitlistSeq),
      asc(users.name),
    )
    .all();
}

/** For everyone: the counts, and the names of those going who chose to be visible. */
export function publicAttendance(eventId: number) {
  const counts = db
    .select({ status: rsvps.status, n: sql<number>`count(*)` })
    .from(rsvps)
    .where(eq(rsvps.eventId, eventId))
    .groupBy(rsvps.status)
    .all();
  const visible = db
    .select({ name: users.name, handle: users.handle })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, "going"), eq(rsvps.visible, true)))
    .orderBy(asc(users.name))
    .limit(100)
    .all();
  const count = (s: RsvpStatus) => counts.find((c) => c.status === s)?.n ?? 0;
  return { going: count("going"), waitlist: count("waitlist"), maybe: count("maybe"), visible };
}

export function myRsvp(eventId: number, userId: number | undefined) {
  if (!userId) return null;
  const row = db
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)))
    .get();
  if (!row) return null;
  return { ...row, position: row.status === "waitlist" ? waitlistPosition(db, eventId, userId) : undefined };
}
