import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listOrganisations } from "~/models/organisation.server";
import { getUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canManageOrganisations } from "~/utils/permissions";
import { cacheDependsOn } from "~/utils/page-cache.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "orgs", "members");
  const user = await getUser(request);
  return json({ organisations: listOrganisations(), canCreate: canManageOrganisations(user) });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "orgs.title");

export default function Organisations() {
  const { organisations, canCreate } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="title-row">
        <h1>{t("orgs.title")}</h1>
        {canCreate ? (
          <Link to="/orgs/new" className="button">
            {t("orgs.new")}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t("orgs.intro")}</p>
      {organisations.length ? (
        <ul className="card-grid">
          {organisations.map((o) => (
            <li key={o.id} className="card">
              <h2>
                <Link to={`/orgs/${o.slug}`}>{o.name}</Link>
              </h2>
              <p className="muted small">
                <span className={`badge kind-${o.kind}`}>{t(`orgKind.${o.kind}`)}</span>{" "}
                {t("orgs.peopleCount", { count: o.memberCount })}
              </p>
              <p>{o.description}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("orgs.none")}</p>
      )}
    </>
  );
}
