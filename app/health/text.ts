/** How /health and its CSV exports word the report's numbers and causes (browser and server). */
import type { Translate } from "~/utils/i18n";
import type { Cause } from "./causes";
import type { SuggestedAction } from "./todo";

/** A change as a signed whole percentage: 0.25 → "+25", -0.5 → "-50". */
export const pct = (change: number) => `${change > 0 ? "+" : ""}${Math.round(change * 100)}`;

export function causeText(t: Translate, cause: Cause) {
  return t(`health.cause.${cause.kind}`, { count: cause.count ?? 0 });
}

/** Where a suggestion's meetup or question is. */
export const suggestionUrl = (s: SuggestedAction) =>
  s.target ? (s.kind === "invite" ? `/events/${s.target.id}` : `/questions/${s.target.id}`) : null;

/** A suggested action in words, for the CSV (the page links the meetup's or question's title). */
export function suggestionText(t: Translate, s: SuggestedAction, name: string) {
  const text = t(`health.suggest.${s.kind}`, { name: name.split(" ")[0] });
  return s.target ? `${text} ${s.target.title}` : text;
}
