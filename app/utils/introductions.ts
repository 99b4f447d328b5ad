/** People you should meet (docs/people-to-meet.md): what browser and server code share. */
import { z } from "zod";
import type { Translate } from "./i18n";

/** Suggestions kept per member. */
export const MATCHES_PER_MEMBER = 5;
/** One "say hello" per pair (either way round counts as a reply) per this many days. */
export const INTRODUCTION_GAP_DAYS = 30;
/** An introduction led to contact when the two met or answered each other within this many days. */
export const CONTACT_WINDOW_DAYS = 30;

/**
 * Why two members should meet, from the viewpoint of the member who sees the suggestion ("you"); each reason
 * carries the data it came from.
 * - `know`: both know these tags (chose them as expertise or earned standing in them);
 * - `follow`: both follow or work in these tags, without both knowing them;
 * - `answeredYou` / `youAnswered`: answers to the other's questions (distinct questions);
 * - `meetup`: both going to this upcoming meetup;
 * - `expertFor`: you are a customer and they, an employee, know the tags of your questions;
 * - `asksAbout`: you are an employee and they, a customer, ask questions in tags you know.
 */
export type MatchReason =
  | { code: "know" | "follow" | "expertFor" | "asksAbout"; tags: string[] }
  | { code: "answeredYou" | "youAnswered"; count: number }
  | { code: "meetup"; eventId: number; title: string; startsAt: number };

/** The form on a suggestion: `intent=hello`, `userId` of the member to greet. */
export const HelloSchema = z.object({ intent: z.literal("hello"), userId: z.coerce.number().int().positive() });

/** "postgres, kubernetes and sql" in the reader's language. */
export function joinList(t: Translate, items: string[]) {
  if (items.length < 2) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")}${t("meet.and")}${items[items.length - 1]}`;
}

/** One reason in plain words. */
export function reasonText(t: Translate, reason: MatchReason) {
  switch (reason.code) {
    case "know":
    case "follow":
    case "expertFor":
    case "asksAbout":
      return t(`meet.reason.${reason.code}`, { tags: joinList(t, reason.tags), count: reason.tags.length });
    case "answeredYou":
    case "youAnswered":
      return t(`meet.reason.${reason.code}`, { count: reason.count });
    case "meetup":
      return t("meet.reason.meetup", { title: reason.title });
  }
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** The reasons stored in `member_matches.reasons`. */
export function parseReasons(json: string): MatchReason[] {
  const value = parseJson(json);
  return Array.isArray(value) ? (value as MatchReason[]) : [];
}

/** The one reason stored as an `introduction` notification's title ("X says hello. You both know …"). */
export function parseReason(json: string): MatchReason | null {
  const value = parseJson(json);
  return value && typeof value === "object" && "code" in value ? (value as MatchReason) : null;
}
