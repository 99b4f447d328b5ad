/**
 * The language of what a member wrote, so pages can mark it (WCAG 3.1.2, language of parts): a Dutch
 * question on an English page gets lang="nl". See docs/content-language.md for the choices below.
 */
import { francAll } from "franc-min";
import type { Locale } from "~db/enums";

const FRANC_TO_LOCALE = { nld: "nl", eng: "en" } as const;

/** Below this many letters of prose, trigram statistics guess ("Goed punt!" reads as English). */
export const MIN_DETECT_LENGTH = 20;
/**
 * How clearly the winner must win. franc scales its scores by the text's length, so the gap between
 * the two languages times the length is a length-independent margin; below 10 the text reads about
 * equally as either (a line of product names: "Streaming pipelines with Kafka" scores 4).
 */
const MIN_MARGIN = 10;
const FRANC_MAX_LENGTH = 2048;

/** Prose only: code, links and markup say nothing about the language a person wrote in. */
function prose(markdown: string) {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`[^`]*`/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[#>*_[\]()|~-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** "nl" or "en" when the text clearly is one of them; null when it is too short or ambiguous. */
export function detectLanguage(text: string): Locale | null {
  const value = prose(text);
  if (value.length < MIN_DETECT_LENGTH) return null;
  const [best, runnerUp] = francAll(value, { only: ["nld", "eng"], minLength: MIN_DETECT_LENGTH });
  if (!best || best[0] === "und" || best[1] === 0) return null;
  if (runnerUp && (1 - runnerUp[1]) * Math.min(value.length, FRANC_MAX_LENGTH) < MIN_MARGIN) return null;
  return FRANC_TO_LOCALE[best[0] as keyof typeof FRANC_TO_LOCALE] ?? null;
}

/** A post's language: detected from its text, else the language its author uses Kring in, else unknown. */
export function postLanguage(parts: (string | undefined)[], authorLocale: Locale | null | undefined): Locale | null {
  return detectLanguage(parts.filter(Boolean).join("\n\n")) ?? authorLocale ?? null;
}
