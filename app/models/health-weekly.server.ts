/**
 * What the weekly health rules gave on a Monday, over the complete weeks before it (health_weekly; docs/health.md,
 * "How the report is made"): computed by the first report of the week, read by the others.
 */
import { and, eq, inArray } from "drizzle-orm";
import { healthWeekly } from "~db/schema";
import { db, writeUnlessReadOnly } from "~/utils/db.server";

export type WeeklyKind = "verdict" | "concentration" | "first-activity";

/** The stored values of `kind` for the given Mondays. */
export function storedWeekly<T>(kind: WeeklyKind, weeks: string[]) {
  const rows = db
    .select({ week: healthWeekly.week, value: healthWeekly.value })
    .from(healthWeekly)
    .where(and(eq(healthWeekly.kind, kind), inArray(healthWeekly.week, weeks)))
    .all();
  return new Map(rows.map((r) => [r.week, JSON.parse(r.value) as T]));
}

/** Stores values of `kind` (a value another process stored first stays). */
export function storeWeekly<T>(kind: WeeklyKind, values: { week: string; value: T }[]) {
  if (!values.length) return;
  // A report on a read-only database is computed without storing (docs/accounts.md).
  writeUnlessReadOnly(() =>
    db
      .insert(healthWeekly)
      .values(values.map((v) => ({ week: v.week, kind, value: JSON.stringify(v.value) })))
      .onConflictDoNothing()
      .run(),
  );
}

/** The value of `kind` for Monday `week`: stored, or computed now and stored. */
export function weekly<T>(kind: WeeklyKind, week: string, compute: () => T): T {
  const stored = storedWeekly<T>(kind, [week]).get(week);
  if (stored !== undefined) return stored;
  const value = compute();
  storeWeekly(kind, [{ week, value }]);
  return value;
}
