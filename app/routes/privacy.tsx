import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { env } from "~/utils/env.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

/** What Kring stores about a member, why, and for how long (docs/privacy.md); the numbers come from the settings. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { VISIT_RETENTION_DAYS, BACKUP_KEEP } = env();
  return json({
    visitDays: VISIT_RETENTION_DAYS,
    backups: BACKUP_KEEP,
    // Where /settings sends a member whose account it just deleted.
    erased: new URL(request.url).searchParams.has("erased"),
  });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "privacy.title");

const ROWS = [
  "account",
  "content",
  "participation",
  "notifications",
  "visits",
  "sessions",
  "attempts",
  "backups",
] as const;

export default function Privacy() {
  const { visitDays, backups, erased } = useLoaderData<typeof loader>();
  const t = useT();
  const vars = { days: visitDays, count: backups };
  return (
    <section className="narrow">
      <h1>{t("privacy.title")}</h1>
      {erased ? (
        <p className="notice" role="status">
          {t("privacy.erased")}
        </p>
      ) : null}
      <p>{t("privacy.intro")}</p>
      <p>
        <Link to="/settings#privacy">{t("privacy.toSettings")}</Link>
      </p>
      <table className="stacked-table">
        <thead>
          <tr>
            <th scope="col">{t("privacy.what")}</th>
            <th scope="col">{t("privacy.why")}</th>
            <th scope="col">{t("privacy.kept")}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row}>
              <th scope="row">{t(`privacy.${row}.what`)}</th>
              <td>{t(`privacy.${row}.why`)}</td>
              <td>{t(`privacy.${row}.kept`, vars)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
