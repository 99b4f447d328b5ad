import { formatDate, useLocale, useT } from "~/utils/i18n";

export type IntroductionOutcomesData = {
  sent: number;
  contacted: number;
  pending: number;
  rate: number | null;
  replied: number;
  answered: number;
  met: number;
};

/** Whether "say hello" led to contact (docs/people-to-meet.md), for the chosen period, as of the hourly snapshot. */
export function IntroductionOutcomes({
  outcomes,
  weeks,
  computedAt,
}: {
  outcomes: IntroductionOutcomesData;
  weeks: number;
  computedAt: string;
}) {
  const t = useT();
  const locale = useLocale();
  const decided = outcomes.sent - outcomes.pending;
  return (
    <section aria-labelledby="health-introductions">
      <h2 id="health-introductions">{t("health.meet")}</h2>
      <p className="muted small">{t("health.asOf", { date: formatDate(computedAt, locale, "datetime") })}</p>
      <p>
        {t("health.meetRate", {
          sent: outcomes.sent,
          weeks,
          contacted: outcomes.contacted,
          decided,
          rate: outcomes.rate === null ? 0 : Math.round(outcomes.rate * 100),
          pending: outcomes.pending,
        })}
      </p>
      {outcomes.contacted ? (
        <p className="muted small">
          {t("health.meetBy", { replied: outcomes.replied, answered: outcomes.answered, met: outcomes.met })}
        </p>
      ) : null}
    </section>
  );
}
