/**
 * Meetups (docs/product.md, "Meetups"): RSVPs with capacity and a first-come waitlist, check-in,
 * reminders. Every RSVP change is one immediate transaction that reads the seats taken and writes,
 * so capacity holds under concurrent requests from several processes; a freed seat goes to the first
 * on the waitlist in that same transaction.
 */
import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import {
  activities,
  attendance,
  eventHosts,
  events,
  eventTags,
  organisations,
  rsvps,
  tags,
  users,
  type RsvpStatus,
} from "~db/schema";
import { db, type Tx } from "~/utils/db.server";
import { enqueueJob } from "~/utils/jobs.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { recordActivity } from "./activity.server";
import { notify } from "./notification.server";
import type { WriteGuard } from "./post-limits.server";
import { recordAttendanceReputation } from "./reputation.server";

const IMMEDIATE = { behavior: "immediate" } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Meetup = typeof events.$inferSelect;
export type EventInput = {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  venue: string;
  address: string;
  city: string;
  onlineUrl: string;
  capacity: number | null;
  rsvpDeadline: Date | null;
  tags: string[];
  orgId?: number | null;
};

function setEventTags(tx: Tx, eventId: number, names: string[]) {
  tx.delete(eventTags).where(eq(eventTags.eventId, eventId)).run();
  for (const name of names) {
    const tag = tx
      .insert(tags)
      .values({ name })
      .onConflictDoUpdate({ target: tags.name, set: { name } })
      .returning({ id: tags.id })
      .get();
    tx.insert(eventTags).values({ eventId, tagId: tag.id }).onConflictDoNothing().run();
  }
}

/** The reminder job for the meetup's current start (a changed start gets a new one; the old one sees the change and stops). */
function scheduleReminder(tx: Tx, event: Meetup) {
  const runAt = new Date(Math.max(event.startsAt.getTime() - DAY_MS, Date.now()));
  enqueueJob(tx, {
    kind: "event-reminder",
    key: `event-reminder:${event.id}:${event.startsAt.getTime()}`,
    payload: { eventId: event.id, startsAt: event.startsAt.getTime() },
    runAt,
  });
}

/** `guard`: the posting limits (post-limits.server.ts), checked in the transaction that inserts. */
export function createEvent(
  input: EventInput & { hostIds: number[]; createdBy: number; now?: Date; guard?: WriteGuard },
) {
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    input.guard?.(tx);
    const { tags: tagNames, hostIds, now: _now, guard: _guard, ...fields } = input;
    const event = tx
      .insert(events)
      .values({ ...fields, descriptionHtml: renderMarkdown(input.description), createdAt: now, updatedAt: now })
      .returning()
      .get();
    for (const userId of new Set(hostIds)) tx.insert(eventHosts).values({ eventId: event.id, userId }).run();
    setEventTags(tx, event.id, tagNames);
    scheduleReminder(tx, event);
    bumpCacheTags(tx, ["events", `event:${event.id}`, ...hostIds.map((id) => `member:${id}`)]);
    return event;
  }, IMMEDIATE);
}

/** Everyone going or waiting hears of a change; a change of time, place or status bumps the iCalendar SEQUENCE. */
function notifyChange(tx: Tx, event: Meetup, actorId: number) {
  const told = tx
    .select({ userId: rsvps.userId })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, event.id), inArray(rsvps.status, ["going", "waitlist", "maybe"])))
    .all();
  for (const { userId } of told) {
    notify(tx, {
      userId,
      kind: "event_changed",
      actorId,
      subject: `event:${event.id}`,
      title: event.title,
      url: `/events/${event.id}`,
      dedupeKey: `event-changed:${event.id}:${event.sequence}`,
    });
  }
}

