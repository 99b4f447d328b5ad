/**
 * What /health shows, in three steps (docs/health.md, "How the report is made"): the rows it needs,
 * read here (and the vital signs' in health-vitals.server.ts) with a few set-based queries from the weekly
 * rollups (member_weeks, tag_weeks, org_weeks, community_weeks) that recordActivity keeps; the arithmetic,
 * pure functions in app/health/; and the hourly snapshot, stored by health-snapshot.server.ts. A query's
 * count never depends on how many members are flagged.
 */
import { gte, inArray, sql, type SQL } from "drizzle-orm";
import { healthActions, memberships, organisations, orgWeeks, tags, tagWeeks, users } from "~db/schema";
import {
  concentrationCandidates,
  concentrationRisk,
  coolingMembers,
  flaggedByKey,
  memberCauses,
  namedMembers,
  NONE_COOLING,
  type Cause,
  type CauseRows,
  type CoolingMembers,
} from "~/health/causes";
import { COMEBACK_DAYS, nudgeOutcome, type NudgeOutcome } from "~/health/comeback";
import { BASELINE_WEEKS, communityDecline, healthStatus, RECENT_WEEKS, TEST_WEEKS, type Trend } from "~/health/rules";
import {
  completeWeeks,
  flaggedMembers,
  MIN_BASELINE_PER_WEEK,
  PLAIN_DROP,
  seriesBy,
  TREND_WEEKS,
  trendNumbers,
  unpackWeeks,
} from "~/health/series";
import { latestVisits, PERIODS, vitalWeeks, type Period } from "~/health/vitals";
import { CONTRIBUTING_VERBS } from "~/health/weights";
import { db, writeTransaction } from "~/utils/db.server";
import { DAY_MS } from "~/utils/time";
import { recordAudit } from "./audit.server";
import { journeyFunnel, vitalRows } from "./health-vitals.server";
import { notify } from "./notification.server";

