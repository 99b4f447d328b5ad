import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

/**
 * The member's badges as Open Badges credentials (docs/credentials.md), shown to the member (with
 * "Add to LinkedIn profile") and to the leads who may take a badge back.
 */
export function CredentialsSection({
  credentials,
}: {
  credentials: { id: string; name: string; revoked: boolean; linkedIn: string | null }[];
}) {
  const t = useT();
  return (
    <section aria-labelledby="credentials">
      <h2 id="credentials">{t("credentials.mine")}</h2>
      <p className="muted small">{t("credentials.mineIntro")}</p>
      <ul className="plain-list">
        {credentials.map((c) => (
          <li key={c.id}>
            <Link to={`/credentials/${c.id}`} lang="en">
              {c.name}
            </Link>
            {c.revoked ? <span className="muted small">{` (${t("credentials.revokedShort")})`}</span> : null}
            {c.linkedIn ? (
              <>
                {" · "}
                <a
                  href={c.linkedIn}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="small"
                  aria-label={t("credentials.addToLinkedInNamed", { name: c.name })}
                >
                  {t("credentials.addToLinkedIn")}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