export function updateEvent(
  eventId: number,
  input: EventInput,
  { actorId, hostIds, now = new Date() }: { actorId: number; hostIds?: number[]; now?: Date },
) {
  return db.transaction((tx) => {
    const before = tx.select().from(events).where(eq(events.id, eventId)).get();
    if (!before) return null;
    const moved =
      before.startsAt.getTime() !== input.startsAt.getTime() ||
      before.endsAt.getTime() !== input.endsAt.getTime() ||
      before.venue !== input.venue ||
      before.address !== input.address ||
      before.onlineUrl !== input.onlineUrl;
    const { tags: tagNames, ...fields } = input;
    const event = tx
      .update(events)
      .set({
        ...fields,
        descriptionHtml: renderMarkdown(input.description),
        updatedAt: now,
        sequence: moved ? before.sequence + 1 : before.sequence,
      })
      .where(eq(events.id, eventId))
      .returning()
      .get();
    setEventTags(tx, eventId, tagNames);
    const formerHosts = hostsOf(tx, eventId);
    if (hostIds) {
      tx.delete(eventHosts).where(eq(eventHosts.eventId, eventId)).run();
      for (const userId of new Set(hostIds)) tx.insert(eventHosts).values({ eventId, userId }).run();
    }
    promoteFromWaitlist(tx, event, now);
    if (moved) {
      scheduleReminder(tx, event);
      notifyChange(tx, event, actorId);
    }
    bumpCacheTags(tx, [
      "events",
      `event:${eventId}`,
      ...[...formerHosts, ...(hostIds ?? [])].map((id) => `member:${id}`),
    ]);
    return event;
  }, IMMEDIATE);
}

export function cancelEvent(eventId: number, { actorId, now = new Date() }: { actorId: number; now?: Date }) {
  return db.transaction((tx) => {
    const event = tx
      .update(events)
      .set({ status: "cancelled", sequence: sql`${events.sequence} + 1`, updatedAt: now })
      .where(and(eq(events.id, eventId), eq(events.status, "scheduled")))
      .returning()
      .get();
    if (!event) return null;
    notifyChange(tx, event, actorId);
    bumpCacheTags(tx, ["events", `event:${eventId}`, ...hostsOf(tx, eventId).map((id) => `member:${id}`)]);
    return event;
  }, IMMEDIATE);
}

function hostsOf(tx: Tx, eventId: number) {
  return tx
    .select({ userId: eventHosts.userId })
    .from(eventHosts)
    .where(eq(eventHosts.eventId, eventId))
    .all()
    .map((h) => h.userId);
}

export function getEvent(id: number) {
  const event = db.select().from(events).where(eq(events.id, id)).get();
  if (!event) return null;
  const hosts = db
    .select({ id: users.id, name: users.name, handle: users.handle })
    .from(eventHosts)
    .innerJoin(users, eq(users.id, eventHosts.userId))
    .where(eq(eventHosts.eventId, id))
    .all();
  const tagNames = db
    .select({ name: tags.name })
    .from(eventTags)
    .innerJoin(tags, eq(tags.id, eventTags.tagId))
    .where(eq(eventTags.eventId, id))
    .orderBy(tags.name)
    .all()
    .map((t) => t.name);
  const org = event.orgId
    ? db
        .select({ name: organisations.name, slug: organisations.slug })
        .from(organisations)
        .where(eq(organisations.id, event.orgId))
        .get()
    : undefined;
  return { ...event, hosts, tags: tagNames, org: org ?? null };
}

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

/** Fills free seats from the front of the waitlist, telling each promoted member. */
function promoteFromWaitlist(tx: Tx, event: Meetup, now: Date) {
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
  return db.transaction((tx): RsvpResult => {
    const event = tx.select().from(events).where(eq(events.id, eventId)).get();
    if (!event) return { ok: false, reason: "missing" };
    if (event.status === "cancelled") return { ok: false, reason: "cancelled" };
    if (event.startsAt <= now) return { ok: false, reason: "past" };
    if (event.rsvpDeadline && event.rsvpDeadline <= now) return { ok: false, reason: "closed" };
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
  }, IMMEDIATE);
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
  return db.transaction((tx) => {
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
  }, IMMEDIATE);
}

/** Check-in opens at the start of the meetup's day (community time is close enough: a day's margin). */
export function checkInOpen(event: Pick<Meetup, "startsAt" | "status">, now = new Date()) {
  return event.status === "scheduled" && now.getTime() >= event.startsAt.getTime() - 12 * 60 * 60 * 1000;
}

