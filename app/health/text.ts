/** How /health and its CSV exports word the report's numbers and causes (browser and server). */
import type { Translate } from "~/utils/i18n";
import type { Cause } from "./causes";
import type { SuggestedAction } from "./todo";
import type { WhoIsGoing } from "./tag-trend";

/** A change as a signed whole percentage: 0.25 → "+25", -0.5 → "-50". */
export const pct = (change: number) => `${change > 0 ? "+" : ""}${Math.round(change * 100)}`;

export function causeText(t: Translate, cause: Cause) {
  return t(`health.cause.${cause.kind}`, { count: cause.count ?? 0, of: cause.of ?? 0, before: cause.before ?? 0 });
}

/** Which side of a declining tag or organisation is going: its askers, its answerers, both, or neither. */
export function going(people: WhoIsGoing) {
  const { askers, answerers } = people;
  return askers.going && answerers.going ? "both" : askers.going ? "askers" : answerers.going ? "answerers" : null;
}

/** "Askers per 4 weeks: 3 before, 0 now; answerers: 4 before, 3 now: askers going" (empty without any). */
export function peopleText(t: Translate, people: WhoIsGoing) {
  const { askers, answerers } = people;
  if (!askers.before && !askers.recent && !answerers.before && !answerers.recent) return "";
  const side = going(people);
  const numbers = t("health.cause.people", {
    askersBefore: askers.before,
    askersRecent: askers.recent,
    answerersBefore: answerers.before,
    answerersRecent: answerers.recent,
  });
  return side ? `${numbers}: ${t(`health.going.${side}`)}` : numbers;
}

/** Where a suggestion's meetup or question is. */
export const suggestionUrl = (s: SuggestedAction) =>
  s.target ? (s.kind === "invite" ? `/events/${s.target.id}` : `/questions/${s.target.id}`) : null;

/** A suggested action in words, for the CSV (the page links the meetup's or question's title). */
export function suggestionText(t: Translate, s: SuggestedAction, name: string) {
  const text = t(`health.suggest.${s.kind}`, { name: name.split(" ")[0] });
  return s.target ? `${text} ${s.target.title}` : text;
}
