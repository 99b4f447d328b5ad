import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { CoolingMembers } from "~/health/causes";
import { pct } from "~/health/text";
import { useT } from "~/utils/i18n";

/** Declining tags or organisations: each linked, with its numbers and causes. */
export function DecliningList({
  items,
}: {
  items: {
    key: number;
    href: string;
    name: string;
    trend: { baselineCount: number; recentCount: number; change: number };
    causes: ReactNode;
  }[];
}) {
  const t = useT();
  if (!items.length) return <p className="muted">{t("health.none")}</p>;
  return (
    <ul className="plain-list">
      {items.map((x) => (
        <li key={x.key}>
          <Link to={x.href}>{x.name}</Link>:{" "}
          {t("health.numbers", {
            before: x.trend.baselineCount,
            recent: x.trend.recentCount,
            change: pct(x.trend.change),
          })}
          {x.causes}
        </li>
      ))}
    </ul>
  );
}

/** Why a tag or organisation declines: its own flagged members and, for a tag, its unanswered questions. */
export function VolumeCauses({
  coolingMembers,
  unanswered,
  tag,
}: {
  coolingMembers: CoolingMembers;
  unanswered?: number;
  tag?: string;
}) {
  const t = useT();
  if (!coolingMembers.count && !unanswered) return null;
  return (
    <ul className="plain-list small">
      {coolingMembers.count ? (
        <li>
          {t("health.cause.coolingMembers", { count: coolingMembers.count })}{" "}
          {coolingMembers.named.map((m, i) => (
            <span key={m.handle}>
              {i ? ", " : ""}
              <Link to={`/members/${m.handle}`}>{m.name}</Link>
            </span>
          ))}
        </li>
      ) : null}
      {unanswered && tag ? (
        <li>
          <Link to={`/questions?${new URLSearchParams({ tag, state: "unanswered" })}`}>
            {t("health.cause.unansweredInTag", { count: unanswered })}
          </Link>
        </li>
      ) : null}
    </ul>
  );
}
