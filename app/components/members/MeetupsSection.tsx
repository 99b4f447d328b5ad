import { Link } from "@remix-run/react";
import { formatDate, useLocale, useT } from "~/utils/i18n";

/** The meetups a member hosted (the latest five) and how many they attended. */
export function MeetupsSection({
  hosted,
  attended,
}: {
  hosted: { id: number; title: string; startsAt: string }[];
  attended: number;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="meetups">
      <h2 id="meetups">{t("events.hostedMeetups")}</h2>
      {hosted.length ? (
        <ul className="work-list">
          {hosted.map((e) => (
            <li key={e.id}>
              <Link to={`/events/${e.id}`}>{e.title}</Link>{" "}
              <span className="muted small">{formatDate(e.startsAt, locale)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("profile.noContributions")}</p>
      )}
      <p className="muted small">
        {t("events.attendedMeetups")}: {attended}
      </p>
    </section>
  );
}
