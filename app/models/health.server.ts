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
  REACTION_DAYS,
  RECENT_POSTS,
  EARLIER_POSTS,
  type Cause,
  type CauseRows,
  type CoolingMembers,
} from "~/health/causes";
import { COMEBACK_DAYS, nudgeOutcome, type NudgeOutcome } from "~/health/comeback";
import { earlyWarning } from "~/health/forecast";
import { BASELINE_WEEKS, communityDecline, healthStatus, TEST_WEEKS, type Trend } from "~/health/rules";
import { completeWeeks, seriesBy, TREND_WEEKS } from "~/health/series";
import { CHART_WEEKS, latestVisits, PERIODS, vitalWeeks, type Period } from "~/health/vitals";
import { NOBODY_GOING, volumeTrend, whoIsGoing, type PeopleRow } from "~/health/tag-trend";
import { CONTRIBUTING_VERBS } from "~/health/weights";
import { db, prepared, writeTransaction } from "~/utils/db.server";
import { communityMidnight, DAY_MS } from "~/utils/time";
import { recordAudit } from "./audit.server";
import { verdictHistory } from "./health-history.server";
import { memberVerdictsNow, type MemberVerdict } from "./health-members.server";
import { weekly } from "./health-weekly.server";
import { journeyFunnel, vitalRows } from "./health-vitals.server";
import { notify } from "./notification.server";

