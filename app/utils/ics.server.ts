/**
 * iCalendar (RFC 5545) files for meetups, built with ical-generator, which folds lines at 75 octets,
 * ends them with CRLF and escapes text. Times are written in UTC (DTSTART:…Z): every client converts
 * them to its own zone. The UID is stable per meetup; SEQUENCE counts changes of time, place and status.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { Meetup } from "~/models/event.server";
import { siteUrl } from "./mail.server";

function location(event: Meetup, withLink: boolean) {
  return [event.venue, event.address, event.city].filter(Boolean).join(", ") || (withLink ? event.onlineUrl : "Online");
}

/** `withLinks`: the online meeting link goes only into a member's own feed, never into the public file. */
export function meetupCalendar(
  name: string,
  meetups: Meetup[],
  { origin, withLinks = false }: { origin?: string; withLinks?: boolean } = {},
) {
  const url = (path: string) => (origin ? `${origin}${path}` : siteUrl(path));
  // ical-generator escapes event text but writes the calendar's NAME and X-WR-CALNAME as given: a title or
  // member name with CR/LF there would start new lines, and forge events. Control characters become spaces.
  const safeName = name.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  const calendar = ical({
    name: safeName,
    prodId: { company: "Kring", product: "Kring meetups", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const event of meetups) {
    calendar.createEvent({
      id: `kring-event-${event.id}@${new URL(url("/")).host}`,
      sequence: event.sequence,
      stamp: event.updatedAt,
      start: event.startsAt,
      end: event.endsAt,
      summary: event.title,
      description: `${event.description}${withLinks && event.onlineUrl ? `\n\n${event.onlineUrl}` : ""}`,
      location: location(event, withLinks),
      url: url(`/events/${event.id}`),
      status: event.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 ends every line with CRLF, the last one too.
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}

export function icsResponse(body: string, filename: string) {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, max-age=0, must-revalidate",
    },
  });
}
