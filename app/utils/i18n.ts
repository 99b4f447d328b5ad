import { isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/locales/en";
import { LOCALES, type Locale } from "~db/enums";

export { LOCALES };
export const DEFAULT_LOCALE: Locale = "en";
export type { MessageKey };
export type Dictionary = Record<MessageKey, string>;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * Dictionaries loaded in this process. The server loads both (`i18n.server.ts`); the browser loads only the
 * page's language before it hydrates (`entry.client.tsx`), so no page ships both. docs/i18n.md
 */
const dictionaries: Partial<Record<Locale, Dictionary>> = {};

export function registerDictionary(locale: Locale, dictionary: Dictionary) {
  dictionaries[locale] = dictionary;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The one translation function. Messages use a small subset of ICU MessageFormat: `{name}` placeholders and
 * `{count, plural, =0 {…} one {# item} other {# items}}`, with the language's own plural rules.
 */
export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale] ?? dictionaries[DEFAULT_LOCALE] ?? Object.values(dictionaries)[0];
  return (key, vars) => {
    const text = dict?.[key] ?? key;
    return text.includes("{") ? formatMessage(text, vars ?? {}, locale) : text;
  };
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralCategory(locale: Locale, n: number) {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

function closingBrace(text: string, open: number) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

export function formatMessage(text: string, vars: Record<string, string | number>, locale: Locale): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    const close = open < 0 ? -1 : closingBrace(text, open);
    if (close < 0) return out + text.slice(i);
    out += text.slice(i, open) + formatArgument(text.slice(open + 1, close), vars, locale);
    i = close + 1;
  }
  return out;
}

function formatArgument(argument: string, vars: Record<string, string | number>, locale: Locale) {
  const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(argument);
  if (!plural) return argument in vars ? String(vars[argument]) : `{${argument}}`;
  const [, name, branchText] = plural;
  const n = Number(vars[name]);
  const branches = new Map<string, string>();
  for (let i = 0; i < branchText.length;) {
    const open = branchText.indexOf("{", i);
    const close = open < 0 ? -1 : closingBrace(branchText, open);
    if (close < 0) break;
    branches.set(branchText.slice(i, open).trim(), branchText.slice(open + 1, close));
    i = close + 1;
  }
  const branch = branches.get(`=${n}`) ?? branches.get(pluralCategory(locale, n)) ?? branches.get("other") ?? "";
  return formatMessage(branch.replace(/#/g, String(vars[name])), vars, locale);
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

/** The language an error response names: a suspended member's 403 does (app/utils/auth.server.ts), as the root loader has no data then. */
export function localeOfError(error: unknown): Locale | undefined {
  const locale = isRouteErrorResponse(error) ? (error.data as { locale?: unknown } | null)?.locale : undefined;
  return isLocale(locale) ? locale : undefined;
}

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return localeOfError(useRouteError()) ?? data?.locale ?? DEFAULT_LOCALE;
}

export function useT(): Translate {
  return translator(useLocale());
}

// Creating an Intl.DateTimeFormat costs far more than using one: keep one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The one date formatter; times are shown in the community's zone unless another is given (a meetup's). */
export function formatDate(
  value: Date | number | string,
  locale: Locale,
  style: "date" | "datetime" | "time" = "date",
  timeZone = "Europe/Amsterdam",
) {
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
