import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/Field";
import { leaderboard, organisationLeaderboard } from "~/models/reputation.server";
import { PERIODS, type Period } from "~/utils/reputation";
import { getTagByName, listTags } from "~/models/tag.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { notFound } from "~/utils/http.server";

/** Not page-cached: "this week" moves with the clock, not only with writes. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const period: Period = (PERIODS as readonly string[]).includes(url.searchParams.get("period") ?? "")
    ? (url.searchParams.get("period") as Period)
    : "week";
  const tagName = url.searchParams.get("tag")?.trim().toLowerCase() || "";
  const tag = tagName ? getTagByName(tagName) : undefined;
  if (tagName && !tag) throw notFound();
  return json({
    period,
    tag: tag?.name ?? "",
    tags: listTags({ page: 1, perPage: 50 }).tags.map((t) => t.name),
    members: leaderboard({ period, tagId: tag?.id, limit: 25 }),
    organisations: tag ? [] : organisationLeaderboard({ period }),
  });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "leaderboard.title");

export default function Leaderboard() {
  const { period, tag, tags, members, organisations } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("leaderboard.title")}</h1>
      <p className="lead">{t("leaderboard.intro")}</p>
      <Form method="get" className="filters">
        <SelectField
          name="period"
          label={t("leaderboard.period")}
          defaultValue={period}
          options={PERIODS.map((p) => ({ value: p, label: t(`leaderboard.${p}`) }))}
        />
        <SelectField
          name="tag"
          label={t("leaderboard.tag")}
          defaultValue={tag}
          options={[
            { value: "", label: t("leaderboard.allTags") },
            ...tags.map((name) => ({ value: name, label: name })),
          ]}
        />
        <button type="submit">{t("leaderboard.show")}</button>
      </Form>
      <h2>{t("leaderboard.members")}</h2>
      {members.length ? (
        <div className="table-scroll">
          <table className="leaderboard-table">
            <thead>
              <tr>
                <th scope="col">{t("leaderboard.rank")}</th>
                <th scope="col">{t("leaderboard.member")}</th>
                <th scope="col" className="number">
                  {t("leaderboard.points")}
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m, i) => (
                <tr key={m.id}>
                  <td>{i + 1}</td>
                  <td>
                    <Link to={`/members/${m.handle}`}>{m.name}</Link>
                  </td>
                  <td className="number">{m.points}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("leaderboard.empty")}</p>
      )}
      {!tag ? (
        <>
          <h2>{t("leaderboard.organisations")}</h2>
          {organisations.length ? (
            <div className="table-scroll">
              <table className="leaderboard-table">
                <thead>
                  <tr>
                    <th scope="col">{t("leaderboard.rank")}</th>
                    <th scope="col">{t("leaderboard.organisation")}</th>
                    <th scope="col" className="number">
                      {t("leaderboard.contributors")}
                    </th>
                    <th scope="col" className="number">
                      {t("leaderboard.points")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {organisations.map((o, i) => (
                    <tr key={o.slug}>
                      <td>{i + 1}</td>
                      <td>
                        <Link to={`/orgs/${o.slug}`}>{o.name}</Link>
                      </td>
                      <td className="number">{o.contributors}</td>
                      <td className="number">{o.points}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t("leaderboard.empty")}</p>
          )}
        </>
      ) : null}
    </>
  );
}
