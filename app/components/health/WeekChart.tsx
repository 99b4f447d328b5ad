/**
 * A weekly bar chart for /health, rendered on the server as SVG (docs/health.md, "Charts").
 * Positions are percentages of the chart's width and pixels of its fixed height, with no viewBox: the
 * chart stretches to any width (a 390 px phone included) while its text keeps its real font size.
 * Without JavaScript each bar's value is in its <title> (hover) and in the table below the chart; with
 * JavaScript the bars are one keyboard stop (arrow keys move between weeks) and the value is printed.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { chartNumber, labelledWeeks, weekDate, weekLabel, type Scale } from "~/health/chart";
import { useLocale, useT } from "~/utils/i18n";

export type ChartLine = { value: number; label: string; kind: "peak" | "threshold" };
/** A forecast week after the bars: its band (shaded) and the trend through it. */
export type ChartForecast = { week: string; low: number; mid: number; high: number };

const PLOT_HEIGHT = 150;
const AXIS_HEIGHT = 22;
const TOP = 8;

export function WeekChart({
  id,
  title,
  caption,
  rows,
  scale,
  lines = [],
  overlay,
  overlayLabel,
  forecast = [],
}: {
  id: string;
  title: string;
  caption: ReactNode;
  rows: { week: string; value: number | null }[];
  scale: Scale;
  lines?: ChartLine[];
  /** A second series drawn as a line over the bars (the 4-week moving average). */
  overlay?: (number | null)[];
  overlayLabel?: string;
  /** Weeks after the bars drawn as a forecast band (docs/health.md, "Early warning"). */
  forecast?: ChartForecast[];
}) {
  const t = useT();
  const locale = useLocale();
  const [active, setActive] = useState<number | null>(null);
  const [hydrated, setHydrated] = useState(false);
  const bars = useRef<(SVGRectElement | null)[]>([]);
  useEffect(() => setHydrated(true), []);
  const n = Math.max(1, rows.length + forecast.length);
  // Rounded: 234 bars' coordinates at full float precision are a fifth of the page.
  const y = (v: number) =>
    Math.round((TOP + ((scale.max - v) / (scale.max - scale.min || 1)) * (PLOT_HEIGHT - TOP)) * 10) / 10;
  const percent = (v: number) => `${Math.round(v * 10000) / 100}%`;
  const x = (i: number) => percent((i + 0.5) / n);
  const zero = y(0);
  const describe = (row: { week: string; value: number | null }) =>
    t("health.chartValue", {
      week: weekDate(row.week, locale),
      value: row.value === null ? "–" : chartNumber(row.value, locale),
    });
  const focusBar = (i: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, i));
    setActive(next);
    bars.current[next]?.focus();
  };
  // With JavaScript one bar is the chart's keyboard stop (the hovered or last one): a roving tabindex.
  const stop = active ?? rows.length - 1;
  const shown = active === null ? null : rows[active];
  const labelled = labelledWeeks(rows.length);
  const describeForecast = (f: ChartForecast) =>
    t("health.forecastValue", {
      week: weekDate(f.week, locale),
      low: chartNumber(f.low, locale),
      high: chartNumber(f.high, locale),
    });
  return (
    <figure className="hchart">
      <figcaption>
        <span id={`${id}-title`} className="hchart-title">
          {title}
        </span>{" "}
        <span className="hchart-caption">{caption}</span>
      </figcaption>
      <div className="hchart-body">
        <svg className="hchart-y" height={PLOT_HEIGHT + AXIS_HEIGHT} aria-hidden="true">
          {scale.ticks.map((tick) => (
            <text key={tick} x="100%" dx="-6" y={y(tick)} dy="0.35em">
              {chartNumber(tick, locale)}
            </text>
          ))}
        </svg>
        <svg
          className="hchart-plot"
          width="100%"
          height={PLOT_HEIGHT + AXIS_HEIGHT}
          role="group"
          aria-label={title}
          onMouseLeave={() => setActive(null)}
        >
          {scale.ticks.map((tick) => (
            <line
              key={tick}
              x1="0"
              x2="100%"
              y1={y(tick)}
              y2={y(tick)}
              className={tick === 0 ? "hchart-zero" : "hchart-grid"}
            />
          ))}
          <g className="hchart-bars">
            {rows.map((row, i) => {
              const value = row.value ?? 0;
              const top = Math.min(y(value), zero);
              const state = [value < 0 ? "negative" : "", active === i ? "active" : ""].join(" ").trim();
              return (
                <rect
                  key={row.week}
                  ref={(el) => {
                    bars.current[i] = el;
                  }}
                  x={percent((i + 0.15) / n)}
                  width={percent(0.7 / n)}
                  y={top}
                  // A zero week still gets a sliver to hover and focus.
                  height={Math.max(1, Math.round(Math.abs(y(value) - zero) * 10) / 10)}
                  className={state || undefined}
                  tabIndex={hydrated ? (i === stop ? 0 : -1) : undefined}
                  onMouseEnter={() => setActive(i)}
                  onFocus={() => setActive(i)}
                  onKeyDown={(e) => {
                    const moves: Record<string, number> = {
                      ArrowLeft: i - 1,
                      ArrowRight: i + 1,
                      Home: 0,
                      End: rows.length - 1,
                    };
                    if (e.key in moves) {
                      e.preventDefault();
                      focusBar(moves[e.key]);
                    }
                  }}
                >
                  <title>{describe(row)}</title>
                </rect>
              );
            })}
          </g>
          {overlay
            ? overlay.map((v, i) => {
                const prev = overlay[i - 1];
                if (i === 0 || v === null || prev === null || prev === undefined) return null;
                return <line key={i} x1={x(i - 1)} x2={x(i)} y1={y(prev)} y2={y(v)} className="hchart-overlay" />;
              })
            : null}
          {forecast.map((f, j) => (
            <rect
              key={f.week}
              x={percent((rows.length + j) / n)}
              width={percent(1 / n)}
              y={y(f.high)}
              height={Math.max(1, Math.round((y(f.low) - y(f.high)) * 10) / 10)}
              className="hchart-band"
            >
              <title>{describeForecast(f)}</title>
            </rect>
          ))}
          {forecast.map((f, j) =>
            j === 0 ? null : (
              <line
                key={f.week}
                x1={x(rows.length + j - 1)}
                x2={x(rows.length + j)}
                y1={y(forecast[j - 1].mid)}
                y2={y(f.mid)}
                className="hchart-trend"
              />
            ),
          )}
          {lines.map((line) => (
            <g key={line.kind} className={`hchart-line ${line.kind}`}>
              <line x1="0" x2="100%" y1={y(line.value)} y2={y(line.value)} />
              <text x="4" y={y(line.value)} dy="-4">
                {line.label}
              </text>
            </g>
          ))}
          <g className="hchart-weeks" transform={`translate(0 ${PLOT_HEIGHT + 16})`} aria-hidden="true">
            {labelled.map((i) => (
              <text key={i} x={x(i)}>
                {weekLabel(rows[i].week, locale)}
              </text>
            ))}
          </g>
        </svg>
      </div>
      {/* Filled in by hover or focus once JavaScript runs; empty in the server HTML (the table has the values). */}
      <p className="hchart-readout" aria-live="polite">
        {shown ? describe(shown) : null}
      </p>
      {overlayLabel ? <p className="hchart-legend">{overlayLabel}</p> : null}
      <details className="hchart-table">
        <summary>{t("health.chartTable")}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("health.week")}</th>
              <th scope="col">{t("health.value")}</th>
              {overlay ? <th scope="col">{t("health.movingAverage")}</th> : null}
              {forecast.length ? <th scope="col">{t("health.forecastColumn")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.week}>
                <td>{weekDate(row.week, locale)}</td>
                <td>{row.value === null ? "–" : chartNumber(row.value, locale)}</td>
                {overlay ? <td>{overlay[i] === null ? "–" : chartNumber(overlay[i]!, locale)}</td> : null}
                {forecast.length ? <td>–</td> : null}
              </tr>
            ))}
            {forecast.map((f) => (
              <tr key={f.week}>
                <td>{weekDate(f.week, locale)}</td>
                <td>–</td>
                {overlay ? <td>–</td> : null}
                <td>
                  {chartNumber(f.low, locale)}–{chartNumber(f.high, locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
