import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field, SelectField } from "~/components/Field";
import { Pagination, parsePage } from "~/components/Pagination";
import { AUDIT_ACTIONS, AUDIT_REFERENCE, auditLinks, listAudit, parseAuditFilter } from "~/models/audit.server";
import { requirePermission } from "~/utils/auth.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canModerate } from "~/utils/permissions";

const PER_PAGE = 50;

/** A subject or detail as text and links: "org:2 employee → org:3 partner" links both organisations. */
function linked(text: string, links: Record<string, string>) {
  const parts: { text: string; href?: string }[] = [];
  let at = 0;
  for (const match of text.matchAll(AUDIT_REFERENCE)) {
    if (match.index > at) parts.push({ text: text.slice(at, match.index) });
    parts.push({ text: match[0], href: links[match[0]] });
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, canModerate);
  const url = new URL(request.url);
  const query = new URLSearchParams(url.searchParams);
  query.delete("page");
  const values = Object.fromEntries(query);
  const csvHref = `/admin/audit.csv${query.size ? `?${query}` : ""}`;
  const parsed = parseAuditFilter(url.searchParams);
  if (!parsed.ok)
    return json(
      { errors: parsed.errors, values, actions: AUDIT_ACTIONS, entries: [], page: 1, hasNext: false, csvHref },
      { status: 400 },
    );
  const page = parsePage(url);
  const { rows, hasNext } = listAudit(parsed.filter, { page, perPage: PER_PAGE });
  const links = auditLinks(rows.flatMap((row) => [row.subject, row.detail]));
  const entries = rows.map((row) => ({
    id: row.id,
    at: row.createdAt,
    action: row.action,
    actor: row.actorHandle ? { name: row.actorName, handle: row.actorHandle } : null,
    subject: linked(row.subject, links),
    detail: linked(row.detail, links),
  }));
  return json({ errors: {}, values, actions: AUDIT_ACTIONS, entries, page, hasNext, csvHref });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

function Linked({ parts }: { parts: { text: string; href?: string }[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.href ? (
          <Link key={i} to={part.href}>
            {part.text}
          </Link>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

export default function AuditLog() {
  const { errors, values, actions, entries, page, hasNext, csvHref } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const error = errors as Partial<Record<string, Parameters<typeof t>[0]>>;
  return (
    <>
      <p>
        <Link to="/admin">{t("audit.back")}</Link>
      </p>
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>
      <Form method="get" action="/admin/audit" className="filters">
        <SelectField
          name="action"
          label={t("audit.filterAction")}
          defaultValue={values.action}
          error={error.action}
          options={[
            { value: "", label: t("audit.anyAction") },
            ...actions.map((a) => ({ value: a, label: t(`audit.action.${a}`) })),
          ]}
        />
        <Field name="actor" label={t("audit.filterActor")} defaultValue={values.actor} error={error.actor} />
        <Field
          name="subject"
          label={t("audit.filterSubject")}
          hint={t("audit.subjectHint")}
          defaultValue={values.subject}
          error={error.subject}
        />
        <Field name="from" type="date" label={t("audit.filterFrom")} defaultValue={values.from} error={error.from} />
        <Field name="to" type="date" label={t("audit.filterTo")} defaultValue={values.to} error={error.to} />
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      <p>
        <a href={csvHref} download>
          {t("audit.downloadCsv")}
        </a>
      </p>
      {entries.length ? (
        <div className="table-scroll">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.col.time")}</th>
                <th scope="col">{t("audit.col.actor")}</th>
                <th scope="col">{t("audit.col.action")}</th>
                <th scope="col">{t("audit.col.subject")}</th>
                <th scope="col">{t("audit.col.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={new Date(e.at).toISOString()}>{formatDate(e.at, locale, "datetime")}</time>
                  </td>
                  <td>{e.actor ? <Link to={`/members/${e.actor.handle}`}>{e.actor.name}</Link> : t("audit.system")}</td>
                  <td data-action={e.action}>{t(`audit.action.${e.action}`)}</td>
                  <td>
                    <Linked parts={e.subject} />
                  </td>
                  <td>
                    <Linked parts={e.detail} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("audit.none")}</p>
      )}
      <Pagination page={page} hasMore={hasNext} />
    </>
  );
}