/** Bumped when the report's shape changes, so stored snapshots of the old shape are not read. */
export const REPORT_VERSION = 11;
/** Values for `in (…)`. */
const list = (values: (number | string)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** What the causes of the given members are judged on: one query per kind of cause, for all of them. */
function causeRows(userIds: number[], now: Date): CauseRows {
  const since = now.getTime() - TREND_WEEKS * 7 * DAY_MS;
  const yearBefore = since - 52 * 7 * DAY_MS;
  const reaction = REACTION_DAYS * DAY_MS;
  const ids = list(userIds);
  return {
    // Reactions within REACTION_DAYS only, and posts that old at least: a year-old post had no longer to
    // collect them than last month's. An answer has no title of its own: its link reads as its question's.
    // The posts are numbered first and only the kept ones are looked at: a busy member has thousands a year.
    // By author: without statistics SQLite would rather walk a year of everyone's posts by kind.
    posts: db.all(sql`
      select k.userId, p.id, p.kind, p.slug, p.parent_id as parentId, coalesce(nullif(p.title, ''), q.title) as title, k.recent,
        (exists (select 1 from votes v where v.post_id = p.id and v.value > 0 and v.created_at <= p.created_at + ${reaction})
          or exists (select 1 from posts c where c.parent_id = p.id and c.status = 'published' and c.author_id <> p.author_id
            and c.created_at <= p.created_at + ${reaction})) as reacted
      from (
        select author_id as userId, id, created_at >= ${since} as recent,
          row_number() over (partition by author_id, created_at >= ${since} order by created_at desc, id desc) as n
        from posts indexed by posts_author_idx
        where author_id in (${ids}) and created_at >= ${yearBefore} and created_at <= ${now.getTime() - reaction}
          and kind in ('article', 'question', 'answer') and status = 'published') k
      join posts p on p.id = k.id left join posts q on q.id = p.parent_id
      where k.n <= case when k.recent then ${RECENT_POSTS} else ${EARLIER_POSTS} end order by k.userId, k.recent desc, k.n`),
    unanswered: db.all(sql`
      select author_id as userId, id, title from posts indexed by posts_author_idx
      where author_id in (${ids}) and kind = 'question' and status = 'published' and answer_count = 0 and created_at >= ${since} and created_at <= ${now.getTime() - 7 * DAY_MS}
      order by created_at desc, id desc`),
    memberships: db
      .select({ userId: memberships.userId, orgId: memberships.orgId })
      .from(memberships)
      .where(inArray(memberships.userId, userIds))
      .all(),
    // The latest meetup's id and title come from the row with max(checked_in_at) (SQLite's bare columns).
    meetups: db.all(sql`
      select a.user_id as userId, sum(a.checked_in_at >= ${now.getTime() - 90 * DAY_MS}) as recent,
        sum(a.checked_in_at < ${now.getTime() - 90 * DAY_MS}) as before, a.event_id as eventId, e.title, max(a.checked_in_at) as at
      from attendance a join events e on e.id = a.event_id
      where a.user_id in (${ids}) and a.checked_in_at >= ${now.getTime() - (90 + 365) * DAY_MS} and a.checked_in_at <= ${now.getTime()}
      group by a.user_id`),
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
  /** Where they live and their strongest tags: what their suggested action is matched on (health-act.server.ts). */
  location: string;
  tagIds: number[];
  baselineCount: number;
  recentCount: number;
  lostPerWeek: number;
  causes: Cause[];
  lastAction: { kind: string; at: Date } | null;
};

/** A member's tags for the suggestions: where they earned the most. */
const TAGS_PER_MEMBER = 5;

/**
 * Each member's name, handle, location and strongest tags. The last two are for their suggested action, kept with
 * the report (as old as the rest of it, up to two hours): read on every view, they were a third of its cost.
 */
const profilesOf = (ids: number[]) =>
  new Map(
    db
      .all<{ id: number; name: string; handle: string; location: string; tagIds: string | null }>(
        sql`select u.id, u.name, u.handle, u.location,
          (select group_concat(tag_id) from (select tag_id from tag_reputation where user_id = u.id and points > 0
            order by points desc limit ${TAGS_PER_MEMBER})) as tagIds
        from users u where u.id in (${list(ids)})`,
      )
      .map((p) => [p.id, { ...p, tagIds: p.tagIds ? p.tagIds.split(",").map(Number) : [] }]),
  );

/** The first `limit` flagged members with names, places, tags, causes and latest actions: six queries for all. */
export function describeFlags(
  now: Date,
  flagged: MemberVerdict[],
  limit: number,
  decliningOrgIds: Set<number>,
): MemberFlag[] {
  const shown = flagged.slice(0, limit);
  const ids = shown.map((f) => f.userId);
  if (!ids.length) return [];
  const profiles = profilesOf(ids);
  const actions = latestActions(ids);
  const causes = memberCauses(ids, causeRows(ids, now), decliningOrgIds);
  return shown.map((f) => ({
    ...f,
    name: profiles.get(f.userId)?.name ?? "",
    handle: profiles.get(f.userId)?.handle ?? "",
    location: profiles.get(f.userId)?.location ?? "",
    tagIds: profiles.get(f.userId)?.tagIds ?? [],
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
    .map(([id, s]) => ({ ...orgNames.get(id)!, ...volumeTrend(s) }))
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
    .map(([id, s]) => ({ id, name: tagNames.get(id) ?? "", ...volumeTrend(s) }))
    .filter((t) => t.state);

  // Members are judged on 7-day windows ending now (health-members.server.ts), tags and organisations on
  // weeks. The verdicts of the past weeks (the cooling share's trend, the come-back comparison) are the
  // weekly rule's over member_weeks, stored once given (health-history.server.ts).
  const { judged, flagged } = memberVerdictsNow(now);
  const history = verdictHistory(now, {
    judged,
    cooling: flagged.filter((m) => m.state === "cooling").length,
    flagged: flagged.map((m) => [m.userId, m.state!]),
  });
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
  const tagPeople = tagAskersAndAnswerers(
    trendWeeks,
    decliningTags.map((t) => t.id),
  );
  const orgPeople = orgAskersAndAnswerers(
    trendWeeks,
    orgs.map((o) => o.id),
  );

  const rows = vitalRows(now, weeks);
  const vitals = vitalWeeks(now, weeks, rows);
  const decline = communityDecline(vitals.map((v) => v.weighted));
  const activeDecline = communityDecline(vitals.map((v) => v.active));
  const concentration = concentrationRisk(
    weekly("concentration", nextMonday(trendWeeks), () =>
      concentrationRows(trendWeeks.slice(-BASELINE_WEEKS), concentrationCandidates(tagSeries)),
    ),
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
    earlyWarning: earlyWarning(
      vitals.slice(-CHART_WEEKS).map((v) => ({ week: v.week, value: v.active })),
      history,
    ),
    /** Who the verdicts of the last weeks flagged, for the come-back comparison (not sent to the page). */
    history: { weeks: history.weeks, members: history.members },
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
      people: tagPeople.get(t.id) ?? NOBODY_GOING,
    })),
    orgs: orgs.map((o) => ({
      ...o,
      coolingMembers: orgCauses.get(o.id) ?? NONE_COOLING,
      people: orgPeople.get(o.id) ?? NOBODY_GOING,
    })),
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
  return viewQueries()
    .nudgeOutcomes.all({ now: now.getTime(), window: COMEBACK_DAYS * DAY_MS })
    .map((row) => nudgeOutcome(row, now));
}

/** Asked by every view of /health, prepared once: preparing took more of a view than running them. */
const viewQueries = prepared(() => ({
  nudgeOutcomes: db.$client.prepare<
    [{ now: number; window: number }],
    { userId: number; at: number; backAt: number | null }
  >(`
    with nudged as (select user_id, max(created_at) as at from health_actions where kind = 'nudge' and created_at <= @now group by user_id)
    select n.user_id as userId, n.at as at,
      (select min(a.created_at) from activities a where a.actor_id = n.user_id and a.created_at > n.at
        and a.created_at <= min(n.at + @window, @now) and a.verb in (${CONTRIBUTING_VERBS.map((v) => `'${v}'`).join(", ")})) as backAt
    from nudged n`),
  latestActions: db.$client.prepare<[string], { userId: number; kind: string; at: number }>(`
    select user_id as userId, kind, max(created_at) as at from health_actions
    where user_id in (select value from json_each(?)) group by user_id`),
}));

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

/** The Monday after the last of `weeks`. */
function nextMonday(weeks: string[]) {
  const after = new Date(`${weeks[weeks.length - 1]}T12:00:00Z`);
  after.setUTCDate(after.getUTCDate() + 7);
  return after.toISOString().slice(0, 10);
}

/**
 * The trend window's 4-week blocks as instants: the baseline's three and the recent one, then the end of the
 * latest week judged. `block` numbers an activity's block in SQL (0–2 baseline, 3 recent).
 */
function blocksOf(trendWeeks: string[]) {
  const starts = [-16, -12, -8, -4].map((i) => communityMidnight(trendWeeks.at(i)!).getTime());
  return {
    from: starts[0],
    end: communityMidnight(nextMonday(trendWeeks)).getTime(),
    block: (column: SQL) =>
      sql`case when ${column} >= ${starts[3]} then 3 when ${column} >= ${starts[2]} then 2 when ${column} >= ${starts[1]} then 1 else 0 end`,
  };
}

/**
 * Who asked and who answered in each declining tag, per 4-week block: distinct members (whoIsGoing). Read
 * from the activity log for the flagged tags only (a few); the smallest activity id of the window bounds each
 * tag's index range.
 */
function tagAskersAndAnswerers(trendWeeks: string[], tagIds: number[]) {
  if (!tagIds.length) return whoIsGoing([], tagIds);
  const { from, end, block } = blocksOf(trendWeeks);
  // Stored for the week: activities added since have larger ids, so it stays a lower bound.
  const firstId = weekly("first-activity", nextMonday(trendWeeks), () =>
    db.get<{ id: number | null }>(
      sql`select min(id) as id from activities indexed by activities_created_idx where created_at >= ${from}`,
    ),
  )?.id;
  if (firstId == null) return whoIsGoing([], tagIds);
  const rows = db.all<PeopleRow>(sql`
    select at.tag_id as key, a.verb, ${block(sql`a.created_at`)} as block, count(distinct a.actor_id) as people
    from activity_tags at cross join activities a on a.id = at.activity_id
    where at.tag_id in (${list(tagIds)}) and at.activity_id >= ${firstId}
      and a.created_at >= ${from} and a.created_at < ${end} and a.verb in ('question', 'answer')
    group by 1, 2, 3`);
  return whoIsGoing(rows, tagIds);
}

/** The same for declining organisations: their members' questions and answers (the actor index per member). */
function orgAskersAndAnswerers(trendWeeks: string[], orgIds: number[]) {
  if (!orgIds.length) return whoIsGoing([], orgIds);
  const { from, end, block } = blocksOf(trendWeeks);
  const rows = db.all<PeopleRow>(sql`
    select m.org_id as key, a.verb, ${block(sql`a.created_at`)} as block, count(distinct a.actor_id) as people
    from memberships m join activities a on a.actor_id = m.user_id
    where m.org_id in (${list(orgIds)}) and a.created_at >= ${from} and a.created_at < ${end} and a.verb in ('question', 'answer')
    group by 1, 2, 3`);
  return whoIsGoing(rows, orgIds);
}

/**
 * The two members with most contributions in each of `tagIds` over `weeks`, and the tag's total, from the
 * member-by-tag rollup (its key answers each tag): a tag resting on more than two is no concentration risk.
 */
function concentrationRows(weeks: string[], tagIds: number[]) {
  if (!tagIds.length) return [];
  return db.all<{ tagId: number; userId: number; contributions: number; total: number }>(sql`
    select tagId, userId, contributions, total from (
      select tag_id as tagId, user_id as userId, sum(contributions) as contributions,
        sum(max(sum(contributions), 0)) over (partition by tag_id) as total,
        row_number() over (partition by tag_id order by sum(contributions) desc, user_id) as n
      from member_tag_weeks
      where tag_id in (${list(tagIds)}) and week >= ${weeks[0]} and week <= ${weeks[weeks.length - 1]}
      group by tag_id, user_id)
    where n <= 2`);
}

export type HealthReport = ReturnType<typeof healthReport>;

/** Each member's latest health action (nudge, invite, handled), in one query. */
export function latestActions(userIds: number[]) {
  if (!userIds.length) return new Map<number, { kind: string; at: Date }>();
  const rows = viewQueries().latestActions.all(JSON.stringify(userIds));
  return new Map(rows.map((r) => [r.userId, { kind: r.kind, at: new Date(r.at) }]));
}
