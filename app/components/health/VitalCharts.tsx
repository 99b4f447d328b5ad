import { chartNumber, yScale, type Scale } from "~/health/chart";
import type { EarlyWarning as Warning } from "~/health/forecast";
import { movingAverage } from "~/health/rules";
import { pct } from "~/health/text";
import { CHART_WEEKS, vitalChange, type Vital, type VitalWeek } from "~/health/vitals";
import { formatDate, useLocale, useT, type Translate } from "~/utils/i18n";
import { DAY_MS } from "~/utils/time";
import type { Locale } from "~db/enums";
import { EarlyWarning } from "./EarlyWarning";
import { WeekChart } from "./WeekChart";

/** "1 Jun 2026 – 30 Nov 2026": the weeks from `first` to the Sunday ending `last`. */
function weekRange(locale: Locale, first: string, last: string) {
  return `${formatDate(`${first}T12:00:00Z`, locale)} – ${formatDate(Date.parse(`${last}T12:00:00Z`) + 6 * DAY_MS, locale)}`;
}

/** The chosen period's change against the period before, both labelled with their dates. */
function periodCaption(t: Translate, locale: Locale, vitals: VitalWeek[], vital: Vital, period: number) {
  const change = vitalChange(vitals, vital, period);
  if (change === null || vitals.length < 2 * period) return t("health.changeNone");
  const recent = vitals.slice(-period);
  const before = vitals.slice(-2 * period, -period);
  return t("health.changeDated", {
    change: pct(change),
    recent: weekRange(locale, recent[0].week, recent[recent.length - 1].week),
    before: weekRange(locale, before[0].week, before[before.length - 1].week),
  });
}

type Decline = { movingAverage: number; peak: number; drop: number; declining: boolean };

/**
 * A chart the community-decline rule judges: the bars, their 4-week moving average, the peak and the
 * alert line 30% below it, and a caption with the same numbers the status uses (not a period mean,
 * which can rise while the recent weeks fall).
 */
function DeclineChart({
  vital,
  title,
  vitals,
  decline,
  scale: shared,
}: {
  vital: "weighted" | "active";
  title: string;
  vitals: VitalWeek[];
  decline: Decline;
  scale?: Scale;
}) {
  const t = useT();
  const locale = useLocale();
  const rows = vitals.slice(-CHART_WEEKS).map((v) => ({ week: v.week, value: v[vital] }));
  const average = movingAverage(vitals.map((v) => v[vital]))
    .slice(-CHART_WEEKS)
    .map((x) => (Number.isNaN(x) ? null : Math.round(x * 10) / 10));
  const threshold = decline.peak * 0.7;
  const scale = shared ?? yScale([...rows.map((r) => r.value), decline.peak]);
  const numbers = {
    now: chartNumber(decline.movingAverage, locale),
    peak: chartNumber(decline.peak, locale),
    drop: Math.abs(Math.round(decline.drop * 100)),
  };
  return (
    <WeekChart
      id={`chart-${vital}`}
      title={title}
      caption={t(decline.drop >= 0 ? "health.declineCaption" : "health.declineCaptionAbove", numbers)}
      rows={rows}
      scale={scale}
      overlay={average}
      overlayLabel={t("health.chartLegend")}
      lines={
        decline.peak > 0
          ? [
              {
                kind: "peak",
                value: decline.peak,
                label: t("health.peakLine", { value: chartNumber(decline.peak, locale) }),
              },
              {
                kind: "threshold",
                value: threshold,
                label: t("health.thresholdLine", { value: chartNumber(threshold, locale) }),
              },
            ]
          : []
      }
    />
  );
}

/** The vital signs as small multiples; charts of the same unit that a lead compares share their y-scale. */
export function VitalCharts({
  vitals,
  decline,
  activeDecline,
  period,
  warning,
  unknown = [],
}: {
  vitals: VitalWeek[];
  decline: Decline;
  activeDecline: Decline;
  period: number;
  warning: Warning;
  /** Vital signs the view has no data for (a tag's readers and visits): not drawn. */
  unknown?: Vital[];
}) {
  const t = useT();
  const locale = useLocale();
  const shown = vitals.slice(-CHART_WEEKS);
  const chart = (vital: Vital, scale?: Scale) => {
    const rows = shown.map((v) => ({ week: v.week, value: v[vital] }));
    const integers = ["unanswered48h", "attendance"].includes(vital);
    return (
      <WeekChart
        key={vital}
        id={`chart-${vital}`}
        title={t(`health.chart.${vital}`)}
        caption={periodCaption(t, locale, vitals, vital, period)}
        rows={rows}
        scale={
          scale ??
          yScale(
            rows.map((r) => r.value),
            { integers },
          )
        }
      />
    );
  };
  // Active, new and returning contributors are all counts of people (active = new + returning): one scale.
  const people = yScale([...shown.flatMap((v) => [v.active, v.newContributors, v.returning]), activeDecline.peak], {
    integers: true,
  });
  return (
    <div className="health-charts">
      <h3>{t("health.group.contributions")}</h3>
      <DeclineChart vital="weighted" title={t("health.chart.weighted")} vitals={vitals} decline={decline} />
      <DeclineChart
        vital="active"
        title={t("health.chart.active")}
        vitals={vitals}
        decline={activeDecline}
        scale={people}
      />
      <EarlyWarning warning={warning} />
      <h3>{t("health.group.newReturning")}</h3>
      {chart("newContributors", people)}
      {chart("returning", people)}
      {unknown.includes("readersPerProducer") && unknown.includes("dauMau") ? null : (
        <h3>{t("health.group.readers")}</h3>
      )}
      {unknown.includes("readersPerProducer") ? null : chart("readersPerProducer")}
      {unknown.includes("dauMau") ? null : chart("dauMau")}
      <h3>{t("health.group.questions")}</h3>
      {chart("unanswered48h")}
      {chart("firstAnswerHours")}
      <h3>{t("health.group.meetups")}</h3>
      {chart("attendance")}
    </div>
  );
}
