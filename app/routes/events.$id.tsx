import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { HostPanel } from "~/components/events/HostPanel";
import { FollowButton } from "~/components/FollowButton";
import { RsvpPanel } from "~/components/events/RsvpPanel";
import { PostBody, TagList } from "~/components/Post";
import { cancelEvent, getEvent } from "~/models/event.server";
import { viewerFollows } from "~/models/follow.server";
import {
  attendeeList,
  checkInOpen,
  myRsvp,
  publicAttendance,
  rsvp,
  rsvpClosedReason,
  setAttendance,
} from "~/models/rsvp.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { followIntent } from "~/utils/follow.server";
import { badRequest, formOk, isDocumentRequest, parseForm } from "~/utils/forms.server";
import { formatDate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";
import { canFollow, canManageEvent } from "~/utils/permissions";
import { RsvpSchema } from "~/utils/event-schema";
import contentStyles from "~/styles/content.css";
import { forbidden, notFound, parseId } from "~/utils/http.server";

const EventActionSchema = z.discriminatedUnion("intent", [
  RsvpSchema,
  z.object({ intent: z.literal("checkin"), userId: z.coerce.number().int().positive(), attended: z.enum(["1", "0"]) }),
  z.object({ intent: z.literal("cancel") }),
]);

async function load(request: Request, idParam: string | undefined) {
  const id = parseId(idParam);
  const event = getEvent(id);
  if (!event) throw notFound();
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
    follow: canFollow(user) ? { following: viewerFollows(user?.id, "event", event.id) } : null,
    manages,
    attendees: manages ? attendeeList(event.id) : null,
    checkInOpen: manages && checkInOpen(event),
    rsvpOpen: !rsvpClosedReason(event),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { event, manages } = await load(request, params.id);
  const formData = await request.formData();
  if (formData.get("intent") === "follow")
    return followIntent({ user, formData, kind: "event", targetId: event.id, back: `/events/${event.id}` });
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
  if (!manages) throw forbidden();
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
    follow,
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
      {follow ? <FollowButton kind="event" name={event.title} following={follow.following} /> : null}
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

      <RsvpPanel
        eventId={event.id}
        capacity={event.capacity}
        attendance={attendance}
        mine={mine}
        signedIn={signedIn}
        rsvpOpen={rsvpOpen}
        formError={formError}
      />
      {manages && attendees ? (
        <HostPanel eventId={event.id} attendees={attendees} canCheckIn={canCheckIn} cancelled={cancelled} />
      ) : null}
    </article>
  );
}
