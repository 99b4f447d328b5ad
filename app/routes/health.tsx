import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { WeekChart } from "~/components/health/WeekChart";
import { FormError, SelectField, TextAreaField } from "~/components/Field";
import { chartNumber, yScale, type Scale } from "~/health/chart";
import { movingAverage } from "~/health/rules";
import { suggestedAction } from "~/health/todo";
import { CHART_WEEKS, DEFAULT_PERIOD, PERIODS, vitalChange, type Period, type Vital, type VitalWeek } from "~/health/vitals";
import { comebackRate, COMEBACK_DAYS, filteredHealthReport, latestHealthReport, nudgeOutcomes, recordHealthAction, type Cause, type MemberFlag } from "~/models/health.server";
import healthStyles from "~/styles/health.css";
import type { FormErrors } from "~/utils/forms.server";
import { notify } from "~/models/notification.server";
import { listOrganisations } from "~/models/organisation.server";
import { listTags } from "~/models/tag.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DAY_MS } from "~/utils/time";
import { badRequest, parseForm } from "~/utils/forms.server";
import { getEvent, listEvents } from "~/models/event.server";
import { findUserById } from "~/models/user.server";
import type { Locale } from "~db/enums";
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
  const now = new Date();
  const url = new URL(request.url);
  const tagName = url.searchParams.get("tag") ?? "";
  const orgSlug = url.searchParams.get("org") ?? "";
  const period = PERIODS.find((p) => String(p) === url.searchParams.get("period")) ?? DEFAULT_PERIOD;
  const act = Number(url.searchParams.get("act")) || null;
  const tagList = listTags({ page: 1, perPage: 60 }).tags;
  const orgList = listOrganisations();
  const tagFilter = tagList.find((x) => x.name === tagName)?.id;
  const orgFilter = orgList.find((o) => o.slug === orgSlug)?.id;
  // Every flagged member's numbers stay on the server: the page lists the top ones.
  const { report: { allFlagged: _all, ...report }, computedAt } = currentReport({ tagFilter, orgFilter });
  const upcoming = listEvents({ when: "upcoming", page: 1, perPage: 6 }).items.filter((e) => e.status === "scheduled").map((e) => ({ id: e.id, title: e.title }));
  // What followed each listed member's latest nudge, read fresh (the report is a snapshot up to two hours old).
  const followUps = Object.fromEntries(
    nudgeOutcomes(now, report.members.map((m) => m.userId)).map((o) => [
      o.userId,
      { nudgedAt: o.nudgedAt.toISOString(), backAt: o.backAt?.toISOString() ?? null, daysLeft: o.pending ? Math.ceil((o.nudgedAt.getTime() + COMEBACK_DAYS * DAY_MS - now.getTime()) / DAY_MS) : null },
    ]),
  );
  return json({
    report,
    computedAt,
    comeback: comebackRate(now),
    followUps,
    upcoming,
    act: report.members.some((m) => m.userId === act) ? act : null,
    tags: tagList.map((x) => x.name),
    orgs: orgList.map((o) => ({ slug: o.slug, name: o.name })),
    tag: tagName,
    org: orgSlug,
    period,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const lead = await requireLead(request);
  const parsed = parseForm(HealthActionSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.errors);
  const input = parsed.data;
  const event = input.intent === "invite" ? getEvent(input.eventId) : null;
  if (input.intent === "invite" && (!event || event.status !== "scheduled" || event.startsAt <= new Date())) return badRequest({ eventId: "error.invalid" });
  const member = findUserById(input.userId);
  if (!member) return badRequest({ form: "error.unknownMember" });
  // The invitation's text is in the member's language; a nudge is the lead's own words.
  const inviteText = translator(member.locale ?? DEFAULT_LOCALE);
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
  // Back to the view the lead acted from (tag, organisation, period), minus the open form.
  const back = new URL(request.url).searchParams;
  back.delete("act");
  back.set("done", input.intent);
  return redirect(`/health?${back}#member-${input.userId}`);
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "health.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: healthStyles }];

type MemberData = Omit<MemberFlag, "lastAction"> & { lastAction: { kind: string; at: string } | null };
type FollowUp = { nudgedAt: string; backAt: string | null; daysLeft: number | null };

/** What happened after the latest nudge: back (when), still within the 4 weeks, or not back. */
function followUpText(t: Translate, locale: Locale, followUp: FollowUp) {
  const nudged = formatDate(followUp.nudgedAt, locale);
  if (followUp.backAt) return t("health.followUp.back", { nudged, back: formatDate(followUp.backAt, locale) });
  if (followUp.daysLeft !== null) return t("health.followUp.pending", { nudged, count: followUp.daysLeft });
  return t("health.followUp.notBack", { nudged });
}

/**
 * One flagged member as a to-do: who, the numbers, the causes, the suggested action and what followed a
 * nudge. The forms are rendered for one member at a time (?act=<userId>): fifty members' forms made the
 * page several times its size (docs/health.md).
 */
function MemberTodo({ member, upcoming, followUp, open, errors }: { member: MemberData; upcoming: { id: number; title: string }[]; followUp?: FollowUp; open: boolean; errors: FormErrors }) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const suggestion = suggestedAction(member.causes, { upcomingMeetup: upcoming.length > 0 });
  const firstName = member.name.split(" ")[0];
  const actParams = new URLSearchParams(params);
  actParams.delete("done");
  actParams.set("act", String(member.userId));
  return (
    <li id={`member-${member.userId}`}>
      <h3>
        <Link to={`/members/${member.handle}`}>{member.name}</Link> <span className="muted">({t(`health.state.${member.state!}`)})</span>
      </h3>
      <p className="todo-numbers">{t("health.numbers", { before: member.baselineCount, recent: member.recentCount, change: pct(member.change) })}</p>
      {member.causes.length ? (
        <ul className="todo-causes">
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
      ) : null}
      <p className="todo-action">{t(`health.suggest.${suggestion}`, { name: firstName })}</p>
      {followUp ? (
        <p className="todo-done">{followUpText(t, locale, followUp)}</p>
      ) : member.lastAction ? (
        <p className="todo-done">{t("health.lastAction", { action: t(`health.action.${member.lastAction.kind as "nudge"}`), date: formatDate(member.lastAction.at, locale) })}</p>
      ) : null}
      {open ? (
        <div className="todo-forms">
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="nudge" />
            <input type="hidden" name="userId" value={member.userId} />
            <TextAreaField
              name="message"
              label={t("health.nudgeMessage", { name: member.name })}
              rows={4}
              error={errors.message}
              defaultValue={t(suggestion === "recognise" ? "health.recogniseDefault" : "health.nudgeDefault", { name: firstName })}
            />
            <button type="submit">{t("health.nudge")}</button>
          </Form>
          {upcoming.length ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="invite" />
              <input type="hidden" name="userId" value={member.userId} />
              <SelectField name="eventId" label={t("health.inviteEvent")} error={errors.eventId} options={upcoming.map((e) => ({ value: String(e.id), label: e.title }))} />
              <button type="submit">{t("health.invite")}</button>
            </Form>
          ) : null}
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="handled" />
            <input type="hidden" name="userId" value={member.userId} />
            <button type="submit" className="link-button">
              {t("health.markHandled")}
            </button>
          </Form>
        </div>
      ) : (
        <Link to={`?${actParams}#member-${member.userId}`} preventScrollReset className="todo-act">
          {t("health.act")}
          <span className="visually-hidden">: {member.name}</span>
        </Link>
      )}
    </li>
  );
}

