import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { roadmap } from "~/models/idea.server";
import { getOrganisationBySlug } from "~/models/organisation.server";
import { notFound } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";
import ideaStyles from "~/styles/ideas.css";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const org = getOrganisationBySlug(params.slug ?? "");
  if (!org) throw notFound();
  cacheDependsOn(context, "orgs", "list:idea", `roadmap:${org.id}`);
  return json({ org: { name: org.name, slug: org.slug }, columns: roadmap(org.id) });
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: ideaStyles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "roadmap.title", { org: data?.org.name ?? "" });

export default function Roadmap() {
  const { org, columns } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="title-row">
        <h1>{t("roadmap.title", { org: org.name })}</h1>
        <Link to={`/ideas/new?org=${encodeURIComponent(org.slug)}`} className="button">
          {t("ideas.propose")}
        </Link>
      </div>
      <p className="lead">{t("roadmap.intro", { org: org.name })}</p>
      <div className="roadmap">
        {columns.map((column) => (
          <section key={column.status} className="roadmap-column" aria-labelledby={`roadmap-${column.status}`}>
            <h2 id={`roadmap-${column.status}`}>
              {t(`ideas.status.${column.status}`)}{" "}
              <span className="muted small">({t("roadmap.count", { count: column.count })})</span>
            </h2>
            {column.items.length ? (
              <ol>
                {column.items.map((idea) => (
                  <li key={idea.id}>
                    <Link to={`/ideas/${idea.id}`} lang={idea.lang ?? undefined}>
                      {idea.title}
                    </Link>
                    <br />
                    <span className="muted small">{t("ideas.votes", { count: idea.votes })}</span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted small">{t("roadmap.empty")}</p>
            )}
          </section>
        ))}
      </div>
      <p>
        <Link to={`/orgs/${org.slug}`}>{org.name}</Link> · <Link to={`/ideas?org=${org.slug}`}>{t("ideas.title")}</Link>
      </p>
    </>
  );
}
