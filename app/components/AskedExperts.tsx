import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

/** "Experts asked to answer: @a, @b, @c" under a routed question, for its asker and the leads (docs/routing.md). */
export function AskedExperts({ experts }: { experts: { handle: string; name: string; round: number }[] }) {
  const t = useT();
  return (
    <p className="muted small asked-experts">
      {t("routing.asked")}{" "}
      {experts.map((e, i) => (
        <span key={e.handle}>
          {i > 0 ? ", " : null}
          <Link to={`/members/${e.handle}`} title={e.name}>
            @{e.handle}
          </Link>
          {e.round > 1 ? ` ${t("routing.later")}` : null}
        </span>
      ))}
    </p>
  );
}
