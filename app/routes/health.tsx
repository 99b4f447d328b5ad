import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { BarChart } from "~/components/BarChart";
import { SelectField } from "~/components/Field";
import { CHART_WEEKS, DEFAULT_PERIOD, PERIODS, VITALS, vitalChange, type Period } from "~/health/vitals";
import { comebackRate, filteredHealthReport, latestHealthReport, recordHealthAction, type Cause, type MemberFlag } from "~/models/health.server";
import { notify } from "~/models/notification.server";
import { listOrganisations } from "~/models/organisation.server";
import { listTags } from "~/models/tag.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { badRequest, parseForm } from "~/utils/forms.server";
import { getEvent, listEvents } from "~/models/event.server";
import { findUserById } from "~/models/user.server";
import { DEFAULT_LOCALE, formatDate, useLocale, useT, type Translate } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { canSeeHealth } from "~/utils/permissions";

const HealthActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("nudge"), userId: z.coerce.number().int().positive(), message: z.string().trim().min(5, "error.bodyTooShort").max(1000, "error.tooLong") }),
  z.object({ intent: z.literal("handled"), userId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("invite"), userId: z.coerce.number().int().positive(), eventId: z.coerce.number().int().positive() }),
]);

export async function requireLead(request: Request) {
  const user = await requireUser(request);
  if (!canSeeHealth(user)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** The hourly snapshot; filtered by tag or organisation, its flagged members are computed now. */
export function currentReport({ tagFilter, orgFilter }: { tagFilter?: number; orgFilter?: number }) {
  return tagFilter || orgFilter ? filteredHealthReport({ tagFilter, orgFilter }) : latestHealthReport();
}

/** Tags at concentration risk listed on the page (those resting on cooling experts first); the CSV has all. */
const CONCENTRATION_SHOWN = 20;

export const pct = (change: number) => `${change > 0 ? "+" : ""}${Math.round(change * 100)}`;

/** "Download CSV", with the table's name for screen readers (six such links share the page). */
function CsvLink({ href, table }: { href: string; table: string }) {
  const t = useT();
  return (
    <a href={href} className="small">
      {t("health.exportCsv")}
      <span className="visually-hidden">: {table}</span>
    </a>
  );
}

/** Declining tags or organisations: each linked, with its numbers and causes. */
function DecliningList({ items }: { items: { key: number; href: string; name: string; trend: { baselineCount: number; recentCount: number; change: number }; causes: ReactNode }[] }) {
  const t = useT();
  if (!items.length) return <p className="muted">{t("health.none")}</p>;
  return (
    <ul className="plain-list">
      {items.map((x) => (
        <li key={x.key}>
          <Link to={x.href}>{x.name}</Link>: {t("health.numbers", { before: x.trend.baselineCount, recent: x.trend.recentCount, change: pct(x.trend.change) })}
          {x.causes}
        </li>
      ))}
    </ul>
  );
}

/** Why a tag or organisation declines: its own flagged members and, for a tag, its unanswered questions. */
function VolumeCauses({ coolingMembers, unanswered, tag }: { coolingMembers: { count: number; named: { name: string; handle: string }[] }; unanswered?: number; tag?: string }) {
  const t = useT();
  if (!coolingMembers.count && !unanswered) return null;
  return (
    <ul className="plain-list small">
      {coolingMembers.count ? (
        <li>
          {t("health.cause.coolingMembers", { count: coolingMembers.count })}{" "}
          {coolingMembers.named.map((m, i) => (
            <span key={m.handle}>
              {i ? ", " : ""}
              <Link to={`/members/${m.handle}`}>{m.name}</Link>
            </span>
          ))}
        </li>
      ) : null}
      {unanswered && tag ? (
        <li>
          <Link to={`/questions?${new URLSearchParams({ tag, state: "unanswered" })}`}>{t("health.cause.unansweredInTag", { count: unanswered })}</Link>
        </li>
      ) : null}
    </ul>
  );
}

export function causeText(t: Translate, cause: Cause) {
  return t(`health.cause.${cause.kind}`, { count: cause.count ?? 0 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireLead(request);
  const url = new URL(request.url);
  const tagName = url.searchParams.get("tag") ?? "";
  const orgSlug = url.searchParams.get("org") ?? "";
  const period = PERIODS.find((p) => String(p) === url.searchParams.get("period")) ?? DEFAULT_PERIOD;
  const tagList = listTags({ page: 1, perPage: 60 }).tags;
  const orgList = listOrganisations();
  const tagFilter = tagList.find((x) => x.name === tagName)?.id;
  const orgFilter = orgList.find((o) => o.slug === orgSlug)?.id;
  // Every flagged member's numbers stay on the server: the page lists the top ones.
  const { report: { allFlagged: _all, ...report }, computedAt } = currentReport({ tagFilter, orgFilter });
  const upcoming = listEvents({ when: "upcoming", page: 1, perPage: 6 }).items.filter((e) => e.status === "scheduled").map((e) => ({ id: e.id, title: e.title }));
  return json({ report, computedAt, comeback: comebackRate(), upcoming, tags: tagList.map((x) => x.name), orgs: orgList.map((o) => ({ slug: o.slug, name: o.name })), tag: tagName, org: orgSlug, period });
}

export async function action({ request }: ActionFunctionArgs) {
  const lead = await requireLead(request);
  const parsed = parseForm(HealthActionSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.errors);
  const input = parsed.data;
  const event = input.intent === "invite" ? getEvent(input.eventId) : null;
  if (input.intent === "invite" && (!event || event.status !== "scheduled" || event.startsAt <= new Date())) return badRequest({ eventId: "error.invalid" });
  // The invitation's text is in the member's language; a nudge is the lead's own words.
  const inviteText = translator(findUserById(input.userId)?.locale ?? DEFAULT_LOCALE);
  db.transaction((tx) => {
    const message = input.intent === "nudge" ? input.message : event ? inviteText("health.inviteMessage", { lead: lead.name, title: event.title }) : "";
    recordHealthAction(tx, { leadId: lead.id, userId: input.userId, kind: input.intent, message });
    if (input.intent === "nudge") {
      notify(tx, { userId: input.userId, kind: "nudge", actorId: lead.id, subject: `nudge:${lead.id}`, title: lead.name, url: "/questions?state=unanswered", message: input.message });
    }
    if (input.intent === "invite" && event) {
      notify(tx, { userId: input.userId, kind: "nudge", actorId: lead.id, subject: `invite:${event.id}`, title: lead.name, url: `/events/${event.id}`, message, dedupeKey: `invite:${event.id}` });
    }
  });
  return redirect(`/health?done=${input.intent}#members`);
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "health.title");

type MemberRowData = Omit<MemberFlag, "lastAction"> & { lastAction: { kind: string; at: string } | null };

function MemberRow({ member, upcoming }: { member: MemberRowData; upcoming: { id: number; title: string }[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <tr>
      <td>
        <Link to={`/members/${member.handle}`}>{member.name}</Link>
      </td>
      <td>{t(`health.state.${member.state!}`)}</td>
      <td>{t("health.numbers", { before: member.baselineCount, recent: member.recentCount, change: pct(member.change) })}</td>
      <td>
        <ul className="plain-list small">
          {member.causes.map((c) => (
            <li key={c.kind}>
              {causeText(t, c)}
              {c.url ? (
                <>
                  {": "}
                  <Link to={c.url}>{c.title}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </td>
      <td>
        {member.lastAction ? <p className="muted small">{t("health.lastAction", { action: t(`health.action.${member.lastAction.kind as "nudge"}`), date: formatDate(member.lastAction.at, locale) })}</p> : null}
        <details>
          <summary>{t("health.nudge")}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="nudge" />
            <input type="hidden" name="userId" value={member.userId} />
            <label htmlFor={`nudge-${member.userId}`}>{t("health.nudgeMessage", { name: member.name })}</label>
            <textarea id={`nudge-${member.userId}`} name="message" rows={3} defaultValue={t("health.nudgeDefault", { name: member.name.split(" ")[0] })} />
            <button type="submit" className="small-button">
              {t("health.nudge")}
            </button>
          </Form>
        </details>
        {upcoming.length ? (
          <details>
            <summary>{t("health.invite")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="invite" />
              <input type="hidden" name="userId" value={member.userId} />
              <label htmlFor={`invite-${member.userId}`}>{t("health.inviteEvent")}</label>
              <select id={`invite-${member.userId}`} name="eventId">
                {upcoming.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.title}
                  </option>
                ))}
              </select>
              <button type="submit" className="small-button">
                {t("health.invite")}
              </button>
            </Form>
          </details>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="handled" />
          <input type="hidden" name="userId" value={member.userId} />
          <button type="submit" className="link-button small">
            {t("health.markHandled")}
          </button>
        </Form>
      </td>
    </tr>
  );
}

export default function Health() {
  const { report, computedAt, comeback, upcoming, tags, orgs, tag, org, period } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const decline = report.decline.declining ? report.decline : report.activeDecline;
  const reason =
    report.status === "declining"
      ? t(report.decline.declining ? "health.reason.declining" : "health.reason.decliningActive", { now: Math.round(decline.movingAverage * 10) / 10, drop: Math.round(decline.drop * 100), peak: Math.round(decline.peak * 10) / 10 })
      : report.status === "watch"
        ? t("health.reason.watch", { count: report.flags })
        : t("health.reason.healthy");
  const filters = new URLSearchParams({ ...(tag ? { tag } : {}), ...(org ? { org } : {}), ...(period !== DEFAULT_PERIOD ? { period: String(period) } : {}) });
  const exportLink = (kind: string) => `/health/export/${kind}${filters.toString() ? `?${filters}` : ""}`;
  return (
    <>
      <h1>{t("health.title")}</h1>
      <p className="lead">{t("health.intro")}</p>
      <p className="muted small">{t("health.computedAt", { date: formatDate(computedAt, locale, "datetime") })}</p>
      <p className={`health-status ${report.status}`} role="status">
        <strong>{t(`health.status.${report.status as "healthy" | "watch" | "declining"}`)}</strong> — {reason}
      </p>
      {params.get("done") === "nudge" || params.get("done") === "invite" ? (
        <p className="notice" role="status">
          {t(params.get("done") === "nudge" ? "health.nudgeSent" : "health.inviteSent")}
        </p>
      ) : null}
      <Form method="get" className="filters">
        <SelectField name="tag" label={t("health.filterTag")} defaultValue={tag} options={[{ value: "", label: t("health.anyTag") }, ...tags.map((n) => ({ value: n, label: n }))]} />
        <SelectField name="org" label={t("health.filterOrg")} defaultValue={org} options={[{ value: "", label: t("health.anyOrg") }, ...orgs.map((o) => ({ value: o.slug, label: o.name }))]} />
        <SelectField name="period" label={t("health.filterPeriod")} defaultValue={String(period)} options={PERIODS.map((weeks) => ({ value: String(weeks), label: t("health.period", { weeks }) }))} />
        <button type="submit">{t("health.filter")}</button>
      </Form>

      <h2>{t("health.vitals")}</h2>
      <p>
        {t("health.dauMau", { dau: report.dau, mau: report.mau })} {t("health.comeback", { back: comeback.cameBack, nudged: comeback.nudged })}{" "}
        <CsvLink href={exportLink("vitals")} table={t("health.vitals")} />
      </p>
      <div className="profile-columns">
        {VITALS.map((vital) => {
          const change = vitalChange(report.vitals, vital, period);
          return (
            <BarChart
              key={vital}
              title={t(`health.chart.${vital}`)}
              caption={change === null ? t("health.changeNone") : t("health.change", { change: pct(change), weeks: period })}
              labelHeader={t("health.week")}
              valueHeader={t("health.value")}
              rows={report.vitals.slice(-CHART_WEEKS).map((v) => ({ label: v.week, value: v[vital] }))}
            />
          );
        })}
      </div>
      <h2>
        {t("health.funnel", { weeks: period })} <CsvLink href={exportLink("funnel")} table={t("health.funnel", { weeks: period })} />
      </h2>
      <table className="leaderboard-table">
        <thead>
          <tr>
            <th scope="col">{t("health.col.state")}</th>
            <th scope="col" className="number">
              {t("health.funnel.members")}
            </th>
          </tr>
        </thead>
        <tbody>
          {(["joined", "participated", "asked", "produced"] as const).map((stage) => (
            <tr key={stage}>
              <td>{t(`health.funnel.${stage}`)}</td>
              <td className="number">{report.funnels[period as Period][stage]}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="members">
        {t("health.members")} <CsvLink href={exportLink("members")} table={t("health.members")} />
      </h2>
      {report.flaggedMembers > report.members.length ? (
        <p className="muted small">{t("health.membersShown", { shown: report.members.length, total: report.flaggedMembers })}</p>
      ) : null}
      {report.members.length ? (
        <table className="leaderboard-table health-members">
          <thead>
            <tr>
              <th scope="col">{t("health.col.member")}</th>
              <th scope="col">{t("health.col.state")}</th>
              <th scope="col">{t("health.col.numbers")}</th>
              <th scope="col">{t("health.col.causes")}</th>
              <th scope="col">{t("health.col.action")}</th>
            </tr>
          </thead>
          <tbody>
            {report.members.map((m) => (
              <MemberRow key={m.userId} member={m} upcoming={upcoming} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("health.none")}</p>
      )}

      <div className="profile-columns">
        <section aria-labelledby="tags-declining">
          <h2 id="tags-declining">
            {t("health.tags")} <CsvLink href={exportLink("tags")} table={t("health.tags")} />
          </h2>
          <DecliningList
            items={report.tags.map((x) => ({ key: x.id, href: `/tags/${encodeURIComponent(x.name)}`, name: x.name, trend: x, causes: <VolumeCauses coolingMembers={x.coolingMembers} unanswered={x.unanswered} tag={x.name} /> }))}
          />
          <h2>
            {t("health.concentration")} <CsvLink href={exportLink("concentration")} table={t("health.concentration")} />
          </h2>
          {report.concentration.length ? (
            <>
              <ul className="plain-list">
                {report.concentration.slice(0, CONCENTRATION_SHOWN).map((c) => (
                  <li key={c.tagId}>
                    <Link to={`/tags/${encodeURIComponent(c.name)}`}>{c.name}</Link>: {t("health.concentrationLine", { count: c.factor, total: c.total })}
                    {c.carriersCooling ? <strong> {t("health.carriersCooling")}</strong> : null}
                  </li>
                ))}
              </ul>
              {report.concentration.length > CONCENTRATION_SHOWN ? <p className="muted small">{t("health.moreInCsv", { count: report.concentration.length - CONCENTRATION_SHOWN })}</p> : null}
            </>
          ) : (
            <p className="muted">{t("health.none")}</p>
          )}
        </section>
        <section aria-labelledby="orgs-declining">
          <h2 id="orgs-declining">
            {t("health.orgs")} <CsvLink href={exportLink("orgs")} table={t("health.orgs")} />
          </h2>
          <DecliningList items={report.orgs.map((o) => ({ key: o.id, href: `/orgs/${o.slug}`, name: o.name, trend: o, causes: <VolumeCauses coolingMembers={o.coolingMembers} /> }))} />
        </section>
      </div>
    </>
  );
}
