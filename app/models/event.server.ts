/**
 * Meetups (docs/product.md, "Meetups"): creating, changing and cancelling them, and the queries that show
 * and list them. Answers, the waitlist and check-in are in rsvp.server.ts; reminders in event-reminder.server.ts.
 */
import { and, asc, desc, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import { eventHosts, events, eventTags, organisations, rsvps, tags, users } from "~db/schema";
import { db, prepared, type Tx, writeTransaction } from "~/utils/db.server";
import { MARKDOWN_VERSION, renderMarkdown } from "~/utils/markdown.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { scheduleReminder } from "./event-reminder.server";
import { followersOf } from "./follow.server";
import { notify } from "./notification.server";
import type { WriteGuard } from "./post-limits.server";
import { promoteFromWaitlist } from "./rsvp.server";
import { DAY_MS } from "~/utils/time";

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

/** `guard`: the posting limits (post-limits.server.ts), checked in the transaction that inserts. */
export function createEvent(
  input: EventInput & { hostIds: number[]; createdBy: number; now?: Date; guard?: WriteGuard },
) {
  const now = input.now ?? new Date();
  return writeTransaction((tx) => {
    input.guard?.(tx);
    const { tags: tagNames, hostIds, now: _now, guard: _guard, ...fields } = input;
    const event = tx
      .insert(events)
      .values({
        ...fields,
        descriptionHtml: renderMarkdown(input.description),
        htmlVersion: MARKDOWN_VERSION,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    for (const userId of new Set(hostIds)) tx.insert(eventHosts).values({ eventId: event.id, userId }).run();
    setEventTags(tx, event.id, tagNames);
    scheduleReminder(tx, event);
    bumpCacheTags(tx, ["events", `event:${event.id}`, ...hostIds.map((id) => `member:${id}`)]);
    return event;
  });
}

/**
 * Everyone going or waiting, and the meetup's followers, hear of a change; a change of time, place or status
 * bumps the iCalendar SEQUENCE.
 */
function notifyChange(tx: Tx, event: Meetup, actorId: number) {
  const told = tx
    .select({ userId: rsvps.userId })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, event.id), inArray(rsvps.status, ["going", "waitlist", "maybe"])))
    .all()
    .map((r) => r.userId);
  for (const userId of new Set([...told, ...followersOf(tx, "event", event.id)])) {
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
  return writeTransaction((tx) => {
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
        htmlVersion: MARKDOWN_VERSION,
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
  });
}

export function cancelEvent(eventId: number, { actorId, now = new Date() }: { actorId: number; now?: Date }) {
  return writeTransaction((tx) => {
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
  });
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

const upcomingMeetupsQuery = prepared(() =>
  db
    .select({ id: events.id, title: events.title })
    .from(events)
    .where(and(eq(events.status, "scheduled"), gt(events.startsAt, sql.placeholder("now"))))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

/** The soonest scheduled meetups that have not started: what a lead can invite a member to (/health). */
export function upcomingMeetups(limit: number, now = new Date()) {
  return upcomingMeetupsQuery().all({ now: now.getTime(), limit });
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
