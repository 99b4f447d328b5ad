/** How /health and its CSV exports word the report's numbers and causes (browser and server). */
import type { Translate } from "~/utils/i18n";
import type { Cause } from "./causes";

/** A change as a signed whole percentage: 0.25 → "+25", -0.5 → "-50". */
export const pct = (change: number) => `${change > 0 ? "+" : ""}${Math.round(change * 100)}`;

export function causeText(t: Translate, cause: Cause) {
  return t(`health.cause.${cause.kind}`, { count: cause.count ?? 0 });
}
