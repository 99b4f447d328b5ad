import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEvent } from "~/models/event.server";
import { attendeeList } from "~/models/rsvp.server";
import { requireUser } from "~/utils/auth.server";
import { csvResponse } from "~/utils/csv.server";
import { canManageEvent } from "~/utils/permissions";

/** The attendee list with notes, for hosts and leads. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const event = getEvent(Number(params.id));
  if (!event) throw new Response("Not found", { status: 404 });
  if (
    !canManageEvent(
      user,
      event.hosts.map((h) => h.id),
    )
  )
    throw new Response("Forbidden", { status: 403 });
  const rows = attendeeList(event.id).map((a) => [
    a.name,
    a.handle,
    a.email,
    a.status,
    a.waitlistSeq ?? "",
    a.note,
    a.checkedInAt ? new Date(a.checkedInAt).toISOString() : "",
  ]);
  return csvResponse(
    [["name", "handle", "email", "status", "waitlist", "note", "checked_in_at"], ...rows],
    `kring-meetup-${event.id}-attendees.csv`,
  );
}
