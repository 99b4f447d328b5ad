import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

/** Tags at concentration risk listed on the page (those resting on cooling experts first); the CSV has all. */
const CONCENTRATION_SHOWN = 20;

export function ConcentrationList({
  concentration,
}: {
  concentration: { tagId: number; name: string; factor: number; total: number; carriersCooling: boolean }[];
}) {
  const t = useT();
  if (!concentration.length) return <p className="muted">{t("health.none")}</p>;
  return (
    <>
      <ul className="plain-list">
        {concentration.slice(0, CONCENTRATION_SHOWN).map((c) => (
          <li key={c.tagId}>
            <Link to={`/tags/${encodeURIComponent(c.name)}`}>{c.name}</Link>:{" "}
            {t("health.concentrationLine", { count: c.factor, total: c.total })}
            {c.carriersCooling ? <strong> {t("health.carriersCooling")}</strong> : null}
          </li>
        ))}
      </ul>
      {concentration.length > CONCENTRATION_SHOWN ? (
        <p className="muted small">{t("health.moreInCsv", { count: concentration.length - CONCENTRATION_SHOWN })}</p>
      ) : null}
    </>
  );
}
