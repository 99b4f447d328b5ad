import { parse, serialize } from "cookie";
import { THEMES, type Locale, type Theme } from "~db/schema";
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage } from "./i18n";

const LOCALE_COOKIE = "kring_locale";
const THEME_COOKIE = "kring_theme";
const ONE_YEAR = 365 * 24 * 60 * 60;

const isTheme = (value: unknown): value is Theme =>
  typeof value === "string" && (THEMES as readonly string[]).includes(value);

/** Locale: the member's setting, else the cookie, else Accept-Language. */
export function resolveLocale(request: Pick<Request, "headers">, user?: { locale: Locale | null } | null): Locale {
  if (user?.locale) return user.locale;
  const fromCookie = parse(request.headers.get("Cookie") ?? "")[LOCALE_COOKIE];
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}

/** Theme: the member's choice, else the cookie, else the system's (prefers-color-scheme). */
export function resolveTheme(request: Pick<Request, "headers">, user?: { theme: Theme } | null): Theme {
  if (user && user.theme !== "system") return user.theme;
  const fromCookie = parse(request.headers.get("Cookie") ?? "")[THEME_COOKIE];
  return isTheme(fromCookie) ? fromCookie : "system";
}

export function localeCookie(locale: Locale) {
  return serialize(LOCALE_COOKIE, locale, { path: "/", maxAge: ONE_YEAR, sameSite: "lax" });
}

export function themeCookie(theme: Theme) {
  return serialize(THEME_COOKIE, theme, { path: "/", maxAge: ONE_YEAR, sameSite: "lax" });
}
