import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ConcentrationList } from "~/components/health/ConcentrationList";
import { ComebackComparison } from "~/components/health/ComebackComparison";
import { CsvLink } from "~/components/health/CsvLink";
import { DecliningList, VolumeCauses } from "~/components/health/DecliningList";
import { HealthFilters } from "~/components/health/Filters";
import { FunnelTable } from "~/components/health/FunnelTable";
import { IntroductionOutcomes } from "~/components/health/IntroductionOutcomes";
import { MemberTodo } from "~/components/health/MemberTodo";
import { RoutingOutcome } from "~/components/health/RoutingOutcome";
import { StatusLine } from "~/components/health/StatusLine";
import { VitalCharts } from "~/components/health/VitalCharts";
import { FormError } from "~/components/Field";
import { comebackRate, followUp } from "~/health/comeback";
import { DEFAULT_PERIOD, PERIODS } from "~/health/vitals";
import { nudgeOutcomes, recordHealthAction } from "~/models/health.server";
import { comebackComparison, suggestedActions } from "~/models/health-act.server";
import { currentHealthReport } from "~/models/health-snapshot.server";
import healthStyles from "~/styles/health.css";
import { type FormErrors, badRequest, parseForm } from "~/utils/forms.server";
import { organisationNames } from "~/models/organisation.server";
import { listTags } from "~/models/tag.server";
import { requirePermission } from "~/utils/auth.server";
import { getEvent, upcomingMeetups } from "~/models/event.server";
import { findUserById } from "~/models/user.server";
import { DEFAULT_LOCALE, formatDate, useLocale, useT } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { pageTitle } from "~/utils/meta";
import { canSeeHealth } from "~/utils/permissions";
import { StaticFragment } from "~/utils/fragment";

const HealthActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("nudge"),
    userId: z.coerce.number().int().positive(),
    message: z.string().trim().min(5, "error.bodyTooShort").max(1000, "error.tooLong"),
  }),
  z.object({ intent: z.literal("handled"), userId: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal("invite"),
    userId: z.coerce.number().int().positive(),
    eventId: z.coerce.number().int().positive(),
  }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, canSeeHealth);
  const now = new Date();
  const url = new URL(request.url);
  const tagName = url.searchParams.get("tag") ?? "";
  const orgSlug = url.searchParams.get("org") ?? "";
  const period = PERIODS.find((p) => String(p) === url.searchParams.get("period")) ?? DEFAULT_PERIOD;
  const act = Number(url.searchParams.get("act")) || null;
  const tagList = listTags({ page: 1, perPage: 60 }).tags;
  const orgList = organisationNames();
  const tagFilter = tagList.find((x) => x.name === tagName)?.id;
  const orgFilter = orgList.find((o) => o.slug === orgSlug)?.id;
  // Every flagged member's numbers stay on the server: the page lists the top ones, and shows the chosen
  // period's funnel, routing and introductions (the snapshot has them for every period).
  const {
    report: { allFlagged: _all, history, funnels, routing, introductions, waiting, ...report },
    computedAt,
  } = currentHealthReport({ tagFilter, orgFilter });
  const upcoming = upcomingMeetups(6, now);
  // Read fresh (the report is a snapshot up to two hours old): the come-back rate of all nudges, and what
  // followed each listed member's latest one.
  const outcomes = nudgeOutcomes(now);
  const listed = new Set(report.members.map((m) => m.userId));
  const followUps = Object.fromEntries(
    outcomes.filter((o) => listed.has(o.userId)).map((o) => [o.userId, followUp(o, now)]),
  );
  return json({
    // The browser gets what the rows show, not the rule's rates and evidence.
    report: {
      ...report,
      members: report.members.map(
        ({ userId, name, handle, state, baselineCount, recentCount, change, causes, lastAction }) => ({
          userId,
          name,
          handle,
          state,
          baselineCount,
          recentCount,
          change,
          causes,
          lastAction,
        }),
      ),
    },
    funnel: funnels[period],
    computedAt,
    comeback: comebackRate(outcomes),
    comparison: comebackComparison(history, now),
    suggestions: suggestedActions(report.members, now, waiting),
    followUps,
    upcoming,
    routing: routing[period],
    act: report.members.some((m) => m.userId === act) ? act : null,
    tags: tagList.map((x) => x.name),
    orgs: orgList.map((o) => ({ slug: o.slug, name: o.name })),
    tag: tagName,
    org: orgSlug,
    period,
    introductions: introductions[period],
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const lead = await requirePermission(request, canSeeHealth);
  const parsed = parseForm(HealthActionSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.errors);
  const input = parsed.data;
  const event = input.intent === "invite" ? getEvent(input.eventId) : null;
  if (input.intent === "invite" && (!event || event.status !== "scheduled" || event.startsAt <= new Date()))
    return badRequest({ eventId: "error.invalid" });
  const member = findUserById(input.userId);
  if (!member) return badRequest({ form: "error.unknownMember" });
  // The invitation's text is in the member's language; a nudge is the lead's own words.
  const message =
    input.intent === "nudge"
      ? input.message
      : event
        ? translator(member.locale ?? DEFAULT_LOCALE)("health.inviteMessage", { lead: lead.name, title: event.title })
        : "";
  recordHealthAction({ lead, userId: input.userId, kind: input.intent, message, event });
  // Back to the view the lead acted from (tag, organisation, period), minus the open form.
  const back = new URL(request.url).searchParams;
  back.delete("act");
  back.set("done", input.intent);
  return redirect(`/health?${back}#member-${input.userId}`);
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "health.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: healthStyles }];
export default function Health() {
  const {
    report,
    funnel,
    computedAt,
    comeback,
    comparison,
    suggestions,
    followUps,
    upcoming,
    routing,
    act,
    tags,
    orgs,
    tag,
    org,
    period,
    introductions,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const location = useLocation();
  const filters = new URLSearchParams({
    ...(tag ? { tag } : {}),
    ...(org ? { org } : {}),
    ...(period !== DEFAULT_PERIOD ? { period: String(period) } : {}),
  });
  const exportLink = (kind: string) => `/health/export/${kind}${filters.toString() ? `?${filters}` : ""}`;
  const errors: FormErrors = actionData && !actionData.ok ? actionData.errors : {};
  // With no row open the whole list is one fragment (below), and its rows are plain.
  const listCached = act === null && !actionData;
  const todoList = () => (
    <ol className="health-todo">
      {report.members.map((m) => {
        const row = { member: m, upcoming, suggestion: suggestions[m.userId], followUp: followUps[m.userId] };
        return (
          <li key={m.userId} id={`member-${m.userId}`}>
            {listCached || act === m.userId || actionData ? (
              <MemberTodo {...row} open={act === m.userId} errors={act === m.userId ? errors : {}} />
            ) : (
              // A closed row is the same for every lead until the next snapshot or action: rendered once. It shows
              // no meetups (only the open row's invitation does), so they are not among its inputs.
              <StaticFragment parts={["member-todo", locale, location.search, m, row.suggestion, row.followUp]}>
                {() => <MemberTodo {...row} open={false} errors={{}} />}
              </StaticFragment>
            )}
          </li>
        );
      })}
    </ol>
  );
  const chartProps = {
    vitals: report.vitals,
    decline: report.decline,
    activeDecline: report.activeDecline,
    period,
    warning: report.earlyWarning,
    unknown: report.vitalsOf?.unknown,
  };
  return (
    <>
      <h1>{t("health.title")}</h1>
      <p className="lead">{t("health.intro")}</p>
      <p className="muted small">{t("health.computedAt", { date: formatDate(computedAt, locale, "datetime") })}</p>
      <StatusLine
        status={report.status}
        decline={report.decline}
        activeDecline={report.activeDecline}
        flags={report.flags}
      />
      <FormError error={errors.form} />
      {params.get("done") === "nudge" || params.get("done") === "invite" ? (
        <p className="notice" role="status">
          {t(params.get("done") === "nudge" ? "health.nudgeSent" : "health.inviteSent")}
        </p>
      ) : null}
      {/* Two hundred organisations and sixty tags as options: the same for every lead, rendered once. */}
      {/* Remix's <Form> takes the page's URL, query string included, as its action. */}
      <StaticFragment
        parts={["health-filters", locale, location.pathname, location.search, tags, orgs, tag, org, period]}
      >
        {() => <HealthFilters tags={tags} orgs={orgs} tag={tag} org={org} period={period} />}
      </StaticFragment>

      <h2>
        {report.vitalsOf
          ? t(report.vitalsOf.kind === "tag" ? "health.vitalsTag" : "health.vitalsOrg", { name: report.vitalsOf.name })
          : t("health.vitals")}
      </h2>
      <p>
        {t("health.dauMau", { dau: report.dau, mau: report.mau })}{" "}
        <span className="health-comeback">
          {t("health.comeback", { back: comeback.cameBack, nudged: comeback.nudged, pending: comeback.pending })}
        </span>{" "}
        <CsvLink href={exportLink("vitals")} table={t("health.vitals")} />
      </p>
      <ComebackComparison comparison={comparison} />
      {/* Eleven charts of 1,800 elements, the same for every lead until the next snapshot: rendered once. */}
      <StaticFragment parts={["vital-charts", locale, chartProps]}>
        {() => <VitalCharts {...chartProps} />}
      </StaticFragment>
      <h2>
        {t("health.funnel", { weeks: period })}{" "}
        <CsvLink href={exportLink("funnel")} table={t("health.funnel", { weeks: period })} />
      </h2>
      <FunnelTable funnel={funnel} />

      <h2 id="members">
        {t("health.members")} <CsvLink href={exportLink("members")} table={t("health.members")} />
      </h2>
      {report.flaggedMembers > report.members.length ? (
        <p className="muted small">
          {t("health.membersShown", { shown: report.members.length, total: report.flaggedMembers })}
        </p>
      ) : null}
      {report.members.length ? (
        listCached ? (
          // No row open: the whole list is the same for every lead until the next snapshot or action, rendered once.
          // One fragment instead of fifty: each one's lookup (its inputs' JSON and hash, its contexts) cost ~10 µs.
          <StaticFragment parts={["member-todos", locale, location.search, report.members, suggestions, followUps]}>
            {todoList}
          </StaticFragment>
        ) : (
          todoList()
        )
      ) : (
        <p className="muted">{t("health.none")}</p>
      )}

      <RoutingOutcome outcome={routing} computedAt={computedAt} />
      <IntroductionOutcomes outcomes={introductions} weeks={period} computedAt={computedAt} />

      <div className="profile-columns">
        <section aria-labelledby="tags-declining">
          <h2 id="tags-declining">
            {t("health.tags")} <CsvLink href={exportLink("tags")} table={t("health.tags")} />
          </h2>
          <DecliningList
            items={report.tags.map((x) => ({
              key: x.id,
              href: `/tags/${encodeURIComponent(x.name)}`,
              name: x.name,
              trend: x,
              causes: (
                <VolumeCauses
                  coolingMembers={x.coolingMembers}
                  people={x.people}
                  unanswered={x.unanswered}
                  tag={x.name}
                />
              ),
            }))}
          />
          <h2>
            {t("health.concentration")} <CsvLink href={exportLink("concentration")} table={t("health.concentration")} />
          </h2>
          <ConcentrationList concentration={report.concentration} />
        </section>
        <section aria-labelledby="orgs-declining">
          <h2 id="orgs-declining">
            {t("health.orgs")} <CsvLink href={exportLink("orgs")} table={t("health.orgs")} />
          </h2>
          <DecliningList
            items={report.orgs.map((o) => ({
              key: o.id,
              href: `/orgs/${o.slug}`,
              name: o.name,
              trend: o,
              causes: <VolumeCauses coolingMembers={o.coolingMembers} people={o.people} />,
            }))}
          />
        </section>
      </div>
    </>
  );
}
