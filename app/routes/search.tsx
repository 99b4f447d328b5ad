import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { MemberCard } from "~/components/MemberCard";
import { listOrganisations } from "~/models/organisation.server";
import { listMembers } from "~/models/user.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

// Until posts exist, search covers the people and organisations of the community.
export async function loader({ request }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 200);
  if (!q) return json({ q, members: [], organisations: [] });
  const needle = q.toLowerCase();
  return json({
    q,
    members: listMembers({ query: q, page: 1, perPage: 20 }).members,
    organisations: listOrganisations().filter((o) => o.name.toLowerCase().includes(needle)),
  });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "search.title");

export default function Search() {
  const { q, members, organisations } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{q ? t("search.results", { q }) : t("search.title")}</h1>
      <Form method="get" role="search" className="filters">
        <div className="field">
          <label htmlFor="search-q">{t("search.label")}</label>
          <input id="search-q" type="search" name="q" defaultValue={q} />
        </div>
        <button type="submit">{t("search.submit")}</button>
      </Form>
      {!q ? <p className="muted">{t("search.hint")}</p> : null}
      {q && !members.length && !organisations.length ? <p>{t("search.noResults", { q })}</p> : null}
      {organisations.length ? (
        <section>
          <h2>{t("nav.orgs")}</h2>
          <ul className="plain-list">
            {organisations.map((o) => (
              <li key={o.id}>
                <Link to={`/orgs/${o.slug}`}>{o.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {members.length ? (
        <section>
          <h2>{t("nav.members")}</h2>
          <ul className="member-list grid">
            {members.map((m) => (
              <MemberCard key={m.id} member={m} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
