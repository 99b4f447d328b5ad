import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { badgeOverview } from "~/models/badge.server";
import { DAILY_VOTE_CAP } from "~/utils/reputation";
import { formatDate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";
import { PRIVILEGES } from "~/utils/permissions";

export async function loader({ context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "badges", "names");
  return json({
    badges: badgeOverview(),
    privileges: Object.entries(PRIVILEGES) as [keyof typeof PRIVILEGES, number][],
  });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "badges.title");

const RULES: [MessageKey, string][] = [
  ["reputation.rule.upvoteArticle", "+10"],
  ["reputation.rule.upvoteAnswer", "+10"],
  ["reputation.rule.upvoteQuestion", "+5"],
  ["reputation.rule.accepted", "+15"],
  ["reputation.rule.downvote", "−2"],
  ["reputation.rule.hosted", "+20"],
  ["reputation.rule.checkedIn", "+2"],
];

function Holders({ holders }: { holders: { name: string; handle: string; awardedAt: string }[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="badge-list">
      {holders.map((h) => (
        <li key={h.handle}>
          <Link to={`/members/${h.handle}`}>{h.name}</Link>
          <span className="visually-hidden"> {t("badges.awarded", { date: formatDate(h.awardedAt, locale) })}</span>
        </li>
      ))}
    </ul>
  );
}

export default function Badges() {
  const { badges, privileges } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("badges.title")}</h1>
      <p className="lead">{t("badges.intro")}</p>
      {badges.map((badge) => (
        <section key={badge.id} id={badge.id} aria-labelledby={`${badge.id}-name`} className="card">
          <h2 id={`${badge.id}-name`}>
            <span className={`award ${badge.tier}`}>{t(`badge.${badge.id}` as MessageKey)}</span>{" "}
            <span className="muted small">{t(`badgeTier.${badge.tier}`)}</span>
          </h2>
          <p>{t(`badge.${badge.id}.how` as MessageKey)}</p>
          {badge.count ? (
            <>
              <p className="muted small">{t("badges.holders", { count: badge.count })}</p>
              {badge.perTag ? (
                badge.tags.map(({ tag, holders }) => (
                  // A div, not a section: each level lists the same tags, and landmarks must have unique names.
                  <div key={tag} id={`${badge.id}-${tag}`}>
                    <h3 id={`${badge.id}-${tag}-name`}>
                      {t("badge.perTag", { badge: t(`badge.${badge.id}` as MessageKey), tag })}
                    </h3>
                    <Holders holders={holders} />
                  </div>
                ))
              ) : (
                <Holders holders={badge.holders} />
              )}
            </>
          ) : (
            <p className="muted small">{t("badges.nobody")}</p>
          )}
        </section>
      ))}
      <h2 id="reputation">{t("reputation.rules")}</h2>
      <div className="table-scroll">
        <table className="leaderboard-table">
          <tbody>
            {RULES.map(([key, points]) => (
              <tr key={key}>
                <td>{t(key)}</td>
                <td className="number">{points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("reputation.cap", { cap: DAILY_VOTE_CAP })}</p>
      <h2>{t("reputation.privileges")}</h2>
      <div className="table-scroll">
        <table className="leaderboard-table">
          <tbody>
            {privileges.map(([name, needed]) => (
              <tr key={name}>
                <td>{t(`privilegeName.${name}`)}</td>
                <td className="number">{needed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
