import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import type { attendeeList } from "~/models/rsvp.server";
import { useT } from "~/utils/i18n";

/** For the meetup's hosts and leads: everyone who answered, check-in, and links to edit, export and cancel. */
export function HostPanel({
  eventId,
  attendees,
  canCheckIn,
  cancelled,
}: {
  eventId: number;
  attendees: SerializeFrom<typeof attendeeList>;
  canCheckIn: boolean;
  cancelled: boolean;
}) {
  const t = useT();
  return (
    <section aria-labelledby="attendees">
      <h2 id="attendees">{t("events.attendees")}</h2>
      <p>
        <Link to={`/events/${eventId}/edit`}>{t("events.edit")}</Link> ·{" "}
        <a href={`/events/${eventId}/attendees.csv`}>{t("events.exportCsv")}</a>
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
  );
}
