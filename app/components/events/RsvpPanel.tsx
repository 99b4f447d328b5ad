import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { FormError, TextAreaField } from "~/components/Field";
import type { myRsvp, publicAttendance } from "~/models/rsvp.server";
import { useT, type MessageKey } from "~/utils/i18n";

/** The meetup's answers for everyone: counts and seats, the member's own answer and its form, who is going. */
export function RsvpPanel({
  eventId,
  capacity,
  attendance,
  mine,
  signedIn,
  rsvpOpen,
  formError,
}: {
  eventId: number;
  capacity: number | null;
  attendance: SerializeFrom<typeof publicAttendance>;
  mine: SerializeFrom<typeof myRsvp>;
  signedIn: boolean;
  rsvpOpen: boolean;
  formError?: MessageKey;
}) {
  const t = useT();
  const seatsLeft = capacity === null ? null : Math.max(0, capacity - attendance.going);
  return (
    <section aria-labelledby="rsvp" className="card">
      <h2 id="rsvp">{t("events.yourRsvp")}</h2>
      <p className="muted small">
        {t("events.countsLine", { going: attendance.going, waitlist: attendance.waitlist, maybe: attendance.maybe })} ·{" "}
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
          <Link to={`/login?redirectTo=/events/${eventId}`}>{t("events.signInToRsvp")}</Link>
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
  );
}
