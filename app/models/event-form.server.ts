/** The meetup form of /events/new and /events/:id/edit: validated, times converted from the meetup's zone. */
import { parseForm, type FormErrors } from "~/utils/forms.server";
import { instantToZoned, isTimeZone, zonedToInstant } from "~/utils/time";
import { EventSchema } from "~/utils/event-schema";
import type { EventInput } from "./event.server";
import { findUserByHandle } from "./user.server";

export type EventFormValues = Record<string, string>;

export function parseEventForm(
  formData: FormData,
): { ok: true; input: EventInput; coHostIds: number[] } | { ok: false; errors: FormErrors } {
  const parsed = parseForm(EventSchema, formData);
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  if (!isTimeZone(data.timezone)) return { ok: false, errors: { timezone: "error.timezone" } };
  const startsAt = zonedToInstant(data.startsAt, data.timezone);
  const endsAt = zonedToInstant(data.endsAt, data.timezone);
  if (!startsAt) return { ok: false, errors: { startsAt: "error.dateTime" } };
  if (!endsAt) return { ok: false, errors: { endsAt: "error.dateTime" } };
  if (endsAt <= startsAt) return { ok: false, errors: { endsAt: "error.endBeforeStart" } };
  const rsvpDeadline = data.rsvpDeadline ? zonedToInstant(data.rsvpDeadline, data.timezone) : null;
  if (data.rsvpDeadline && !rsvpDeadline) return { ok: false, errors: { rsvpDeadline: "error.dateTime" } };
  if (rsvpDeadline && rsvpDeadline > startsAt)
    return { ok: false, errors: { rsvpDeadline: "error.deadlineAfterStart" } };
  const handles = data.hosts
    .split(",")
    .map((h) => h.trim().replace(/^@/, ""))
    .filter(Boolean);
  const coHosts = handles.map((h) => findUserByHandle(h));
  if (coHosts.some((h) => !h)) return { ok: false, errors: { hosts: "error.unknownHost" } };
  const { hosts: _hosts, ...rest } = data;
  return { ok: true, input: { ...rest, startsAt, endsAt, rsvpDeadline }, coHostIds: coHosts.map((h) => h!.id) };
}

/** The form's values for an existing meetup (edit page). */
export function eventFormValues(
  event: EventInput & { hosts: { handle: string }[]; createdBy: number; hostIds?: number[] },
  creatorHandle?: string,
): EventFormValues {
  const local = (d: Date | null) => (d ? instantToZoned(d, event.timezone) : "");
  return {
    title: event.title,
    description: event.description,
    startsAt: local(event.startsAt),
    endsAt: local(event.endsAt),
    timezone: event.timezone,
    venue: event.venue,
    address: event.address,
    city: event.city,
    onlineUrl: event.onlineUrl,
    capacity: event.capacity === null ? "" : String(event.capacity),
    rsvpDeadline: local(event.rsvpDeadline),
    tags: event.tags.join(", "),
    hosts: event.hosts
      .map((h) => h.handle)
      .filter((h) => h !== creatorHandle)
      .join(", "),
  };
}
