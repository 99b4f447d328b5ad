import type { ReactNode } from "react";
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
      <RankTable
        columns={[{ label: t("leaderboard.member") }, { label: t("leaderboard.points"), number: true }]}
        rows={members.map((m) => ({
          key: m.id,
          cells: [
            <Link key="name" to={`/members/${m.handle}`}>
              {m.name}
            </Link>,
            m.points,
          ],
        }))}
      />
      {!tag ? (
        <>
          <h2>{t("leaderboard.organisations")}</h2>
          <RankTable
            columns={[
              { label: t("leaderboard.organisation") },
              { label: t("leaderboard.contributors"), number: true },
              { label: t("leaderboard.points"), number: true },
            ]}
            rows={organisations.map((o) => ({
              key: o.slug,
              cells: [
                <Link key="name" to={`/orgs/${o.slug}`}>
                  {o.name}
                </Link>,
                o.contributors,
                o.points,
              ],
            }))}
          />
        </>
      ) : null}
    </>
  );
}

/** A ranked table: rank, then the given columns; "no one yet" when empty. */
function RankTable({
  columns,
  rows,
}: {
  columns: { label: string; number?: boolean }[];
  rows: { key: string | number; cells: ReactNode[] }[];
}) {
  const t = useT();
  if (!rows.length) return <p className="muted">{t("leaderboard.empty")}</p>;
  return (
    <div className="table-scroll">
      <table className="leaderboard-table">
        <thead>
          <tr>
            <th scope="col">{t("leaderboard.rank")}</th>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.number ? "number" : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.key}>
              <td>{i + 1}</td>
              {row.cells.map((cell, c) => (
                <td key={c} className={columns[c].number ? "number" : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
