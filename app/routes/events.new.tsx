import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { EventForm } from "~/components/EventForm";
import { parseEventForm } from "~/models/event-form.server";
import { createEvent } from "~/models/event.server";
import { getMembership } from "~/models/organisation.server";
import { withPostingLimits } from "~/models/post-limits.server";
import { requireUser } from "~/utils/auth.server";
import { badRequest, limitRefused, retryAfterHeaders } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canCreateEvent } from "~/utils/permissions";
import { forbidden } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canCreateEvent(user)) throw forbidden();
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canCreateEvent(user)) throw forbidden();
  const formData = await request.formData();
  const parsed = parseEventForm(formData);
  if (!parsed.ok) return badRequest(parsed.errors, Object.fromEntries(formData));
  if (parsed.input.startsAt <= new Date())
    return badRequest({ startsAt: "error.startInPast" }, Object.fromEntries(formData));
  const orgId = getMembership(user.id)?.orgId ?? null;
  const created = withPostingLimits({ userId: user.id, text: parsed.input.description }, (guard) =>
    createEvent({ ...parsed.input, orgId, hostIds: [user.id, ...parsed.coHostIds], createdBy: user.id, guard }),
  );
  if (!created.ok) return limitRefused(created.refusal, Object.fromEntries(formData));
  return redirect(`/events/${created.value.id}`);
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.newTitle");

export default function NewEvent() {
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="wide-form">
      <h1>{t("events.newTitle")}</h1>
      <EventForm
        values={(data?.values ?? {}) as Record<string, string>}
        errors={data?.errors ?? {}}
        errorVars={(data as { errorVars?: Record<string, number> } | undefined)?.errorVars}
        submitLabel={t("events.create")}
      />
    </section>
  );
}
