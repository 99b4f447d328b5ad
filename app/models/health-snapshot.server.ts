/**
 * The /health report's hourly snapshot (docs/health.md, "How the report is made", step 3): the unfiltered
 * report stored in health_snapshots, and what the page and its CSV read from it.
 */
import { desc, eq, lt, sql } from "drizzle-orm";
import { healthSnapshots, healthViews, organisations, tags } from "~db/schema";
import { healthStatus } from "~/health/rules";
import { PERIODS, type Period, type Vital } from "~/health/vitals";
import { db, writeUnlessReadOnly, writeTransaction } from "~/utils/db.server";
import { describeFlags, healthReport, latestActions, REPORT_VERSION } from "./health.server";
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

/** The latest stored snapshot if it is under two hours old, parsed once per process. */
function storedSnapshot(now: Date) {
  const row = db
    .select({ id: healthSnapshots.id, computedAt: healthSnapshots.computedAt })
    .from(healthSnapshots)
    .orderBy(desc(healthSnapshots.computedAt))
    .limit(1)
    .get();
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

type StoredView = { version: number; vitals: ReturnType<typeof scopedVitals> };

/**
 * A tag's or organisation's own vital signs as of the latest snapshot: computed at the first filtered view after
 * it and stored, so later views, in any process, read them until the next snapshot, as the unfiltered vital
 * signs are. They read every question of the tag in a year: 0.1–0.5 s for a large tag at 1M posts.
 */
function viewVitals(scope: VitalScope, snapshotAt: Date, now: Date) {
  const key = "tagId" in scope ? `tag:${scope.tagId}` : `org:${scope.orgId}`;
  const row = db.select().from(healthViews).where(eq(healthViews.scope, key)).get();
  const stored = row && row.computedAt >= snapshotAt ? (JSON.parse(row.vitals) as StoredView) : null;
  if (stored?.version === REPORT_VERSION) return stored.vitals;
  const vitals = scopedVitals(now, scope);
  const value = { computedAt: now, vitals: JSON.stringify({ version: REPORT_VERSION, vitals } satisfies StoredView) };
  // Like the snapshot, a read-only database shows the view without storing it.
  writeUnlessReadOnly(() =>
    db
      .insert(healthViews)
      .values({ scope: key, ...value })
      .onConflictDoUpdate({ target: healthViews.scope, set: value })
      .run(),
  );
  return vitals;
}

/**
 * The report seen through a tag or an organisation: the snapshot's flagged members who have standing in
 * the tag or belong to the organisation (the rule judges each member alone, so filtering its result is
 * the same as judging the filtered members), with their causes; the tag's or organisation's own vital
 * signs from their rollups (the tag's when both are chosen; `viewVitals`), and the status on those; everything
 * else from the snapshot.
 */
export function filteredHealthReport(
  { tagFilter, orgFilter }: { tagFilter?: number; orgFilter?: number },
  now = new Date(),
) {
  const latest = latestHealthReport(now);
  const ids = JSON.stringify(latest.report.allFlagged.map((f) => f.userId));
  const inFilter = new Set(
    db
      .all<{ id: number }>(
        sql`
        select value as id from json_each(${ids})
        where (${tagFilter ?? null} is null or exists (select 1 from tag_reputation where user_id = value and tag_id = ${tagFilter ?? null} and points > 0))
          and (${orgFilter ?? null} is null or exists (select 1 from memberships where user_id = value and org_id = ${orgFilter ?? null}))`,
      )
      .map((r) => r.id),
  );
  const flagged = latest.report.allFlagged.filter((f) => inFilter.has(f.userId));
  const members = describeFlags(now, flagged, 50, new Set(latest.report.orgs.map((o) => o.id)));
  const scope: VitalScope = tagFilter ? { tagId: tagFilter } : { orgId: orgFilter! };
  const { unknown, ...own } = viewVitals(scope, latest.computedAt, now);
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
    flagged.length +
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
      flaggedMembers: flagged.length,
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
