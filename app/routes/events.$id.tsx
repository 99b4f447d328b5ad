import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextAreaField } from "~/components/Field";
import { PostBody, TagList } from "~/components/Post";
import { cancelEvent, getEvent } from "~/models/event.server";
import { attendeeList, checkInOpen, myRsvp, publicAttendance, rsvp, setAttendance } from "~/models/rsvp.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { badRequest, formOk, isDocumentRequest, parseForm } from "~/utils/forms.server";
import { formatDate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";
import { canManageEvent } from "~/utils/permissions";
import { RsvpSchema } from "~/utils/validation";
import contentStyles from "~/styles/content.css";

const EventActionSchema = z.discriminatedUnion("intent", [
  RsvpSchema,
  z.object({ intent: z.literal("checkin"), userId: z.coerce.number().int().positive(), attended: z.enum(["1", "0"]) }),
  z.object({ intent: z.literal("cancel") }),
]);

async function load(request: Request, idParam: string | undefined) {
  const id = Number(idParam);
  const event = Number.isSafeInteger(id) && id > 0 ? getEvent(id) : null;
  if (!event) throw new Response("Not found", { status: 404 });
  const user = await getUser(request);
  return {
    event,
    user,
    manages: canManageEvent(
      user,
      event.hosts.map((h) => h.id),
    ),
  };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, user, manages } = await load(request, params.id);
  cacheDependsOn(context, `event:${event.id}`, "names");
  // The online meeting link is for members only, not for the (cached) public page.
  return json({
    event: { ...event, onlineUrl: user ? event.onlineUrl : "", online: !!event.onlineUrl },
    attendance: publicAttendance(event.id),
    mine: myRsvp(event.id, user?.id),
    signedIn: !!user,
    manages,
    attendees: manages ? attendeeList(event.id) : null,
    checkInOpen: manages && checkInOpen(event),
    rsvpOpen:
      event.status === "scheduled" &&
      event.startsAt > new Date() &&
      !(event.rsvpDeadline && event.rsvpDeadline <= new Date()),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { event, manages } = await load(request, params.id);
  const formData = await request.formData();
  const parsed = parseForm(EventActionSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, { intent: formData.get("intent") });
  const input = parsed.data;
  if (input.intent === "rsvp") {
    const result = rsvp({
      eventId: event.id,
      userId: user.id,
      status: input.status,
      note: input.note,
      visible: input.visible !== "0",
    });
    // Refusals change nothing and say why: 409 for "already your answer", 410 when answers are closed.
    if (!result.ok)
      return badRequest(
        { form: `events.error.${result.reason}` as MessageKey },
        { intent: "rsvp" },
        result.reason === "unchanged" ? 409 : 410,
      );
    // Post/Redirect/Get without JavaScript; the <Form> with JavaScript revalidates in place.
    if (isDocumentRequest(context)) return redirect(`/events/${event.id}#rsvp`, 303);
    return formOk({ intent: "rsvp" });
  }
  if (!manages) throw new Response("Forbidden", { status: 403 });
  if (input.intent === "cancel") {
    cancelEvent(event.id, { actorId: user.id });
    return redirect(`/events/${event.id}`);
  }
  const result = setAttendance({
    eventId: event.id,
    userId: input.userId,
    attended: input.attended === "1",
    byId: user.id,
  });
  if (result === "not_yet") return badRequest({ form: "events.checkInHint" }, { intent: "checkin" }, 409);
  if (result === "not_going") return badRequest({ form: "events.error.notGoing" }, { intent: "checkin" });
  return formOk({ intent: "checkin" });
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, null, undefined, data?.event.title);

export default function EventPage() {
  const {
    event,
    attendance,
    mine,
    signedIn,
    manages,
    attendees,
    checkInOpen: canCheckIn,
    rsvpOpen,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const zone = event.timezone;
  const cancelled = event.status === "cancelled";
  const seatsLeft = event.capacity === null ? null : Math.max(0, event.capacity - attendance.going);
  const formError =
    (actionData?.values as { intent?: string } | undefined)?.intent === "rsvp" ? actionData?.errors.form : undefined;
  return (
    <article className="event">
      {cancelled ? (
        <p className="form-error" role="status">
          {t("events.cancelledNotice")}
        </p>
      ) : null}
      <p className="muted small">{t("events.title")}</p>
      <h1>
        {cancelled ? <s>{event.title}</s> : event.title}
        {cancelled ? <span className="badge">{t("events.cancelled")}</span> : null}
      </h1>
      <dl className="facts">
        <dt>{t("events.when")}</dt>
        <dd>
          <time dateTime={event.startsAt}>{formatDate(event.startsAt, locale, "datetime", zone)}</time> –{" "}
          {formatDate(event.endsAt, locale, "time", zone)}{" "}
          <span className="muted small">({t("events.timezoneNote", { zone })})</span>
        </dd>
        <dt>{t("events.where")}</dt>
        <dd>
          {[event.venue, event.address, event.city].filter(Boolean).join(", ")}
          {event.online ? (
            <>
              {event.venue ? " · " : ""}
              {event.onlineUrl ? (
                <a href={event.onlineUrl} rel="nofollow noopener">
                  {t("events.online")}
                </a>
              ) : (
                t("events.online")
              )}
            </>
          ) : null}
        </dd>
        <dt>{t("events.hosts")}</dt>
        <dd>
          {event.hosts.map((h, i) => (
            <span key={h.id}>
              {i ? ", " : ""}
              <Link to={`/members/${h.handle}`}>{h.name}</Link>
            </span>
          ))}
          {event.org ? (
            <>
              {" "}
              · {t("events.organiser")} <Link to={`/orgs/${event.org.slug}`}>{event.org.name}</Link>
            </>
          ) : null}
        </dd>
      </dl>
      <TagList tags={event.tags} />
      <p>
        <a href={`/events/${event.id}/ics`} download>
          {t("events.addToCalendar")}
        </a>
        {event.rsvpDeadline && !cancelled ? (
          <span className="muted small">
            {" "}
            · {t("events.rsvpDeadline", { date: formatDate(event.rsvpDeadline, locale, "datetime", zone) })}
          </span>
        ) : null}
      </p>
      <PostBody html={event.descriptionHtml} />

      <section aria-labelledby="rsvp" className="card">
        <h2 id="rsvp">{t("events.yourRsvp")}</h2>
        <p className="muted small">
          {t("events.countsLine", { going: attendance.going, waitlist: attendance.waitlist, maybe: attendance.maybe })}{" "}
          ·{" "}
          {seatsLeft === null
            ? t("events.unlimited")
            : seatsLeft > 0
              ? t("events.seatsLeft", { count: seatsLeft })
              : t("events.full")}
        </p>
        {mine ? (
          <p className="notice" role="status" id="rsvp-status">
            {mine.status === "going"
              ? t("events.youAreGoing")
              : mine.status === "waitlist"
                ? t("events.youAreWaitlisted", { position: mine.position ?? 1 })
                : mine.status === "maybe"
                  ? t("events.youAreMaybe")
                  : t("events.youAreNotGoing")}
          </p>
        ) : null}
        <FormError error={formError} />
        {!signedIn ? (
          <p>
            <Link to={`/login?redirectTo=/events/${event.id}`}>{t("events.signInToRsvp")}</Link>
          </p>
        ) : rsvpOpen ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="rsvp" />
            <fieldset className="choice-row">
              <legend className="visually-hidden">{t("events.yourRsvp")}</legend>
              {(["going", "maybe", "not_going"] as const).map((status) => (
                <label key={status}>
                  <input
                    type="radio"
                    name="status"
                    value={status}
                    defaultChecked={
                      (mine?.status === "waitlist" ? "going" : mine?.status) === status || (!mine && status === "going")
                    }
                  />{" "}
                  {t(
                    status === "going"
                      ? "events.rsvpGoing"
                      : status === "maybe"
                        ? "events.rsvpMaybe"
                        : "events.rsvpNotGoing",
                  )}
                </label>
              ))}
            </fieldset>
            <TextAreaField name="note" label={t("events.rsvpNote")} rows={2} defaultValue={mine?.note ?? ""} />
            {/* Unchecked boxes send nothing: the hidden 0 comes first, a checked box's 1 after it wins. */}
            <input type="hidden" name="visible" value="0" />
            <label>
              <input type="checkbox" name="visible" value="1" defaultChecked={mine?.visible ?? true} />{" "}
              {t("events.rsvpVisible")}
            </label>
            <button type="submit">{t("events.rsvpSave")}</button>
          </Form>
        ) : null}
        {attendance.visible.length ? (
          <>
            <h3>{t("events.whoIsGoing")}</h3>
            <ul className="badge-list">
              {attendance.visible.map((p) => (
                <li key={p.handle}>
                  <Link to={`/members/${p.handle}`}>{p.name}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {manages && attendees ? (
        <section aria-labelledby="attendees">
          <h2 id="attendees">{t("events.attendees")}</h2>
          <p>
            <Link to={`/events/${event.id}/edit`}>{t("events.edit")}</Link> ·{" "}
            <a href={`/events/${event.id}/attendees.csv`}>{t("events.exportCsv")}</a>
          </p>
          <p className="muted small">{t("events.checkInHint")}</p>
          <ul className="attendee-list">
            {attendees.map((a) => (
              <li key={a.userId}>
                <span>
                  <Link to={`/members/${a.handle}`}>{a.name}</Link>{" "}
                  <span className="muted small">{t(`events.status.${a.status}`)}</span>
                  {a.note ? <span className="attendee-note"> — {a.note}</span> : null}
                  {a.checkedInAt ? <span className="small"> {t("events.attended")}</span> : null}
                </span>
                {canCheckIn && (a.status === "going" || a.checkedInAt) ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="checkin" />
                    <input type="hidden" name="userId" value={a.userId} />
                    <input type="hidden" name="attended" value={a.checkedInAt ? "0" : "1"} />
                    <button type="submit" className={a.checkedInAt ? "secondary small-button" : "small-button"}>
                      {a.checkedInAt ? t("events.markAbsent") : t("events.markAttended")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {!cancelled ? (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <p className="muted small">{t("events.cancelConfirm")}</p>
              <button type="submit" className="secondary">
                {t("events.cancel")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