export function isHost(eventId: number, userId: number | undefined) {
  if (!userId) return false;
  return !!db
    .select()
    .from(eventHosts)
    .where(and(eq(eventHosts.eventId, eventId), eq(eventHosts.userId, userId)))
    .get();
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

export type EventFilter = {
  when: "upcoming" | "past";
  tag?: string;
  city?: string;
  mode?: "online" | "offline";
  page: number;
  perPage: number;
  now?: Date;
};

export function listEvents({ when, tag, city, mode, page, perPage, now = new Date() }: EventFilter) {
  const rows = db
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      timezone: events.timezone,
      city: events.city,
      venue: events.venue,
      onlineUrl: events.onlineUrl,
      capacity: events.capacity,
      status: events.status,
      going: sql<number>`(select count(*) from rsvps r where r.event_id = ${events.id} and r.status = 'going')`,
    })
    .from(events)
    .where(
      and(
        when === "upcoming" ? gte(events.endsAt, now) : lt(events.endsAt, now),
        tag
          ? sql`${events.id} in (select et.event_id from event_tags et join tags t on t.id = et.tag_id where t.name = ${tag})`
          : undefined,
        city ? sql`lower(${events.city}) = ${city.toLowerCase()}` : undefined,
        mode === "online"
          ? sql`${events.onlineUrl} != ''`
          : mode === "offline"
            ? sql`${events.onlineUrl} = ''`
            : undefined,
      ),
    )
    .orderBy(when === "upcoming" ? asc(events.startsAt) : desc(events.startsAt))
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .all();
  return { items: rows.slice(0, perPage), hasMore: rows.length > perPage };
}

export function eventCities() {
  return db
    .selectDistinct({ city: events.city })
    .from(events)
    .where(sql`${events.city} != ''`)
    .orderBy(events.city)
    .all()
    .map((r) => r.city);
}

/** The meetups a member is going to, for their personal calendar feed. */
export function eventsGoingTo(userId: number, { since = new Date(Date.now() - 90 * DAY_MS) } = {}) {
  return db
    .select({ event: events })
    .from(rsvps)
    .innerJoin(events, eq(events.id, rsvps.eventId))
    .where(and(eq(rsvps.userId, userId), eq(rsvps.status, "going"), gte(events.endsAt, since)))
    .orderBy(asc(events.startsAt))
    .all()
    .map((r) => r.event);
}

/** The reminder job: everyone going hears, once, 24 hours before (a moved or cancelled meetup is skipped). */
export function sendEventReminders(eventId: number, startsAt: number, now = new Date()) {
  db.transaction((tx) => {
    const event = tx.select().from(events).where(eq(events.id, eventId)).get();
    if (!event || event.status !== "scheduled" || event.startsAt.getTime() !== startsAt || event.startsAt <= now)
      return;
    const going = tx
      .select({ userId: rsvps.userId })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, "going")))
      .all();
    for (const { userId } of going) remind(tx, event, userId, now);
  }, IMMEDIATE);
}

/** For a member who becomes "going" after the reminder job's time: reminded at once, if the meetup is that close. */
function remindIfDue(tx: Tx, event: Meetup, userId: number, now: Date) {
  if (event.status !== "scheduled" || event.startsAt <= now || event.startsAt.getTime() - now.getTime() > DAY_MS)
    return;
  remind(tx, event, userId, now);
}

/**
 * Reminds one member going to a meetup that starts within 24 hours, once per member and start time:
 * the notification's unique dedupe key is the record, so the job, a late RSVP and a waitlist promotion
 * (in any process, in any order, run again) together remind each member exactly once.
 */
function remind(tx: Tx, event: Meetup, userId: number, now: Date) {
  const startsAt = event.startsAt.getTime();
  const sent = notify(tx, {
    userId,
    kind: "event_reminder",
    subject: `event:${event.id}`,
    title: event.title,
    url: `/events/${event.id}`,
    dedupeKey: `reminder:${event.id}:${startsAt}`,
    at: now,
  });
  if (sent) recordActivity(tx, { actorId: userId, verb: "reminded", eventId: event.id, at: now });
}
