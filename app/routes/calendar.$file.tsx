import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventsGoingTo } from "~/models/event.server";
import { findUserByCalendarToken } from "~/models/user.server";
import { siteOrigin } from "~/utils/feed.server";
import { isSuspended } from "~/utils/permissions";
import { icsResponse, meetupCalendar } from "~/utils/ics.server";
import { notFound } from "~/utils/http.server";

/**
 * /calendar/:token.ics — a member's secret feed of the meetups they are going to (no session: calendar apps
 * poll it). A suspended member's feed is gone like their sessions (docs/accounts.md).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const match = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(params.file ?? "");
  const user = match ? findUserByCalendarToken(match[1]) : undefined;
  if (!user || isSuspended(user)) throw notFound();
  return icsResponse(
    meetupCalendar(`Kring · ${user.name}`, eventsGoingTo(user.id), { origin: siteOrigin(request), withLinks: true }),
    "kring-meetups.ics",
  );
}
