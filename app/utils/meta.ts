import type { MetaDescriptor } from "@remix-run/node";
import type { Locale } from "~db/enums";
import { DEFAULT_LOCALE, translator, type MessageKey } from "./i18n";

type Match = { id: string; data: unknown };

/**
 * `<title>` in the visitor's language, read from the root loader's locale, and the one
 * `<meta name="description">`: the page's own (an article's summary, a member's headline) or else the
 * site's. It lives here rather than in the root layout so a page never has two (docs/html.md).
 */
export function pageTitle(
  matches: Match[],
  key: MessageKey | null,
  vars?: Record<string, string | number>,
  literal?: string,
  description?: string,
): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  const t = translator(root?.locale ?? DEFAULT_LOCALE);
  const name = t("app.name");
  const text = literal ?? (key ? t(key, vars) : "");
  return [
    { title: text ? `${text} · ${name}` : name },
    { name: "description", content: description || t("meta.description") },
  ];
}
