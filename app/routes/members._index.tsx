import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { MemberCard } from "~/components/MemberCard";
import { Pagination, parsePage } from "~/components/Pagination";
import { listOrganisations } from "~/models/organisation.server";
import { ROLES } from "~db/enums";
import { SelectField } from "~/components/Field";
import { getTagByName, listTags } from "~/models/tag.server";
import { listMembers, MEMBER_SORTS } from "~/models/user.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";

const PER_PAGE = 30;

export async function loader({ request, context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "members", "orgs", "reputation");
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const org = (url.searchParams.get("org") ?? "").trim().slice(0, 100);
  const role = ROLES.find((r) => r === url.searchParams.get("role")) ?? "";
  const sort = MEMBER_SORTS.find((s) => s === url.searchParams.get("sort")) ?? "reputation";
  const tag = (url.searchParams.get("tag") ?? "").trim().toLowerCase().slice(0, 40);
  const tagId = tag ? (getTagByName(tag)?.id ?? -1) : undefined;
  const page = parsePage(url);
  const { members, hasMore } = listMembers({
    query: query || undefined,
    orgSlug: org || undefined,
    role: role || undefined,
    tagId,
    sort,
    page,
    perPage: PER_PAGE,
  });
  const organisations = listOrganisations().map(({ slug, name }) => ({ slug, name }));
  const tags = listTags({ page: 1, perPage: 60 }).tags.map((t) => t.name);
  return json({ members, hasMore, page, query, org, role, sort, tag, organisations, tags });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "members.title");

export default function Members() {
  const { members, hasMore, page, query, org, role, sort, tag, organisations, tags } = useLoaderData<typeof loader>();
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
        <SelectField
          name="tag"
          label={t("members.filterTag")}
          defaultValue={tag}
          options={[{ value: "", label: t("members.anyTag") }, ...tags.map((name) => ({ value: name, label: name }))]}
        />
        <SelectField
          name="role"
          label={t("members.filterRole")}
          defaultValue={role}
          options={[
            { value: "", label: t("members.anyRole") },
            ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })),
          ]}
        />
        <SelectField
          name="sort"
          label={t("members.sort")}
          defaultValue={sort}
          options={[
            { value: "reputation", label: t("members.sortReputation") },
            { value: "active", label: t("members.sortActive") },
            { value: "newest", label: t("members.sortNewest") },
          ]}
        />
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
