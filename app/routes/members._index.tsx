import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { MemberCard } from "~/components/MemberCard";
import { Pagination, parsePage } from "~/components/Pagination";
import { listOrganisations } from "~/models/organisation.server";
import { listMembers } from "~/models/user.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";

const PER_PAGE = 30;

export async function loader({ request, context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "members", "orgs");
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const org = (url.searchParams.get("org") ?? "").trim().slice(0, 100);
  const page = parsePage(url);
  const { members, hasMore } = listMembers({ query: query || undefined, orgSlug: org || undefined, page, perPage: PER_PAGE });
  const organisations = listOrganisations().map(({ slug, name }) => ({ slug, name }));
  return json({ members, hasMore, page, query, org, organisations });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "members.title");

export default function Members() {
  const { members, hasMore, page, query, org, organisations } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("members.title")}</h1>
      <p className="lead">{t("members.intro")}</p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="members-q">{t("members.search")}</label>
          <input id="members-q" type="search" name="q" defaultValue={query} />
        </div>
        <div className="field">
          <label htmlFor="members-org">{t("members.filterOrg")}</label>
          <select id="members-org" name="org" defaultValue={org}>
            <option value="">{t("members.allOrgs")}</option>
            {organisations.map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("members.filter")}</button>
      </Form>
      {members.length ? (
        <ul className="member-list grid">
          {members.map((m) => (
            <MemberCard key={m.id} member={m} />
          ))}
        </ul>
      ) : (
        <p>{t("members.none")}</p>
      )}
      <Pagination page={page} hasMore={hasMore} />
    </>
  );
}
