import { useRouteLoaderData } from "@remix-run/react";
import { en, type MessageKey } from "~/locales/en";
import { nl } from "~/locales/nl";
import type { Locale } from "~db/schema";

export const LOCALES = ["en", "nl"] as const satisfies readonly Locale[];
export const DEFAULT_LOCALE: Locale = "en";
export const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, nl };
export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The one translation function: `{name}` placeholders are replaced by vars. */
export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => {
    const text = dict[key] ?? en[key] ?? key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
  };
}

/** Picks the best supported language from an Accept-Language header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.lang).find(isLocale);
}

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

export function useT(): Translate {
  return translator(useLocale());
}

// Creating an Intl.DateTimeFormat costs far more than using one: keep one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The one date formatter; times are shown in the community's zone unless another is given (a meetup's). */
export function formatDate(value: Date | number | string, locale: Locale, style: "date" | "datetime" | "time" = "date", timeZone = "Europe/Amsterdam") {
  const date = value instanceof Date ? value : new Date(value);
  const key = `${locale}|${style}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
      ...(style === "time" ? { timeStyle: "short" } : { dateStyle: "medium" }),
      ...(style === "datetime" ? { timeStyle: "short" } : {}),
      timeZone,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}
