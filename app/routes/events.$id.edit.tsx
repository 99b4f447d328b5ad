import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EventForm } from "~/components/EventForm";
import { eventFormValues, parseEventForm } from "~/models/event-form.server";
import { getEvent, updateEvent } from "~/models/event.server";
import { requireUser } from "~/utils/auth.server";
import { badRequest } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canManageEvent } from "~/utils/permissions";
import { forbidden, notFound, parseId } from "~/utils/http.server";

async function loadManaged(request: Request, idParam: string | undefined) {
  const user = await requireUser(request);
  const event = getEvent(parseId(idParam));
  if (!event) throw notFound();
  if (
    !canManageEvent(
      user,
      event.hosts.map((h) => h.id),
    )
  )
    throw forbidden();
  return { user, event };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, event } = await loadManaged(request, params.id);
  const creator = event.hosts.find((h) => h.id === event.createdBy);
  return json({ id: event.id, values: eventFormValues(event, creator?.handle ?? user.handle) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event } = await loadManaged(request, params.id);
  const formData = await request.formData();
  const parsed = parseEventForm(formData);
  if (!parsed.ok) return badRequest(parsed.errors, Object.fromEntries(formData));
  // A meetup can be moved, but not into the past (check-in, and its reputation, open at the start).
  if (parsed.input.startsAt.getTime() !== event.startsAt.getTime() && parsed.input.startsAt <= new Date()) {
    return badRequest({ startsAt: "error.startInPast" }, Object.fromEntries(formData));
  }
  // The creator stays a host; the co-hosts are whoever the form names now.
  updateEvent(event.id, parsed.input, { actorId: user.id, hostIds: [event.createdBy, ...parsed.coHostIds] });
  return redirect(`/events/${event.id}`);
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.editTitle");

export default function EditEvent() {
  const { values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="wide-form">
      <h1>{t("events.editTitle")}</h1>
      <EventForm
        values={(data?.values as Record<string, string>) ?? values}
        errors={data?.errors ?? {}}
        submitLabel={t("events.save")}
      />
    </section>
  );
}
