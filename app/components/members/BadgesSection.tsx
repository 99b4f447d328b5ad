import { Link } from "@remix-run/react";
import type { BadgeTier } from "~/models/badge.server";
import { useT, type MessageKey } from "~/utils/i18n";

/** The badges a member's profile shows (shownBadgesOf). */
export function BadgesSection({
  badges,
}: {
  badges: { id: number; badge: string; tier: BadgeTier; tag: string | null }[];
}) {
  const t = useT();
  return (
    <section aria-labelledby="badges">
      <h2 id="badges">{t("profile.badges")}</h2>
      {badges.length ? (
        <ul className="badge-list">
          {badges.map((b) => (
            <li key={b.id}>
              <Link to={`/badges#${b.badge}`} className={`award ${b.tier}`} title={t(`badgeTier.${b.tier}`)}>
                {b.tag
                  ? t("badge.perTag", { badge: t(`badge.${b.badge}` as MessageKey), tag: b.tag })
                  : t(`badge.${b.badge}` as MessageKey)}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("profile.noBadges")}</p>
      )}
    </section>
  );
}