/** "1 Jun 2026 – 30 Nov 2026": the weeks from `first` to the Sunday ending `last`. */
function weekRange(locale: Locale, first: string, last: string) {
  return `${formatDate(`${first}T12:00:00Z`, locale)} – ${formatDate(Date.parse(`${last}T12:00:00Z`) + 6 * DAY_MS, locale)}`;
}

/** The chosen period's change against the period before, both labelled with their dates. */
function periodCaption(t: Translate, locale: Locale, vitals: VitalWeek[], vital: Vital, period: number) {
  const change = vitalChange(vitals, vital, period);
  if (change === null || vitals.length < 2 * period) return t("health.changeNone");
  const recent = vitals.slice(-period);
  const before = vitals.slice(-2 * period, -period);
  return t("health.changeDated", { change: pct(change), recent: weekRange(locale, recent[0].week, recent[recent.length - 1].week), before: weekRange(locale, before[0].week, before[before.length - 1].week) });
}

type Decline = { movingAverage: number; peak: number; drop: number; declining: boolean };

/**
 * A chart the community-decline rule judges: the bars, their 4-week moving average, the peak and the
 * alert line 30% below it, and a caption with the same numbers the status uses (not a period mean,
 * which can rise while the recent weeks fall).
 */
function DeclineChart({ vital, title, vitals, decline, scale: shared }: { vital: "weighted" | "active"; title: string; vitals: VitalWeek[]; decline: Decline; scale?: Scale }) {
  const t = useT();
  const locale = useLocale();
  const rows = vitals.slice(-CHART_WEEKS).map((v) => ({ week: v.week, value: v[vital] }));
  const average = movingAverage(vitals.map((v) => v[vital])).slice(-CHART_WEEKS).map((x) => (Number.isNaN(x) ? null : Math.round(x * 10) / 10));
  const threshold = decline.peak * 0.7;
  const scale = shared ?? yScale([...rows.map((r) => r.value), decline.peak]);
  const numbers = { now: chartNumber(decline.movingAverage, locale), peak: chartNumber(decline.peak, locale), drop: Math.abs(Math.round(decline.drop * 100)) };
  return (
    <WeekChart
      id={`chart-${vital}`}
      title={title}
      caption={t(decline.drop >= 0 ? "health.declineCaption" : "health.declineCaptionAbove", numbers)}
      rows={rows}
      scale={scale}
      overlay={average}
      overlayLabel={t("health.chartLegend")}
      lines={
        decline.peak > 0
          ? [
              { kind: "peak", value: decline.peak, label: t("health.peakLine", { value: chartNumber(decline.peak, locale) }) },
              { kind: "threshold", value: threshold, label: t("health.thresholdLine", { value: chartNumber(threshold, locale) }) },
            ]
          : []
      }
    />
  );
}

