import { Form } from "@remix-run/react";
import { formatDate, useLocale, useT } from "~/utils/i18n";

/**
 * The personal calendar feed on /settings: make, renew or turn off its secret address. `newUrl` is the
 * address just made, shown this once (only its hash is stored).
 */
export function CalendarSection({
  calendar,
  newUrl,
  turnedOff,
}: {
  calendar: { createdAt: string | null } | null;
  newUrl?: string;
  turnedOff: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h2 id="calendar">{t("settings.calendar")}</h2>
      <p className="muted">{t("settings.calendarHelp")}</p>
      {newUrl ? (
        <div className="notice" role="status">
          <p>{t("settings.calendarShownOnce")}</p>
          <p>
            <code className="calendar-url">{newUrl}</code>
          </p>
        </div>
      ) : turnedOff ? (
        <p className="notice" role="status">
          {t("settings.calendarTurnedOff")}
        </p>
      ) : calendar ? (
        <p>
          {calendar.createdAt
            ? t("settings.calendarSince", { date: formatDate(calendar.createdAt, locale) })
            : t("settings.calendarExists")}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="calendar" />
        <button type="submit" className="secondary">
          {calendar ? t("settings.calendarReset") : t("settings.calendarCreate")}
        </button>
      </Form>
      {calendar ? (
        <Form method="post">
          <input type="hidden" name="intent" value="calendar-off" />
          <button type="submit" className="secondary">
            {t("settings.calendarOff")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
