/**
 * The /health report's hourly snapshot (docs/health.md, "How the report is made", step 3): the unfiltered
 * report stored in health_snapshots, and what the page and its CSV read from it.
 */
import { desc, eq, lt, sql } from "drizzle-orm";
import { healthSnapshots, healthViews, organisations, tags } from "~db/schema";
import { healthStatus } from "~/health/rules";
import { PERIODS, type Period, type Vital } from "~/health/vitals";
import { db, prepared, writeUnlessReadOnly, writeTransaction } from "~/utils/db.server";
import { describeFlags, healthReport, latestActions, REPORT_VERSION, type MemberFlag } from "./health.server";
import type { MemberVerdict } from "./health-members.server";
import { waitingQuestions } from "./health-act.server";
import { scopedVitals, type VitalScope } from "./health-vitals.server";
import { introductionOutcomes } from "./introduction.server";
import { routingOutcome } from "./routing-outcome.server";

/** Whose vital signs the page shows: the community's (null), or one tag's or organisation's. */
export type VitalsOf = { kind: "tag" | "org"; name: string; unknown: Vital[] } | null;

const SNAPSHOT_MAX_AGE_MS = 2 * 60 * 60 * 1000;

/**
 * The unfiltered report as stored: the health report, for each period routing's and introductions' outcomes,
 * and the questions waiting for an answer in each tag. Those read every question or introduction of the period
 * (145k questions in 26 weeks at 1M posts), so they are computed with the snapshot, not on every view.
 */
export function snapshotReport(now: Date) {
  const perPeriod = <T>(of: (weeks: Period) => T) =>
    Object.fromEntries(PERIODS.map((p) => [p, of(p)])) as Record<Period, T>;
  return {
    ...healthReport(now),
    routing: perPeriod((weeks) => routingOutcome(now, weeks)),
    introductions: perPeriod((weeks) => introductionOutcomes(weeks, now)),
    // The search behind the flagged members' suggested actions; each view re-checks what it offers.
    waiting: waitingQuestions(now),
  };
}

export type SnapshotReport = ReturnType<typeof snapshotReport>;

/** Computes the unfiltered report and stores it (the hourly job, or the first visit without a recent one). */
export function refreshHealthSnapshot(now = new Date()) {
  const report = snapshotReport(now);
  // /health refreshes a stale snapshot on a GET: a read-only database shows the report without storing it (docs/accounts.md).
  writeUnlessReadOnly(() =>
    writeTransaction((tx) => {
      tx.insert(healthSnapshots)
        .values({ computedAt: now, report: JSON.stringify(report) })
        .run();
      const old = new Date(now.getTime() - 2 * SNAPSHOT_MAX_AGE_MS);
      tx.delete(healthSnapshots).where(lt(healthSnapshots.computedAt, old)).run();
      tx.delete(healthViews).where(lt(healthViews.computedAt, old)).run();
    }),
  );
  return { report, computedAt: now };
}

/**
 * The snapshot this process parsed last, by its row: a stored snapshot never changes (a new one is a new row), so
 * it cannot be stale, and another process's snapshot is read as soon as it is the latest. Frozen, as it is shared.
 */
let parsed: { id: number; report: SnapshotReport } | null = null;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Asked by every view of /health, prepared once. */
const latestSnapshotQuery = prepared(() =>
  db
    .select({ id: healthSnapshots.id, computedAt: healthSnapshots.computedAt })
    .from(healthSnapshots)
    .orderBy(desc(healthSnapshots.computedAt))
    .limit(1)
    .prepare(),
);

/** The latest stored snapshot if it is under two hours old, parsed once per process. */
function storedSnapshot(now: Date) {
  const row = latestSnapshotQuery().get();
  if (!row || now.getTime() - row.computedAt.getTime() >= SNAPSHOT_MAX_AGE_MS) return null;
  if (parsed?.id !== row.id) {
    const { report } = db
      .select({ report: healthSnapshots.report })
      .from(healthSnapshots)
      .where(eq(healthSnapshots.id, row.id))
      .get()!;
    parsed = { id: row.id, report: deepFreeze(JSON.parse(report) as SnapshotReport) };
  }
  return { report: parsed.report, computedAt: row.computedAt };
}

/**
 * The latest report, at most two hours old, with each flagged member's latest action read fresh (a
 * nudge shows at once).
 */
export function latestHealthReport(now = new Date()): {
  report: SnapshotReport & { vitalsOf: VitalsOf };
  computedAt: Date;
} {
  const stored = storedSnapshot(now);
  // A snapshot written by an older version of the report is recomputed rather than misread.
  const snapshot = stored?.report.version === REPORT_VERSION ? stored : refreshHealthSnapshot(now);
  const latest = latestActions(snapshot.report.members.map((m) => m.userId));
  return {
    ...snapshot,
    report: {
      ...snapshot.report,
      members: snapshot.report.members.map((m) => ({ ...m, lastAction: latest.get(m.userId) ?? null })),
      vitalsOf: null,
    },
  };
}

