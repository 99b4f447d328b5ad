import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEvent } from "~/models/event.server";
import { siteOrigin } from "~/utils/feed.server";
import { icsResponse, meetupCalendar } from "~/utils/ics.server";
import { notFound, parseId } from "~/utils/http.server";

/** One meetup as an iCalendar file ("add to calendar"); a cancelled one says STATUS:CANCELLED. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const event = getEvent(parseId(params.id));
  if (!event) throw notFound();
  return icsResponse(
    meetupCalendar(event.title, [event], { origin: siteOrigin(request) }),
    `kring-meetup-${event.id}.ics`,
  );
}
