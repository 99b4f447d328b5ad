import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { IDEA_STATUSES, type IdeaStatus } from "~db/enums";
import { IdeaList } from "~/components/IdeaList";
import { Pagination, parsePage } from "~/components/Pagination";
import { listIdeas } from "~/models/idea.server";
import { listOrganisations } from "~/models/organisation.server";
import { useT } from "~/utils/i18n";
import { IDEA_SORTS, type IdeaSort } from "~/utils/ideas";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";
import contentStyles from "~/styles/content.css";

const PER_PAGE = 30;

const oneOf = <T extends string>(values: readonly T[], value: string | null) =>
  (values as readonly string[]).includes(value ?? "") ? (value as T) : undefined;

export async function loader({ request, context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "list:idea", "names", "orgs");
  const url = new URL(request.url);
  const tag = url.searchParams.get("tag")?.trim().toLowerCase().slice(0, 30) || undefined;
  const orgSlug = url.searchParams.get("org")?.trim().slice(0, 60) || undefined;
  const status = oneOf<IdeaStatus>(IDEA_STATUSES, url.searchParams.get("status"));
  const sort = oneOf<IdeaSort>(IDEA_SORTS, url.searchParams.get("sort")) ?? "votes";
  const page = parsePage(url);
  const orgs = listOrganisations().map(({ slug, name }) => ({ slug, name }));
  return json({
    ...listIdeas({ sort, tag, orgSlug, status, page, perPage: PER_PAGE }),
    page,
    tag,
    orgSlug,
    status,
    sort,
    orgs,
  });
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "alternate", type: "application/atom+xml", href: "/ideas/feed.xml", title: "Kring: ideas" },
];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ideas.title");

export default function Ideas() {
  const { items, hasMore, page, tag, orgSlug, status, sort, orgs } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="title-row">
        <h1>{t("ideas.title")}</h1>
        <Link to="/ideas/new" className="button">
          {t("ideas.propose")}
        </Link>
      </div>
      <p className="lead">{t("ideas.intro")}</p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="ideas-sort">{t("ideas.sort")}</label>
          <select id="ideas-sort" name="sort" defaultValue={sort}>
            {IDEA_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`ideas.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ideas-status">{t("ideas.statusLabel")}</label>
          <select id="ideas-status" name="status" defaultValue={status ?? ""}>
            <option value="">{t("ideas.statusAll")}</option>
            {IDEA_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`ideas.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ideas-org">{t("ideas.org")}</label>
          <select id="ideas-org" name="org" defaultValue={orgSlug ?? ""}>
            <option value="">{t("ideas.orgAll")}</option>
            {orgs.map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ideas-tag">{t("field.tag")}</label>
          <input id="ideas-tag" name="tag" defaultValue={tag ?? ""} />
        </div>
        <button type="submit">{t("members.filter")}</button>
      </Form>
      <h2 className="visually-hidden">{t("ideas.listHeading")}</h2>
      {items.length ? <IdeaList items={items} /> : <p>{t("ideas.none")}</p>}
      <Pagination page={page} hasMore={hasMore} />
      <p className="small">
        <a href="/ideas/feed.xml">{t("ideas.feed")}</a>
      </p>
    </>
  );
}
