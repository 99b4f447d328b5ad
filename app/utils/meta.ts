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

/**
 * The PNG link preview (docs/media.md): absolute URL, size and type, since LinkedIn and most chat apps
 * show no SVG and some fetch the image only when its size is announced.
 */
export function ogImageMeta(url: string, alt: string): MetaDescriptor[] {
  return [
    { property: "og:image", content: url },
    { property: "og:image:type", content: "image/png" },
    { property: "og:image:width", content: "1200" },
    { property: "og:image:height", content: "630" },
    { property: "og:image:alt", content: alt },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:image", content: url },
  ];
}
