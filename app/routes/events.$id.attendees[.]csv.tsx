import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEvent } from "~/models/event.server";
import { attendeeList } from "~/models/rsvp.server";
import { requireUser } from "~/utils/auth.server";
import { csvResponse } from "~/utils/csv.server";
import { canManageEvent } from "~/utils/permissions";
import { forbidden, notFound, parseId } from "~/utils/http.server";

/** The attendee list with notes, for hosts and leads. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const event = getEvent(parseId(params.id));
  if (!event) throw notFound();
  if (
    !canManageEvent(
      user,
      event.hosts.map((h) => h.id),
    )
  )
    throw forbidden();
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