/** Bumped when the report's shape changes, so stored snapshots of the old shape are not read. */
export const REPORT_VERSION = 4;
/** Values for `in (…)`. */
const list = (values: (number | string)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * The weekly rollups of the members the rule can flag at all (mayBeFlagged: a baseline of at least 0.5 a
 * week in weeks 5–16 before now, and the last 4 weeks below half of it), over the trend weeks. Of 100k
 * members about 9k pass; the steady majority is never read into JS. One row per member, their weeks
 * packed into a string (unpackWeeks).
 */
function memberWeekRows(trendWeeks: string[]) {
  const baselineWeeks = trendWeeks.slice(-TREND_WEEKS, -RECENT_WEEKS);
  const lastBaselineWeek = baselineWeeks[baselineWeeks.length - 1];
  const lastWeek = trendWeeks[trendWeeks.length - 1];
  const baseline = sql`sum(case when week <= ${lastBaselineWeek} then weighted else 0 end)`;
  const recent = sql`sum(case when week > ${lastBaselineWeek} then weighted else 0 end)`;
  // mayBeFlagged in SQL (at equality too: JS's divisions round); grouped in the primary key's order, so no sort.
  const candidates = sql`
    select user_id from member_weeks where week >= ${baselineWeeks[0]} and week <= ${lastWeek} group by user_id
    having ${baseline} >= ${MIN_BASELINE_PER_WEEK * BASELINE_WEEKS}
      and ${recent} * ${BASELINE_WEEKS} <= ${PLAIN_DROP} * ${baseline} * ${RECENT_WEEKS}`;
  return unpackWeeks(
    db.all<{ key: number; weeks: string }>(sql`
      select user_id as key, group_concat(week || ' ' || weighted || ' ' || contributions) as weeks from member_weeks
      where week >= ${trendWeeks[0]} and week <= ${lastWeek} and user_id in (${candidates}) group by user_id`),
  );
}

/** What the causes of the given members are judged on: one query per kind of cause, for all of them. */
function causeRows(userIds: number[], now: Date): CauseRows {
  const since = now.getTime() - TREND_WEEKS * 7 * DAY_MS;
  const ids = list(userIds);
  return {
    // An answer has no title of its own: the link to it reads as its question's title.
    recentPosts: db.all(sql`
      select userId, id, kind, slug, parentId, title, score, answers, comments from (
        select p.author_id as userId, p.id, p.kind, p.slug, p.parent_id as parentId, coalesce(nullif(p.title, ''), q.title) as title,
          p.score, p.answer_count as answers, p.comment_count as comments, row_number() over (partition by p.author_id order by p.created_at desc, p.id desc) as n
        from posts p left join posts q on q.id = p.parent_id
        where p.author_id in (${ids}) and p.created_at >= ${since} and p.kind in ('article', 'question', 'answer') and p.status = 'published')
      where n <= 10 order by userId, n`),
    unanswered: db.all(sql`
      select author_id as userId, id, title from posts
      where author_id in (${ids}) and kind = 'question' and status = 'published' and answer_count = 0 and created_at >= ${since} and created_at <= ${now.getTime() - 7 * DAY_MS}
      order by created_at desc, id desc`),
    memberships: db
      .select({ userId: memberships.userId, orgId: memberships.orgId })
      .from(memberships)
      .where(inArray(memberships.userId, userIds))
      .all(),
    meetups: db.all(
      sql`select user_id as userId, count(*) as n from attendance where user_id in (${ids}) and checked_in_at >= ${now.getTime() - 90 * DAY_MS} group by user_id`,
    ),
  };
}

const namesOf = (ids: number[]) =>
  new Map(
    (ids.length
      ? db
          .select({ id: users.id, name: users.name, handle: users.handle })
          .from(users)
          .where(inArray(users.id, ids))
          .all()
      : []
    ).map((u) => [u.id, u]),
  );

export type MemberFlag = Trend & {
  userId: number;
  name: string;
  handle: string;
  baselineCount: number;
  recentCount: number;
  lostPerWeek: number;
  causes: Cause[];
  lastAction: { kind: string; at: Date } | null;
};
type Flagged = ReturnType<typeof flaggedMembers>[number];

/** The first `limit` flagged members with names, causes and latest actions: six queries for all of them. */
export function describeFlags(
  now: Date,
  flagged: Flagged[],
  limit: number,
  decliningOrgIds: Set<number>,
): MemberFlag[] {
  const shown = flagged.slice(0, limit);
  const ids = shown.map((f) => f.userId);
  if (!ids.length) return [];
  const people = namesOf(ids);
  const actions = latestActions(ids);
  const causes = memberCauses(ids, causeRows(ids, now), decliningOrgIds);
  return shown.map((f) => ({
    ...f,
    name: people.get(f.userId)?.name ?? "",
    handle: people.get(f.userId)?.handle ?? "",
    causes: causes.get(f.userId)!,
    lastAction: actions.get(f.userId) ?? null,
  }));
}

/** The full report. `limit`: how many flagged members get names, causes and actions (page and CSV). */
export function healthReport(now = new Date(), { limit = 50 }: { limit?: number } = {}) {
  // Two of the longest periods: the charts and the period before them to compare with.
  const weeks = completeWeeks(now, 2 * Math.max(...PERIODS));
  const trendWeeks = weeks.slice(-TEST_WEEKS);

  // Organisations and tags first: an organisation's decline is a cause for its members.
  const orgRows = db
    .select({
      key: orgWeeks.orgId,
      week: orgWeeks.week,
      weighted: orgWeeks.weighted,
      contributions: orgWeeks.contributions,
    })
    .from(orgWeeks)
    .where(gte(orgWeeks.week, trendWeeks[0]))
    .all();
  const orgNames = new Map(
    db
      .select({ id: organisations.id, name: organisations.name, slug: organisations.slug })
      .from(organisations)
      .all()
      .map((o) => [o.id, o]),
  );
  const orgs = [...seriesBy(orgRows, trendWeeks)]
    .map(([id, s]) => ({ ...orgNames.get(id)!, ...trendNumbers(s) }))
    .filter((o) => o.state);
  const decliningOrgIds = new Set(orgs.map((o) => o.id));

  const tagRows = db
    .select({
      key: tagWeeks.tagId,
      week: tagWeeks.week,
      weighted: tagWeeks.weighted,
      contributions: tagWeeks.contributions,
    })
    .from(tagWeeks)
    .where(gte(tagWeeks.week, trendWeeks[0]))
    .all();
  const tagSeries = seriesBy(tagRows, trendWeeks);
  const tagNames = new Map(
    db
      .select({ id: tags.id, name: tags.name })
      .from(tags)
      .where(inArray(tags.id, [...tagSeries.keys(), -1]))
      .all()
      .map((t) => [t.id, t.name]),
  );
  const decliningTags = [...tagSeries]
    .map(([id, s]) => ({ id, name: tagNames.get(id) ?? "", ...trendNumbers(s) }))
    .filter((t) => t.state);

  const flagged = flaggedMembers(memberWeekRows(trendWeeks), trendWeeks);
  const members = describeFlags(now, flagged, limit, decliningOrgIds);
  const flaggedIds = flagged.map((m) => m.userId);
  const tagCauses = volumeCauses(
    sql`select tag_id as key, user_id as userId from tag_reputation where points > 0`,
    decliningTags,
    flaggedIds,
  );
  const orgCauses = volumeCauses(sql`select org_id as key, user_id as userId from memberships`, orgs, flaggedIds);
  const unanswered = unansweredByTag(
    now,
    decliningTags.map((t) => t.id),
  );

  const rows = vitalRows(now, weeks);
  const vitals = vitalWeeks(now, weeks, rows);
  const decline = communityDecline(vitals.map((v) => v.weighted));
  const activeDecline = communityDecline(vitals.map((v) => v.active));
  const concentration = concentrationRisk(
    concentrationRows(trendWeeks.slice(-BASELINE_WEEKS), concentrationCandidates(tagSeries)),
    tagNames,
    new Set(flaggedIds),
  );

  // What needs a lead's attention: flagged members, tags and organisations, and tags resting on cooling experts.
  const flags =
    flagged.length + decliningTags.length + orgs.length + concentration.filter((c) => c.carriersCooling).length;
  return {
    version: REPORT_VERSION,
    status: healthStatus({ communityDeclining: decline.declining || activeDecline.declining, flags }),
    decline,
    activeDecline,
    vitals,
    funnels: Object.fromEntries(
      PERIODS.map((weeks) => [weeks, journeyFunnel(new Date(now.getTime() - weeks * 7 * DAY_MS), now)]),
    ) as Record<Period, ReturnType<typeof journeyFunnel>>,
    ...latestVisits(rows.visits),
    members,
    flaggedMembers: flagged.length,
    /** Every flagged member's numbers, for views filtered by tag or organisation (not sent to the page). */
    allFlagged: flagged,
    flags,
    tags: decliningTags.map((t) => ({
      ...t,
      coolingMembers: tagCauses.get(t.id) ?? NONE_COOLING,
      unanswered: unanswered.get(t.id) ?? 0,
    })),
    orgs: orgs.map((o) => ({ ...o, coolingMembers: orgCauses.get(o.id) ?? NONE_COOLING })),
    concentration,
  };
}

/** A lead's action on a flagged member, in one transaction: recorded (for the come-back rate) and, for a nudge or an invitation, notified (and emailed). */
export function recordHealthAction(input: {
  lead: { id: number; name: string };
  userId: number;
  kind: "nudge" | "invite" | "handled";
  message?: string;
  event?: { id: number } | null;
  at?: Date;
}) {
  const { lead, userId, kind, message = "", event } = input;
  writeTransaction((tx) => {
    const at = input.at ?? new Date();
    tx.insert(healthActions).values({ leadId: lead.id, userId, kind, message, createdAt: at }).run();
    // The nudge's own words stay out of the log: they may name the member (docs/moderation.md).
    if (kind !== "handled")
      recordAudit(tx, {
        actorId: lead.id,
        action: kind === "nudge" ? "health.nudge" : "health.invite",
        subject: `user:${userId}`,
        detail: kind === "invite" && event ? `event:${event.id}` : "",
        at,
      });
    if (kind === "nudge")
      notify(tx, {
        userId,
        kind: "nudge",
        actorId: lead.id,
        subject: `nudge:${lead.id}`,
        title: lead.name,
        url: "/questions?state=unanswered",
        message,
      });
    if (kind === "invite" && event)
      notify(tx, {
        userId,
        kind: "nudge",
        actorId: lead.id,
        subject: `invite:${event.id}`,
        title: lead.name,
        url: `/events/${event.id}`,
        message,
        dedupeKey: `invite:${event.id}`,
      });
  });
}

/**
 * Each nudged member's latest nudge and their first contribution within 4 weeks after it (nudgeOutcome
 * judges them). One query for all of them (the activity log's actor index answers each lookup).
 */
export function nudgeOutcomes(now = new Date()): NudgeOutcome[] {
  return db
    .all<{ userId: number; at: number; backAt: number | null }>(
      sql`
      with nudged as (select user_id, max(created_at) as at from health_actions where kind = 'nudge' and created_at <= ${now.getTime()} group by user_id)
      select n.user_id as userId, n.at as at,
        (select min(a.created_at) from activities a where a.actor_id = n.user_id and a.created_at > n.at
          and a.created_at <= min(n.at + ${COMEBACK_DAYS * DAY_MS}, ${now.getTime()}) and a.verb in (${list(CONTRIBUTING_VERBS)})) as backAt
      from nudged n`,
    )
    .map((row) => nudgeOutcome(row, now));
}

/** A declining tag's or organisation's own flagged members; `membersOf` selects (key, userId) pairs. */
function volumeCauses(membersOf: SQL, declining: { id: number }[], flaggedIds: number[]) {
  if (!declining.length || !flaggedIds.length) return new Map<number, CoolingMembers>();
  // Pairs of the declining keys only, matched to the flagged members in flaggedByKey (they can be thousands).
  const pairs = db.all<{ key: number; userId: number }>(
    sql`select m.key, m.userId from (${membersOf}) m where m.key in (${list(declining.map((d) => d.id))})`,
  );
  const byKey = flaggedByKey(pairs, flaggedIds);
  return coolingMembers(byKey, namesOf(namedMembers(byKey)));
}

/** Questions of the last 12 weeks in each tag still without an answer after 7 days: a cause of a tag's decline. */
function unansweredByTag(now: Date, tagIds: number[]) {
  if (!tagIds.length) return new Map<number, number>();
  const since = now.getTime() - BASELINE_WEEKS * 7 * DAY_MS;
  // Driven by the questions of the window (kind, status, created_at index), then their tags.
  const rows = db.all<{ tagId: number; n: number }>(sql`
    select pt.tag_id as tagId, count(*) as n from posts p join post_tags pt on pt.post_id = p.id
    where p.kind = 'question' and p.status = 'published' and p.created_at >= ${since} and p.created_at <= ${now.getTime() - 7 * DAY_MS}
      and p.answer_count = 0 and pt.tag_id in (${list(tagIds)})
    group by pt.tag_id`);
  return new Map(rows.map((r) => [r.tagId, r.n]));
}

/** Each member's contributions in each of `tagIds` over `weeks`, from the member-by-tag rollup (its key answers each tag). */
function concentrationRows(weeks: string[], tagIds: number[]) {
  if (!tagIds.length) return [];
  return db.all<{ tagId: number; userId: number; contributions: number }>(sql`
    select tag_id as tagId, user_id as userId, sum(contributions) as contributions from member_tag_weeks
    where tag_id in (${list(tagIds)}) and week >= ${weeks[0]} and week <= ${weeks[weeks.length - 1]}
    group by tag_id, user_id`);
}

export type HealthReport = ReturnType<typeof healthReport>;

/** Each member's latest health action (nudge, invite, handled), in one query. */
export function latestActions(userIds: number[]) {
  if (!userIds.length) return new Map<number, { kind: string; at: Date }>();
  const rows = db.all<{ userId: number; kind: string; at: number }>(sql`
    select user_id as userId, kind, max(created_at) as at from health_actions
    where user_id in (${list(userIds)}) group by user_id`);
  return new Map(rows.map((r) => [r.userId, { kind: r.kind, at: new Date(r.at) }]));
}
