import { chartNumber, yScale } from "~/health/chart";
import { FORECAST_AHEAD, type EarlyWarning as Warning, type Forecast } from "~/health/forecast";
import { useLocale, useT } from "~/utils/i18n";
import { DAY_MS } from "~/utils/time";
import { WeekChart, type ChartForecast } from "./WeekChart";

/** The Mondays after `week`, one per forecast point, with the values scaled (shares as percentages). */
function forecastWeeks(week: string, forecast: Forecast | null, scale = 1): ChartForecast[] {
  return (forecast?.points ?? []).map((p) => ({
    week: new Date(Date.parse(`${week}T12:00:00Z`) + 7 * p.ahead * DAY_MS).toISOString().slice(0, 10),
    low: p.low * scale,
    mid: p.mid * scale,
    high: p.high * scale,
  }));
}

/**
 * The early warning (docs/health.md, "Early warning"): active contributors and the share of members cooling,
 * each with a forecast band and a caption that says the band in words.
 */
export function EarlyWarning({ warning }: { warning: Warning }) {
  const t = useT();
  const locale = useLocale();
  const num = (v: number) => chartNumber(v, locale);
  const { active, cooling } = warning;
  const activeBand = forecastWeeks(active.rows[active.rows.length - 1]?.week ?? "", active.forecast);
  const activeEnd = activeBand[activeBand.length - 1];
  const coolingRows = cooling.rows.map((r) => ({ week: r.week, value: Math.round(r.value * 1000) / 10 }));
  const coolingBand = forecastWeeks(cooling.rows[cooling.rows.length - 1]?.week ?? "", cooling.forecast, 100);
  const coolingEnd = coolingBand[coolingBand.length - 1];
  const latest = cooling.rows[cooling.rows.length - 1];
  return (
    <>
      <h3>{t("health.group.earlyWarning")}</h3>
      <WeekChart
        id="chart-active-forecast"
        title={t("health.chart.activeForecast")}
        caption={
          activeEnd
            ? t("health.forecastActive", {
                now: num(active.forecast!.now),
                low: num(Math.floor(activeEnd.low)),
                high: num(Math.ceil(activeEnd.high)),
                weeks: FORECAST_AHEAD,
              })
            : t("health.forecastNone")
        }
        rows={active.rows}
        scale={yScale([...active.rows.map((r) => r.value), ...activeBand.map((f) => f.high)], { integers: true })}
        forecast={activeBand}
      />
      <WeekChart
        id="chart-cooling-share"
        title={t("health.chart.coolingShare")}
        caption={
          coolingEnd && latest
            ? t("health.forecastCooling", {
                now: num(latest.value * 100),
                cooling: latest.cooling,
                judged: latest.judged,
                low: num(coolingEnd.low),
                high: num(coolingEnd.high),
                weeks: FORECAST_AHEAD,
              })
            : t("health.forecastNone")
        }
        rows={coolingRows}
        scale={yScale([...coolingRows.map((r) => r.value), ...coolingBand.map((f) => f.high)])}
        forecast={coolingBand}
      />
      <p className="hchart-legend health-charts-note">{t("health.forecastLegend")}</p>
    </>
  );
}
