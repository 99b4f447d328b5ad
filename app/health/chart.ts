/**
 * Pure helpers for the /health charts (shared by the server render and the browser): a y-scale with
 * round tick values, and which weeks get a label so labels never overlap on a phone.
 */
import { formatDate } from "~/utils/i18n";
import type { Locale } from "~db/enums";

/** A round step (1, 2, 2.5 or 5 times a power of ten) that splits `span` into at most `count` intervals. */
function niceStep(span: number, count: number) {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw - 1e-9) ?? 10 * power;
  return step;
}

export type Scale = { min: number; max: number; ticks: number[] };

/**
 * The y-scale of a chart whose values span [min, max] (0 always included): round bounds and up to
 * `count` intervals between ticks. Integer data never gets fractional ticks.
 */
export function yScale(
  values: (number | null)[],
  { count = 5, integers = false }: { count?: number; integers?: boolean } = {},
): Scale {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  if (hi === lo) return { min: 0, max: 1, ticks: [0, 1] };
  let step = niceStep(hi - lo, count);
  if (integers) step = Math.max(1, Math.ceil(step));
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision: 0.1 + 0.2 must print as 0.3.
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { min, max, ticks };
}

/** Indices of the weeks that get a label: every `every`-th week counted back from the latest, which is always labelled. */
export function labelledWeeks(count: number, every = 4) {
  const indices: number[] = [];
  for (let i = count - 1; i >= 0; i -= every) indices.unshift(i);
  return indices;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A value as a chart prints it: at most one decimal (one formatter per locale: making one costs more than a chart). */
export function chartNumber(value: number, locale: string) {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: 1 });
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

const weekDates = new Map<string, string>();
/**
 * A week's Monday (YYYY-MM-DD) as a date in the text: "1 Jun 2026". Remembered per locale and week: a page
 * of charts names each week in every chart, twice (about 600 dates, a few dozen distinct).
 */
export function weekDate(week: string, locale: Locale) {
  const key = `${locale}|${week}`;
  let text = weekDates.get(key);
  if (text === undefined) weekDates.set(key, (text = formatDate(`${week}T12:00:00Z`, locale)));
  return text;
}

const weekFormats = new Map<string, Intl.DateTimeFormat>();
/** A week's Monday (YYYY-MM-DD) as a short axis label: "1 Jun" / "1 jun". */
export function weekLabel(week: string, locale: string) {
  let format = weekFormats.get(locale);
  if (!format)
    weekFormats.set(
      locale,
      (format = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
        day: "numeric",
        month: "short",
        timeZone: "UTC",
      })),
    );
  return format.format(new Date(`${week}T12:00:00Z`));
}
