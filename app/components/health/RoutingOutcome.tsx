import { Link } from "@remix-run/react";
import type { RoutingOutcome as Outcome } from "~/models/routing-outcome.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";

/**
 * /health: how question routing performed in the chosen period (docs/routing.md, "Outcome"), as of the
 * hourly snapshot (`computedAt`).
 */
export function RoutingOutcome({ outcome, computedAt }: { outcome: Outcome; computedAt: string }) {
  const t = useT();
  const locale = useLocale();
  // "2,5 u" in Dutch, "2.5 h" in English: one decimal under ten hours.
  const hours = (h: number | null) =>
    h === null
      ? t("duration.none")
      : t("duration.hours", {
          hours: new Intl.NumberFormat(locale, { maximumFractionDigits: h < 10 ? 1 : 0 }).format(h),
        });
  return (
    <section aria-labelledby="routing">
      <h2 id="routing">{t("health.routing")}</h2>
      <p className="muted small">{t("health.asOf", { date: formatDate(computedAt, locale, "datetime") })}</p>
      {outcome.routed ? (
        <>
          <p>
            {t("health.routingShare", {
              routed: outcome.routed,
              within: outcome.decided ? Math.round((100 * outcome.within) / outcome.decided) : 0,
              target: outcome.targetHours,
            })}{" "}
            {t("health.routingMedian", {
              routed: hours(outcome.medianHours.routed),
              unrouted: hours(outcome.medianHours.unrouted),
            })}{" "}
            {t("health.routingExperts", { asked: outcome.expertsAsked, answered: outcome.expertsAnswered })}
          </p>
          {outcome.overloaded.length ? (
            <>
              <h3>{t("health.routingOverloaded")}</h3>
              <ul className="plain-list">
                {outcome.overloaded.map((e) => (
                  <li key={e.handle}>
                    <Link to={`/members/${e.handle}`}>{e.name}</Link>:{" "}
                    {t("health.routingOverloadedRow", { asked: e.asked, answered: e.answered })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <p className="muted">{t("health.routingNone")}</p>
      )}
    </section>
  );
}
