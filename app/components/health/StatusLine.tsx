import { chartNumber } from "~/health/chart";
import { useLocale, useT } from "~/utils/i18n";

type Decline = { declining: boolean; movingAverage: number; drop: number; peak: number };

/** The community's status and why: the decline in numbers, or how many things need a lead's attention. */
export function StatusLine({
  status,
  decline: weighted,
  activeDecline,
  flags,
}: {
  status: string;
  decline: Decline;
  activeDecline: Decline;
  flags: number;
}) {
  const t = useT();
  const locale = useLocale();
  const decline = weighted.declining ? weighted : activeDecline;
  const reason =
    status === "declining"
      ? t(weighted.declining ? "health.reason.declining" : "health.reason.decliningActive", {
          now: chartNumber(decline.movingAverage, locale),
          drop: Math.round(decline.drop * 100),
          peak: chartNumber(decline.peak, locale),
        })
      : status === "watch"
        ? t("health.reason.watch", { count: flags })
        : t("health.reason.healthy");
  return (
    <p className={`health-status ${status}`} role="status">
      <strong>{t(`health.status.${status as "healthy" | "watch" | "declining"}`)}</strong> — {reason}
    </p>
  );
}
