import type { LoaderFunctionArgs } from "@remix-run/node";
import { CHART_WEEKS, DEFAULT_PERIOD, PERIODS, VITALS, type Period } from "~/health/vitals";
import type { SuggestedAction } from "~/health/todo";
import { causeText, peopleText, pct, suggestionText } from "~/health/text";
import type { WhoIsGoing } from "~/health/tag-trend";
import type { HealthReport } from "~/models/health.server";
import { suggestedActions } from "~/models/health-act.server";
import { currentHealthReport } from "~/models/health-snapshot.server";
import { organisationNames } from "~/models/organisation.server";
import { listTags } from "~/models/tag.server";
import { type Translate } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { canSeeHealth } from "~/utils/permissions";
import { requirePermission } from "~/utils/auth.server";
import { csvResponse } from "~/utils/csv.server";
import { resolveLocale } from "~/utils/preferences.server";
import { notFound } from "~/utils/http.server";

/** The rows the /health tables show, as CSV, with the same filters. */
function table(
  kind: string,
  report: HealthReport,
  t: Translate,
  period: Period,
  suggestions: () => Record<number, SuggestedAction>,
) {
  const trend = (x: { baselineCount: number; recentCount: number; change: number }) =>
    t("health.numbers", { before: x.baselineCount, recent: x.recentCount, change: pct(x.change) });
  if (kind === "members") {
    const suggested = suggestions();
    return [
      [
        t("health.col.member"),
        "handle",
        t("health.col.state"),
        t("health.col.numbers"),
        t("health.col.causes"),
        t("health.col.action"),
      ],
      ...report.members.map((m) => [
        m.name,
        m.handle,
        t(`health.state.${m.state!}`),
        trend(m),
        m.causes.map((c) => causeText(t, c)).join("; "),
        suggestionText(t, suggested[m.userId], m.name),
      ]),
    ];
  }
  const volumeCauses = (x: {
    coolingMembers: { count: number; named: { name: string }[] };
    people: WhoIsGoing;
    unanswered?: number;
  }) =>
    [
      peopleText(t, x.people),
      x.coolingMembers.count
        ? `${t("health.cause.coolingMembers", { count: x.coolingMembers.count })} ${x.coolingMembers.named.map((m) => m.name).join(", ")}`
        : "",
      x.unanswered ? t("health.cause.unansweredInTag", { count: x.unanswered }) : "",
    ]
      .filter(Boolean)
      .join("; ");
  const volumeHeader = (first: string) => [
    first,
    t("health.col.state"),
    t("health.col.numbers"),
    t("health.col.causes"),
  ];
  if (kind === "tags")
    return [
      volumeHeader(t("health.col.tag")),
      ...report.tags.map((x) => [x.name, t(`health.state.${x.state!}`), trend(x), volumeCauses(x)]),
    ];
  if (kind === "orgs")
    return [
      volumeHeader(t("health.col.organisation")),
      ...report.orgs.map((x) => [x.name, t(`health.state.${x.state!}`), trend(x), volumeCauses(x)]),
    ];
  if (kind === "vitals") {
    return [
      [t("health.week"), ...VITALS.map((vital) => t(`health.chart.${vital}`))],
      ...report.vitals.slice(-CHART_WEEKS).map((v) => [v.week, ...VITALS.map((vital) => v[vital] ?? "")]),
    ];
  }
  if (kind === "funnel") {
    const funnel = report.funnels[period];
    return [
      [t("health.col.state"), t("health.funnel.members")],
      ...(["joined", "participated", "asked", "produced"] as const).map((stage) => [
        t(`health.funnel.${stage}`),
        funnel[stage],
      ]),
      ...(funnel.checklist === undefined ? [] : [[t("health.funnel.checklist"), funnel.checklist]]),
    ];
  }
  if (kind === "concentration") {
    return [
      [t("health.col.tag"), t("health.col.numbers"), t("health.carriersCooling")],
      ...report.concentration.map((c) => [
        c.name,
        t("health.concentrationLine", { count: c.factor, total: c.total }),
        c.carriersCooling ? "✓" : "",
      ]),
    ];
  }
  return null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, canSeeHealth);
  const url = new URL(request.url);
  const tagId = listTags({ page: 1, perPage: 60 }).tags.find((x) => x.name === url.searchParams.get("tag"))?.id;
  const orgId = organisationNames().find((o) => o.slug === url.searchParams.get("org"))?.id;
  const period = PERIODS.find((p) => String(p) === url.searchParams.get("period")) ?? DEFAULT_PERIOD;
  const { report } = currentHealthReport({ tagFilter: tagId, orgFilter: orgId });
  const rows = table(params.kind ?? "", report, translator(resolveLocale(request, user)), period, () =>
    suggestedActions(report.members, new Date(), report.waiting),
  );
  if (!rows) throw notFound();
  return csvResponse(rows, `kring-health-${params.kind}.csv`);
}
