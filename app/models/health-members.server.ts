/**
 * The member part of /health: each member's days (member_days, kept by recordActivity) over the year
 * (DECAY_DAYS) ending today, for the rule that judges 7-day windows ending now (app/health/decay.ts,
 * docs/health.md). Only members with enough in their baseline (4–16 weeks back) whose last 4 weeks fell are
 * read, one row each.
 *
 * The first snapshot of a community day judges every candidate and stores the day's pass
 * (health_member_passes); the later ones that day re-judge only the candidates who contributed today
 * (docs/health.md, "How the report is made").
 */
import { eq, lt, sql } from "drizzle-orm";
import { healthMemberPasses, healthMemberVerdicts, memberDays } from "~db/schema";
import { DECAY_DAYS, decayNumbers, RECENT_SHARE, type DaySeries } from "~/health/decay";
import { BASELINE_WEEKS, RECENT_WEEKS } from "~/health/rules";
import { db, writeTransaction, writeUnlessReadOnly } from "~/utils/db.server";
import { communityDay, DAY_MS } from "~/utils/time";

/** The community days of the `count` days ending with today, oldest first. */
export function lastDays(now: Date, count: number) {
  // Noon steps: a day is 23 or 25 hours long at the daylight-saving changes.
  const today = new Date(`${communityDay(now)}T12:00:00Z`).getTime();
  return Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

const emptySeries = (days: string[]): DaySeries => ({
  weighted: Array<number>(days.length).fill(0),
  counts: Array<number>(days.length).fill(0),
});

/**
 * The members the rule can judge (a baseline of at least 0.5 a week) and the daily series of the candidates
 * among them: those who pass memberDecay's first gate, checked here in SQL: the last four weeks below
 * RECENT_SHARE of the baseline (a little looser, for rounding). Of 100k members a few thousand pass; the
 * steady majority is never read into JS. One pass over the days read, in key order (member, day): by the day
 * index SQLite would sort them by member first, five times slower (the unary + keeps it off that index).
 */
function memberGate(days: string[]) {
  const baseline = days.slice(-7 * (RECENT_WEEKS + BASELINE_WEEKS), -7 * RECENT_WEEKS);
  const [firstBaselineDay, lastBaselineDay] = [baseline[0], baseline[baseline.length - 1]];
  const baselineSum = sql`sum(case when day >= ${firstBaselineDay} and day <= ${lastBaselineDay} then weighted else 0 end)`;
  const recentSum = sql`sum(case when day > ${lastBaselineDay} then weighted else 0 end)`;
  const rows = db.all<{ userId: number; days: string | null }>(sql`
    select user_id as userId, case when ${recentSum} * ${BASELINE_WEEKS} <= ${RECENT_SHARE} * ${baselineSum} * ${RECENT_WEEKS} + 0.001
      then group_concat(day || ' ' || weighted || ' ' || contributions) end as days
    from member_days where +day >= ${days[0]} and +day <= ${days[days.length - 1]}
    group by user_id having ${baselineSum} >= ${0.5 * BASELINE_WEEKS}`);
  const index = new Map(days.map((d, i) => [d, i]));
  const series = new Map<number, DaySeries>();
  for (const row of rows) {
    if (!row.days) continue;
    const s = emptySeries(days);
    for (const entry of row.days.split(",")) {
      const [day, weighted, contributions] = entry.split(" ");
      const i = index.get(day)!;
      s.weighted[i] += Number(weighted);
      s.counts[i] += Number(contributions);
    }
    series.set(row.userId, s);
  }
  return { judged: rows.length, series };
}

/** The given members' daily weighted contributions and counts over `days` (the last entry being today). */
function daySeries(days: string[], userIds: number[]) {
  const series = new Map<number, DaySeries>(userIds.map((id) => [id, emptySeries(days)]));
  if (!userIds.length) return series;
  const index = new Map(days.map((d, i) => [d, i]));
  // By the primary key, member by member: the ids come as one JSON parameter, whatever their number.
  const rows = db.$client
    .prepare(
      `select m.user_id, m.day, m.weighted, m.contributions from json_each(?) j
       cross join member_days m on m.user_id = j.value and m.day >= ? and m.day <= ?`,
    )
    .raw()
    .all(JSON.stringify(userIds), days[0], days[days.length - 1]) as [number, string, number, number][];
  for (const [userId, day, weighted, contributions] of rows) {
    const s = series.get(userId)!;
    const i = index.get(day)!;
    s.weighted[i] += weighted;
    s.counts[i] += contributions;
  }
  return series;
}

export type MemberVerdict = ReturnType<typeof decayNumbers> & { userId: number };

const judge = (series: Map<number, DaySeries>): MemberVerdict[] =>
  [...series].map(([userId, s]) => ({ userId, ...decayNumbers(s) }));

/** Judges every candidate of the day and stores the pass, unless another process stored it first. */
function makePass(now: Date, days: string[]) {
  const today = days[days.length - 1];
  const { judged, series } = memberGate(days);
  const verdicts = judge(series);
  writeUnlessReadOnly(() =>
    writeTransaction((tx) => {
      // Passes of earlier days are no longer read; the day before stays for a snapshot that straddles midnight.
      tx.delete(healthMemberPasses)
        .where(lt(healthMemberPasses.day, days[days.length - 2]))
        .run();
      const stored = tx
        .insert(healthMemberPasses)
        .values({ day: today, judged, computedAt: now })
        .onConflictDoNothing()
        .returning({ day: healthMemberPasses.day })
        .get();
      if (!stored) return;
      for (let i = 0; i < verdicts.length; i += 500)
        tx.insert(healthMemberVerdicts)
          .values(
            verdicts
              .slice(i, i + 500)
              .map((v) => ({ day: today, userId: v.userId, verdict: v.state ? JSON.stringify(v) : "" })),
          )
          .run();
    }),
  );
  return { judged, verdicts };
}

/**
 * The day's stored pass with the candidates who contributed today judged again (their days changed; no one
 * else's did: docs/health.md, "How the report is made"), or null when there is none.
 */
function storedPass(days: string[]) {
  const today = days[days.length - 1];
  const pass = db.select().from(healthMemberPasses).where(eq(healthMemberPasses.day, today)).get();
  if (!pass) return null;
  const rows = db
    .select({ userId: healthMemberVerdicts.userId, verdict: healthMemberVerdicts.verdict })
    .from(healthMemberVerdicts)
    .where(eq(healthMemberVerdicts.day, today))
    .all();
  const changed = db
    .all<{ userId: number }>(
      sql`select v.user_id as userId from health_member_verdicts v join member_days m on m.user_id = v.user_id and m.day = ${today}
        where v.day = ${today}`,
    )
    .map((r) => r.userId);
  const again = new Map(judge(daySeries(days, changed)).map((v) => [v.userId, v]));
  const verdicts = rows.flatMap((r) => {
    const verdict = again.get(r.userId) ?? (r.verdict ? (JSON.parse(r.verdict) as MemberVerdict) : null);
    return verdict ? [verdict] : [];
  });
  return { judged: pass.judged, verdicts };
}

/**
 * Every member the rule flags now, the ones who lost most per week first, and how many members it could
 * judge (the cooling share's denominator).
 */
export function memberVerdictsNow(now: Date) {
  const days = lastDays(now, DECAY_DAYS);
  const { judged, verdicts } = storedPass(days) ?? makePass(now, days);
  const flagged = verdicts.filter((v) => v.state).sort((a, b) => b.lostPerWeek - a.lostPerWeek);
  return { judged, flagged };
}

/**
 * Deletes member days the rule no longer reads (older than DECAY_DAYS, a week's margin kept): the daily
 * clean-up, so the pass of the day scans a year of rows, not every day since the community began.
 */
export function pruneMemberDays(now: Date) {
  const oldest = lastDays(now, DECAY_DAYS + 7)[0];
  return db.delete(memberDays).where(lt(memberDays.day, oldest)).run().changes;
}
