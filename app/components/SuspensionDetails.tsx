import { formatDate, useLocale, useT } from "~/utils/i18n";

export type SuspensionData = { reason: string; until: string | null };

/** Why and until when a member is suspended, on the log-in page and the error page (docs/moderation.md). */
export function SuspensionDetails({ data }: { data: SuspensionData }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {data.reason ? (
        <p className="suspension-reason">{t("errorPage.suspended.reason", { reason: data.reason })}</p>
      ) : null}
      <p className="suspension-until">
        {data.until
          ? t("errorPage.suspended.until", { date: formatDate(data.until, locale, "datetime") })
          : t("errorPage.suspended.indefinite")}
      </p>
    </>
  );
}
