import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { CoolingMembers } from "~/health/causes";
import type { WhoIsGoing } from "~/health/tag-trend";
import { peopleText, pct } from "~/health/text";
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

/**
 * Why a tag or organisation declines: whether its askers or its answerers are going, its own flagged
 * members and, for a tag, its unanswered questions.
 */
export function VolumeCauses({
  coolingMembers,
  people,
  unanswered,
  tag,
}: {
  coolingMembers: CoolingMembers;
  people: WhoIsGoing;
  unanswered?: number;
  tag?: string;
}) {
  const t = useT();
  const who = peopleText(t, people);
  if (!coolingMembers.count && !unanswered && !who) return null;
  return (
    <ul className="plain-list small">
      {who ? <li>{who}</li> : null}
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
