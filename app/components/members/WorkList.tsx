import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

/** A member's best articles or answers on their profile, each with its score. */
export function WorkList({
  items,
}: {
  items: { id: number; title: string; lang?: string | null; score: number; url: string; accepted?: boolean }[];
}) {
  const t = useT();
  if (!items.length) return <p className="muted">{t("profile.noContributions")}</p>;
  return (
    <ul className="work-list">
      {items.map((item) => (
        <li key={item.id}>
          {item.accepted ? <span title={t("question.accepted")}>✔ </span> : null}
          <Link to={item.url} lang={item.lang ?? undefined}>
            {item.title}
          </Link>{" "}
          <span className="muted small">{t("profile.score", { score: item.score })}</span>
        </li>
      ))}
    </ul>
  );
}
