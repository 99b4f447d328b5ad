import { Link } from "@remix-run/react";
import { TagList } from "~/components/Post";
import { useT } from "~/utils/i18n";

/** A member's chosen expertise and their earned standing per tag (docs/product.md, "Reputation"). */
export function StandingSection({
  expertise,
  standings,
}: {
  expertise: string[];
  standings: { tag: string; topPercent: number; points: number; acceptedAnswers: number }[];
}) {
  const t = useT();
  return (
    <section aria-labelledby="standing">
      <h2 id="standing">{t("profile.standing")}</h2>
      {expertise.length ? (
        <div>
          {t("profile.expertise")}: <TagList tags={expertise} />
        </div>
      ) : null}
      {standings.length ? (
        <ul className="standing-list">
          {standings.map((s) => (
            <li key={s.tag}>
              {t("profile.topPercent", { percent: s.topPercent })}{" "}
              <Link to={`/tags/${encodeURIComponent(s.tag)}`} className="tag">
                {s.tag}
              </Link>
              <span className="muted small">
                {" "}
                · {t("profile.tagPoints", { points: s.points })} ·{" "}
                {t("profile.acceptedAnswers", { count: s.acceptedAnswers })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("profile.noContributions")}</p>
      )}
    </section>
  );
}