/** A filtered view as stored: its own vital signs, how many flagged members it has, and the first 50 described. */
type View = { vitals: ReturnType<typeof scopedVitals>; flagged: number; members: MemberFlag[] };

/**
 * A filtered view as of the latest snapshot: computed at its first view after it and stored, so later views, in
 * any process, read it until the next snapshot, as the unfiltered report is. A large tag's vital signs read every
 * question of the tag in a year (0.1–0.5 s at 1M posts) and its fifty members' causes take 55 ms.
 */
function storedView(scope: string, snapshotAt: Date, now: Date, compute: () => View): View {
  const row = db.select().from(healthViews).where(eq(healthViews.scope, scope)).get();
  const stored = row && row.computedAt >= snapshotAt ? (JSON.parse(row.view) as { version: number; view: View }) : null;
  if (stored?.version === REPORT_VERSION) return stored.view;
  const view = compute();
  const value = { computedAt: now, view: JSON.stringify({ version: REPORT_VERSION, view }) };
  // Like the snapshot, a read-only database shows the view without storing it.
  writeUnlessReadOnly(() =>
    db
      .insert(healthViews)
      .values({ scope, ...value })
      .onConflictDoUpdate({ target: healthViews.scope, set: value })
      .run(),
  );
  return view;
}

/** The snapshot's flagged members who have standing in the tag and belong to the organisation (either may be absent). */
function flaggedIn(allFlagged: MemberVerdict[], tagFilter: number | null, orgFilter: number | null) {
  const inFilter = new Set(
    db
      .all<{ id: number }>(
        sql`
        select value as id from json_each(${JSON.stringify(allFlagged.map((f) => f.userId))})
        where (${tagFilter} is null or exists (select 1 from tag_reputation where user_id = value and tag_id = ${tagFilter} and points > 0))
          and (${orgFilter} is null or exists (select 1 from memberships where user_id = value and org_id = ${orgFilter}))`,
      )
      .map((r) => r.id),
  );
  return allFlagged.filter((f) => inFilter.has(f.userId));
}

/**
 * The report seen through a tag or an organisation: the snapshot's flagged members who have standing in
 * the tag or belong to the organisation (the rule judges each member alone, so filtering its result is
 * the same as judging the filtered members), with their causes; the tag's or organisation's own vital
 * signs from their rollups (the tag's when both are chosen), and the status on those; everything else from
 * the snapshot. The view is kept until the next snapshot (`storedView`); each member's latest action is read
 * fresh, as on the unfiltered page.
 */
export function filteredHealthReport(
  { tagFilter, orgFilter }: { tagFilter?: number; orgFilter?: number },
  now = new Date(),
) {
  const latest = latestHealthReport(now);
  const scope: VitalScope = tagFilter ? { tagId: tagFilter } : { orgId: orgFilter! };
  const key = [tagFilter && `tag:${tagFilter}`, orgFilter && `org:${orgFilter}`].filter(Boolean).join("+");
  const view = storedView(key, latest.computedAt, now, () => {
    const flagged = flaggedIn(latest.report.allFlagged, tagFilter ?? null, orgFilter ?? null);
    const decliningOrgs = new Set(latest.report.orgs.map((o) => o.id));
    return {
      vitals: scopedVitals(now, scope),
      flagged: flagged.length,
      members: describeFlags(now, flagged, 50, decliningOrgs),
    };
  });
  const actions = latestActions(view.members.map((m) => m.userId));
  const members = view.members.map((m) => ({ ...m, lastAction: actions.get(m.userId) ?? null }));
  const { unknown, ...own } = view.vitals;
  const name =
    "tagId" in scope
      ? db
          .select({ name: tags.name })
          .from(tags)
          .where(sql`${tags.id} = ${scope.tagId}`)
          .get()?.name
      : db
          .select({ name: organisations.name })
          .from(organisations)
          .where(sql`${organisations.id} = ${scope.orgId}`)
          .get()?.name;
  // What needs attention in this view: its flagged members, the tag or organisation itself, the tag resting on cooling members.
  const flags =
    view.flagged +
    ("tagId" in scope
      ? latest.report.tags.filter((t) => t.id === scope.tagId).length +
        latest.report.concentration.filter((c) => c.tagId === scope.tagId && c.carriersCooling).length
      : latest.report.orgs.filter((o) => o.id === scope.orgId).length);
  return {
    ...latest,
    report: {
      ...latest.report,
      ...own,
      status: healthStatus({ communityDeclining: own.decline.declining || own.activeDecline.declining, flags }),
      flags,
      members,
      flaggedMembers: view.flagged,
      vitalsOf: { kind: "tagId" in scope ? "tag" : "org", name: name ?? "", unknown } as VitalsOf,
    },
  };
}

/** What /health and its CSV show: the hourly snapshot; filtered by tag or organisation, its flagged members are described now. */
export function currentHealthReport(
  { tagFilter, orgFilter }: { tagFilter?: number; orgFilter?: number },
  now = new Date(),
) {
  return tagFilter || orgFilter ? filteredHealthReport({ tagFilter, orgFilter }, now) : latestHealthReport(now);
}