/** The vital signs as small multiples; charts of the same unit that a lead compares share their y-scale. */
function VitalCharts({ vitals, decline, activeDecline, period }: { vitals: VitalWeek[]; decline: Decline; activeDecline: Decline; period: number }) {
  const t = useT();
  const locale = useLocale();
  const shown = vitals.slice(-CHART_WEEKS);
  const chart = (vital: Vital, scale?: Scale) => {
    const rows = shown.map((v) => ({ week: v.week, value: v[vital] }));
    const integers = ["unanswered48h", "attendance"].includes(vital);
    return <WeekChart key={vital} id={`chart-${vital}`} title={t(`health.chart.${vital}`)} caption={periodCaption(t, locale, vitals, vital, period)} rows={rows} scale={scale ?? yScale(rows.map((r) => r.value), { integers })} />;
  };
  // Active, new and returning contributors are all counts of people (active = new + returning): one scale.
  const people = yScale([...shown.flatMap((v) => [v.active, v.newContributors, v.returning]), activeDecline.peak], { integers: true });
  return (
    <div className="health-charts">
      <h3>{t("health.group.contributions")}</h3>
      <DeclineChart vital="weighted" title={t("health.chart.weighted")} vitals={vitals} decline={decline} />
      <DeclineChart vital="active" title={t("health.chart.active")} vitals={vitals} decline={activeDecline} scale={people} />
      <h3>{t("health.group.newReturning")}</h3>
      {chart("newContributors", people)}
      {chart("returning", people)}
      <h3>{t("health.group.readers")}</h3>
      {chart("readersPerProducer")}
      {chart("dauMau")}
      <h3>{t("health.group.questions")}</h3>
      {chart("unanswered48h")}
      {chart("firstAnswerHours")}
      <h3>{t("health.group.meetups")}</h3>
      {chart("attendance")}
    </div>
  );
}

export default function Health() {
  const { report, computedAt, comeback, followUps, upcoming, act, tags, orgs, tag, org, period } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const decline = report.decline.declining ? report.decline : report.activeDecline;
  const reason =
    report.status === "declining"
      ? t(report.decline.declining ? "health.reason.declining" : "health.reason.decliningActive", { now: chartNumber(decline.movingAverage, locale), drop: Math.round(decline.drop * 100), peak: chartNumber(decline.peak, locale) })
      : report.status === "watch"
        ? t("health.reason.watch", { count: report.flags })
        : t("health.reason.healthy");
  const filters = new URLSearchParams({ ...(tag ? { tag } : {}), ...(org ? { org } : {}), ...(period !== DEFAULT_PERIOD ? { period: String(period) } : {}) });
  const exportLink = (kind: string) => `/health/export/${kind}${filters.toString() ? `?${filters}` : ""}`;
  const errors: FormErrors = actionData && !actionData.ok ? actionData.errors : {};
  return (
    <>
      <h1>{t("health.title")}</h1>
      <p className="lead">{t("health.intro")}</p>
      <p className="muted small">{t("health.computedAt", { date: formatDate(computedAt, locale, "datetime") })}</p>
      <p className={`health-status ${report.status}`} role="status">
        <strong>{t(`health.status.${report.status as "healthy" | "watch" | "declining"}`)}</strong> — {reason}
      </p>
      <FormError error={errors.form} />
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
        {t("health.dauMau", { dau: report.dau, mau: report.mau })} <span className="health-comeback">{t("health.comeback", { back: comeback.cameBack, nudged: comeback.nudged, pending: comeback.pending })}</span>{" "}
        <CsvLink href={exportLink("vitals")} table={t("health.vitals")} />
      </p>
      <VitalCharts vitals={report.vitals} decline={report.decline} activeDecline={report.activeDecline} period={period} />
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
        <ol className="health-todo">
          {report.members.map((m) => (
            <MemberTodo key={m.userId} member={m} upcoming={upcoming} followUp={followUps[m.userId]} open={act === m.userId} errors={act === m.userId ? errors : {}} />
          ))}
        </ol>
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
