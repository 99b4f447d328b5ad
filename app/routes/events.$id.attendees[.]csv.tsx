import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEvent } from "~/models/event.server";
import { attendeeList } from "~/models/rsvp.server";
import { requireUser } from "~/utils/auth.server";
import { canManageEvent } from "~/utils/permissions";

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  // Quoted, and a leading = + - @ neutralised so a spreadsheet never runs a member's note as a formula.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

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
  const csv = [["name", "handle", "email", "status", "waitlist", "note", "checked_in_at"], ...rows]
    .map((r) => r.map(cell).join(","))
    .join("\r\n");
  return new Response(`${csv}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Disposition": `attachment; filename="kring-meetup-${event.id}-attendees.csv"`,
    },
  });
}
