/** Meetup reminders (docs/product.md, "Meetups"): everyone going hears once, 24 hours before. */
import { and, eq } from "drizzle-orm";
import { events, rsvps } from "~db/schema";
import { type Tx, writeTransaction } from "~/utils/db.server";
import { enqueueJob } from "~/utils/jobs.server";
import { recordActivity } from "./activity.server";
import type { Meetup } from "./event.server";
import { notify } from "./notification.server";
import { DAY_MS } from "~/utils/time";

/** The reminder job for the meetup's current start (a changed start gets a new one; the old one sees the change and stops). */
export function scheduleReminder(tx: Tx, event: Meetup) {
  const runAt = new Date(Math.max(event.startsAt.getTime() - DAY_MS, Date.now()));
  enqueueJob(tx, {
    kind: "event-reminder",
    key: `event-reminder:${event.id}:${event.startsAt.getTime()}`,
    payload: { eventId: event.id, startsAt: event.startsAt.getTime() },
    runAt,
  });
}

/** The reminder job: everyone going hears, once, 24 hours before (a moved or cancelled meetup is skipped). */
export function sendEventReminders(eventId: number, startsAt: number, now = new Date()) {
  writeTransaction((tx) => {
    const event = tx.select().from(events).where(eq(events.id, eventId)).get();
    if (!event || event.status !== "scheduled" || event.startsAt.getTime() !== startsAt || event.startsAt <= now)
      return;
    const going = tx
      .select({ userId: rsvps.userId })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, "going")))
      .all();
    for (const { userId } of going) remind(tx, event, userId, now);
  });
}

/** For a member who becomes "going" after the reminder job's time: reminded at once, if the meetup is that close. */
export function remindIfDue(tx: Tx, event: Meetup, userId: number, now: Date) {
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
