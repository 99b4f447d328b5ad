/**
 * What /health shows, read from the weekly rollups (member_weeks, tag_weeks, org_weeks) that
 * recordActivity keeps, and judged by the pure rules in app/health/rules.ts. "Now" is a parameter.
 */
import { and, desc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { attendance, communityWeeks, healthActions, healthSnapshots, memberships, memberWeeks, organisations, orgWeeks, posts, tags, tagWeeks, users, userVisits } from "~db/schema";
import { PERIODS, type Period, type VitalWeek } from "~/health/vitals";
import { CONTRIBUTION_WEIGHTS } from "~/health/weights";
import { busFactor, communityDecline, healthStatus, memberTrend, RECENT_WEEKS, BASELINE_WEEKS, TEST_WEEKS, type Trend } from "~/health/rules";
import { db, writeUnlessReadOnly } from "~/utils/db.server";
import { communityDay, communityWeek, communityWeekSql, DAY_MS } from "~/utils/time";

/** Bumped when the report's shape changes, so stored snapshots of the old shape are not read. */
const REPORT_VERSION = 4;
const weekOf = (column: string) => sql.raw(communityWeekSql(column));

/**
 * One row per week: the community rollup (weighted contributions, active contributors, readers), new
 * contributors (first contribution that week) and returning ones (the other active contributors),
 * readers per producer, DAU/MAU (average daily visitors over those of the 30 days up to the week's
 * end, in %), questions asked that week still unanswered after 48 hours, the median hours to their
 * first answer, and meetup check-ins.
 */
export function vitalSigns(now: Date, weeks: string[]): VitalWeek[] {
  // Two hours early: Amsterdam's Monday starts before UTC's; rows of the week before are not in `weeks`.
  const from = Date.parse(`${weeks[0]}T00:00:00Z`) - 2 * 3_600_000;
  const byWeek = new Map(db.select().from(communityWeeks).where(gte(communityWeeks.week, weeks[0])).all().map((c) => [c.week, c]));
  const countBy = (query: ReturnType<typeof sql>) => new Map(db.all<{ week: string; n: number }>(query).map((r) => [r.week, r.n]));
  const newByWeek = countBy(sql`select ${weekOf("first_contributed_at")} as week, count(*) as n from users where first_contributed_at >= ${from} group by 1`);
  const checkIns = countBy(sql`select ${weekOf("e.starts_at")} as week, count(*) as n from attendance a join events e on e.id = a.event_id where e.starts_at >= ${from} group by 1`);
  const questions = new Map<string, { unanswered: number; waits: number[] }>();
  for (const q of db.all<{ week: string; wait: number | null; createdAt: number }>(sql`
    select ${weekOf("created_at")} as week, first_answer_at - created_at as wait, created_at as createdAt from posts
    where kind = 'question' and status = 'published' and created_at >= ${from}`)) {
    const entry = questions.get(q.week) ?? { unanswered: 0, waits: [] };
    questions.set(q.week, entry);
    // Unanswered after 48 hours only once 48 hours have passed.
    if (q.wait === null ? q.createdAt <= now.getTime() - 2 * DAY_MS : q.wait > 2 * DAY_MS) entry.unanswered++;
    // A question still waiting waits longer than any answered one so far: leaving it out would make a
    // week with many unanswered questions look fast.
    entry.waits.push(q.wait ?? Infinity);
  }
  const today = communityDay(now);
  const visits = new Map(
    weeks.map((week) => {
      const end = communityDay(Math.min(Date.parse(`${week}T12:00:00Z`) + 6 * DAY_MS, Date.parse(`${today}T12:00:00Z`)));
      const days = Math.round((Date.parse(`${end}T12:00:00Z`) - Date.parse(`${week}T12:00:00Z`)) / DAY_MS) + 1;
      const monthStart = communityDay(Date.parse(`${end}T12:00:00Z`) - 29 * DAY_MS);
      const row = db.get<{ daily: number; monthly: number }>(sql`
        select (select count(*) from user_visits where day >= ${week} and day <= ${end}) as daily,
          (select count(distinct user_id) from user_visits where day >= ${monthStart} and day <= ${end}) as monthly`)!;
      return [week, row.monthly ? Math.round((row.daily / days / row.monthly) * 1000) / 10 : 0];
    }),
  );
  return weeks.map((week) => {
    const c = byWeek.get(week);
    const active = c?.active ?? 0;
    const newContributors = newByWeek.get(week) ?? 0;
    const q = questions.get(week);
    const waits = (q?.waits ?? []).sort((x, y) => x - y);
    return {
      week,
      weighted: Math.round((c?.weighted ?? 0) * 10) / 10,
      active,
      newContributors,
      returning: Math.max(0, active - newContributors),
      readersPerProducer: active ? Math.round(((c?.readers ?? 0) / active) * 10) / 10 : 0,
      dauMau: visits.get(week) ?? 0,
      unanswered48h: q?.unanswered ?? 0,
      firstAnswerHours: waits.length && Number.isFinite(waits[Math.floor(waits.length / 2)]) ? Math.round((waits[Math.floor(waits.length / 2)] / 3_600_000) * 10) / 10 : null,
      attendance: checkIns.get(week) ?? 0,
    };
  });
}

/** The plain reading: a 12-week baseline and the last 4 weeks. */
const TREND_WEEKS = RECENT_WEEKS + BASELINE_WEEKS;

/** The Mondays of the last `count` weeks, oldest first, ending with the current week. */
export function lastWeeks(now: Date, count: number) {
  const current = communityWeek(now);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(`${current}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 7 * (count - 1 - i));
    return d.toISOString().slice(0, 10);
  });
}

function seriesBy<K>(rows: { key: K; week: string; weighted: number; contributions: number }[], weeks: string[]) {
  const index = new Map(weeks.map((w, i) => [w, i]));
  const byKey = new Map<K, { weighted: number[]; counts: number[] }>();
  for (const row of rows) {
    const i = index.get(row.week);
    if (i === undefined) continue;
    let s = byKey.get(row.key);
    if (!s) byKey.set(row.key, (s = { weighted: Array(weeks.length).fill(0), counts: Array(weeks.length).fill(0) }));
    s.weighted[i] += row.weighted;
    s.counts[i] += row.contributions;
  }
  return byKey;
}

export type Cause = { kind: "no_response" | "unanswered" | "no_meetup" | "org_declining"; url?: string; title?: string; count?: number };

function causesOf(userId: number, now: Date, decliningOrgIds: Set<number>): Cause[] {
  const causes: Cause[] = [];
  const since = new Date(now.getTime() - TREND_WEEKS * 7 * DAY_MS);
  const question = alias(posts, "question");
  const recentPosts = db
    // An answer has no title of its own: the link to it reads as its question's title.
    .select({ id: posts.id, kind: posts.kind, slug: posts.slug, parentId: posts.parentId, title: sql<string | null>`coalesce(nullif(${posts.title}, ''), ${question.title})`, score: posts.score, answers: posts.answerCount, comments: posts.commentCount })
    .from(posts)
    .leftJoin(question, eq(question.id, posts.parentId))
    .where(and(eq(posts.authorId, userId), gte(posts.createdAt, since), inArray(posts.kind, ["article", "question", "answer"]), eq(posts.status, "published")))
    .orderBy(desc(posts.createdAt))
    .limit(10)
    .all();
  const ignored = recentPosts.filter((p) => p.score <= 0 && p.comments === 0 && (p.kind !== "question" || p.answers === 0));
  if (recentPosts.length && ignored.length * 2 >= recentPosts.length) {
    const last = ignored[0];
    causes.push({ kind: "no_response", count: ignored.length, url: last.kind === "article" ? `/articles/${last.slug}` : last.kind === "question" ? `/questions/${last.id}` : `/questions/${last.parentId}#post-${last.id}`, title: last.title ?? "" });
  }
  const unanswered = db
    .select({ id: posts.id, title: posts.title })
    .from(posts)
    .where(and(eq(posts.authorId, userId), eq(posts.kind, "question"), eq(posts.status, "published"), eq(posts.answerCount, 0), gte(posts.createdAt, since), lte(posts.createdAt, new Date(now.getTime() - 7 * DAY_MS))))
    .orderBy(desc(posts.createdAt))
    .get();
  if (unanswered) causes.push({ kind: "unanswered", url: `/questions/${unanswered.id}`, title: unanswered.title ?? "" });
  const org = db.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId)).get();
  if (org && decliningOrgIds.has(org.orgId)) causes.push({ kind: "org_declining" });
  const met = db.select({ n: sql<number>`count(*)` }).from(attendance).where(and(eq(attendance.userId, userId), gte(attendance.checkedInAt, new Date(now.getTime() - 90 * DAY_MS)))).get()?.n ?? 0;
  if (!met) causes.push({ kind: "no_meetup" });
  return causes;
}

export type MemberFlag = Trend & { userId: number; name: string; handle: string; baselineCount: number; recentCount: number; lostPerWeek: number; causes: Cause[]; lastAction: { kind: string; at: Date } | null };

function trendNumbers(s: { weighted: number[]; counts: number[] }) {
  const trend = memberTrend(s.weighted, s.counts);
  const baselineCount = s.counts.slice(-TREND_WEEKS, -RECENT_WEEKS).reduce((a, b) => a + b, 0);
  const recentCount = s.counts.slice(-RECENT_WEEKS).reduce((a, b) => a + b, 0);
  return { ...trend, baselineCount, recentCount, lostPerWeek: trend.baselinePerWeek - trend.recentPerWeek };
}

/** Every member the rule flags, the ones who lost most weighted contributions per week first. */
function judgeMembers(trendWeeks: string[]) {
  // Members with enough in their baseline (weeks 5–16 before now) to be judged at all; their full
  // series are then judged by the rule.
  const baselineWeeks = trendWeeks.slice(-TREND_WEEKS, -RECENT_WEEKS);
  const candidates = db
    .select({ userId: memberWeeks.userId })
    .from(memberWeeks)
    .where(and(gte(memberWeeks.week, baselineWeeks[0]), lte(memberWeeks.week, baselineWeeks[baselineWeeks.length - 1])))
    .groupBy(memberWeeks.userId)
    .having(sql`sum(${memberWeeks.weighted}) >= ${0.5 * BASELINE_WEEKS}`);
  // One row per member, their weeks packed into a string: at 100k members there are tens of thousands
  // of candidates, and a row per member-week costs three times as much to read.
  const packed = db.all<{ key: number; weeks: string }>(sql`
    select user_id as key, group_concat(week || ' ' || weighted || ' ' || contributions) as weeks from member_weeks
    where week >= ${trendWeeks[0]} and week <= ${trendWeeks[trendWeeks.length - 1]} and user_id in (${candidates}) group by user_id`);
  const memberRows = packed.flatMap(({ key, weeks }) =>
    weeks.split(",").map((entry) => {
      const [week, weighted, contributions] = entry.split(" ");
      return { key, week, weighted: Number(weighted), contributions: Number(contributions) };
    }),
  );
  return [...seriesBy(memberRows, trendWeeks)]
    .map(([userId, s]) => ({ userId, ...trendNumbers(s) }))
    .filter((m) => m.state)
    .sort((a, b) => b.lostPerWeek - a.lostPerWeek);
}

type Flagged = ReturnType<typeof judgeMembers>[number];

/** The first `limit` flagged members with names, causes (a few queries each) and latest actions. */
function describeFlags(now: Date, flagged: Flagged[], limit: number, decliningOrgIds: Set<number>): MemberFlag[] {
  const shown = flagged.slice(0, limit);
  const shownIds = shown.map((f) => f.userId);
  const people = new Map((shownIds.length ? db.select({ id: users.id, name: users.name, handle: users.handle }).from(users).where(inArray(users.id, shownIds)).all() : []).map((u) => [u.id, u]));
  const actions = latestActions(shownIds);
  return shown.map((f) => ({
    ...f,
    name: people.get(f.userId)?.name ?? "",
    handle: people.get(f.userId)?.handle ?? "",
    causes: causesOf(f.userId, now, decliningOrgIds),
    lastAction: actions.get(f.userId) ?? null,
  }));
}

/** The weeks the report judges: complete weeks only, the last one ending before the current week began. */
function completeWeeks(now: Date, count: number) {
  // The current week has only begun; read as a full week it would look like a drop every Monday.
  return lastWeeks(now, count + 1).slice(0, -1);
}

/** The full report. `limit`: how many flagged members get names, causes and actions (page and CSV). */
export function healthReport(now = new Date(), { limit = 50 }: { limit?: number } = {}) {
  // Two of the longest periods: the charts and the period before them to compare with.
  const weeks = completeWeeks(now, 2 * Math.max(...PERIODS));
  const trendWeeks = weeks.slice(-TEST_WEEKS);

  // Organisations and tags first: an organisation's decline is a cause for its members.
  const orgRows = db.select({ key: orgWeeks.orgId, week: orgWeeks.week, weighted: orgWeeks.weighted, contributions: orgWeeks.contributions }).from(orgWeeks).where(gte(orgWeeks.week, trendWeeks[0])).all();
  const orgNames = new Map(db.select({ id: organisations.id, name: organisations.name, slug: organisations.slug }).from(organisations).all().map((o) => [o.id, o]));
  const orgs = [...seriesBy(orgRows, trendWeeks)].map(([id, s]) => ({ ...orgNames.get(id)!, ...trendNumbers(s) })).filter((o) => o.state);
  const decliningOrgIds = new Set(orgs.map((o) => o.id));

  const tagRows = db.select({ key: tagWeeks.tagId, week: tagWeeks.week, weighted: tagWeeks.weighted, contributions: tagWeeks.contributions }).from(tagWeeks).where(gte(tagWeeks.week, trendWeeks[0])).all();
  const tagSeries = seriesBy(tagRows, trendWeeks);
  const tagNames = new Map(db.select({ id: tags.id, name: tags.name }).from(tags).where(inArray(tags.id, [...tagSeries.keys(), -1])).all().map((t) => [t.id, t.name]));
  const decliningTags = [...tagSeries].map(([id, s]) => ({ id, name: tagNames.get(id) ?? "", ...trendNumbers(s) })).filter((t) => t.state);

  const flagged = judgeMembers(trendWeeks);
  const members = describeFlags(now, flagged, limit, decliningOrgIds);
  const flaggedIds = flagged.map((m) => m.userId);
  const tagCauses = volumeCauses(sql`select tag_id as key, user_id as userId from tag_reputation where points > 0`, decliningTags, flaggedIds);
  const orgCauses = volumeCauses(sql`select org_id as key, user_id as userId from memberships`, orgs, flaggedIds);
  const unanswered = unansweredByTag(now, decliningTags.map((t) => t.id));

  const vitals = vitalSigns(now, weeks);
  const decline = communityDecline(vitals.map((v) => v.weighted));
  const activeDecline = communityDecline(vitals.map((v) => v.active));

  const concentration = concentrationRisk(now, tagSeries, tagNames, new Set(flaggedIds));

  const today = communityDay(now);
  const monthAgo = communityDay(now.getTime() - 29 * DAY_MS);
  const weekAgo = communityDay(now.getTime() - 6 * DAY_MS);
  const mau = db.select({ n: sql<number>`count(distinct ${userVisits.userId})` }).from(userVisits).where(and(gte(userVisits.day, monthAgo), lte(userVisits.day, today))).get()?.n ?? 0;
  const dauWeek = db.select({ n: sql<number>`count(*)` }).from(userVisits).where(and(gte(userVisits.day, weekAgo), lte(userVisits.day, today))).get()?.n ?? 0;

  // What needs a lead's attention: flagged members, tags and organisations, and tags resting on cooling experts.
  const flags = flagged.length + decliningTags.length + orgs.length + concentration.filter((c) => c.carriersCooling).length;
  return {
    version: REPORT_VERSION,
    status: healthStatus({ communityDeclining: decline.declining || activeDecline.declining, flags }),
    decline,
    activeDecline,
    vitals,
    funnels: Object.fromEntries(PERIODS.map((weeks) => [weeks, journeyFunnel(new Date(now.getTime() - weeks * 7 * DAY_MS), now)])) as Record<Period, ReturnType<typeof journeyFunnel>>,
    dau: Math.round((dauWeek / 7) * 10) / 10,
    mau,
    members,
    flaggedMembers: flagged.length,
    /** Every flagged member's numbers, for views filtered by tag or organisation (not sent to the page). */
    allFlagged: flagged,
    flags,
    tags: decliningTags.map((t) => ({ ...t, coolingMembers: tagCauses.get(t.id) ?? NONE_COOLING, unanswered: unanswered.get(t.id) ?? 0 })),
    orgs: orgs.map((o) => ({ ...o, coolingMembers: orgCauses.get(o.id) ?? NONE_COOLING })),
    concentration,
  };
}

/** A lead nudges a member: a personal message by notification (and email), recorded for the come-back rate. */
export function recordHealthAction(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], action: { leadId: number; userId: number; kind: "nudge" | "invite" | "handled"; message?: string; at?: Date }) {
  tx.insert(healthActions).values({ leadId: action.leadId, userId: action.userId, kind: action.kind, message: action.message ?? "", createdAt: action.at ?? new Date() }).run();
}

/** A nudge's window: a nudged member who contributes within it came back. */
export const COMEBACK_DAYS = 28;

export type NudgeOutcome = { userId: number; nudgedAt: Date; backAt: Date | null; pending: boolean };

/**
 * Each nudged member's latest nudge and what followed: back at their first contribution within 4 weeks
 * after it (counted the moment they contribute, not when the window closes), pending while the window
 * is open and they have not, otherwise not back. One query for all of them (the activity log's
 * actor index answers each lookup); `userIds` narrows it to the members a page shows.
 */
export function nudgeOutcomes(now = new Date(), userIds?: number[]): NudgeOutcome[] {
  if (userIds && !userIds.length) return [];
  const verbs = Object.entries(CONTRIBUTION_WEIGHTS).filter(([, weight]) => weight! > 0).map(([verb]) => verb);
  const window = COMEBACK_DAYS * DAY_MS;
  const rows = db.all<{ userId: number; at: number; backAt: number | null }>(sql`
    with nudged as (
      select user_id, max(created_at) as at from health_actions
      where kind = 'nudge' and created_at <= ${now.getTime()}
        ${userIds ? sql`and user_id in (${sql.join(userIds.map((id) => sql`${id}`), sql`, `)})` : sql``}
      group by user_id)
    select n.user_id as userId, n.at as at,
      (select min(a.created_at) from activities a where a.actor_id = n.user_id and a.created_at > n.at
        and a.created_at <= min(n.at + ${window}, ${now.getTime()}) and a.verb in (${sql.join(verbs.map((v) => sql`${v}`), sql`, `)})) as backAt
    from nudged n`);
  return rows.map((r) => ({ userId: r.userId, nudgedAt: new Date(r.at), backAt: r.backAt === null ? null : new Date(r.backAt), pending: r.backAt === null && r.at + window > now.getTime() }));
}

/** The come-back rate of nudges: of the nudged members, how many came back, and how many are still within their 4 weeks. */
export function comebackRate(now = new Date()) {
  const outcomes = nudgeOutcomes(now);
  return { nudged: outcomes.length, cameBack: outcomes.filter((o) => o.backAt).length, pending: outcomes.filter((o) => o.pending).length };
}

/**
 * Peer consumer to peer producer: of the members who joined in the period, how many voted or RSVP'd,
 * asked a question, and answered or wrote an article.
 */
function journeyFunnel(from: Date, to: Date) {
  // The milestones are kept on users by recordActivity: one pass over the members who joined.
  return db.get<{ joined: number; participated: number; asked: number; produced: number }>(sql`
    select count(*) as joined,
      coalesce(sum(first_participated_at is not null), 0) as participated,
      coalesce(sum(first_asked_at is not null), 0) as asked,
      coalesce(sum(first_produced_at is not null), 0) as produced
    from users where created_at >= ${from.getTime()} and created_at < ${to.getTime()}`)!;
}

/**
 * A cause of a tag's or organisation's decline: its own flagged members (those with standing in the tag,
 * or in the organisation), the three who lost most named. `membersOf` selects (key, userId) pairs.
 */
type CoolingMembers = { count: number; named: { name: string; handle: string }[] };
const NONE_COOLING: CoolingMembers = { count: 0, named: [] };
function volumeCauses(membersOf: ReturnType<typeof sql>, declining: { id: number }[], flaggedIds: number[]) {
  const causes = new Map<number, CoolingMembers>();
  if (!declining.length || !flaggedIds.length) return causes;
  // Pairs of the declining keys only, matched to the flagged members here (they can be thousands).
  const rank = new Map(flaggedIds.map((id, i) => [id, i]));
  const pairs = db
    .all<{ key: number; userId: number }>(sql`select m.key, m.userId from (${membersOf}) m where m.key in (${sql.join(declining.map((d) => sql`${d.id}`), sql`, `)})`)
    .filter((p) => rank.has(p.userId))
    .sort((a, b) => rank.get(a.userId)! - rank.get(b.userId)!);
  const named = new Set(declining.flatMap((d) => pairs.filter((p) => p.key === d.id).slice(0, 3).map((p) => p.userId)));
  const people = new Map((named.size ? db.select({ id: users.id, name: users.name, handle: users.handle }).from(users).where(inArray(users.id, [...named])).all() : []).map((u) => [u.id, u]));
  for (const d of declining) {
    const own = pairs.filter((p) => p.key === d.id);
    if (own.length) causes.set(d.id, { count: own.length, named: own.slice(0, 3).map((p) => ({ name: people.get(p.userId)?.name ?? "", handle: people.get(p.userId)?.handle ?? "" })) });
  }
  return causes;
}

/** Questions of the last 12 weeks in each tag still without an answer after 7 days: a cause of a tag's decline. */
function unansweredByTag(now: Date, tagIds: number[]) {
  if (!tagIds.length) return new Map<number, number>();
  const since = now.getTime() - BASELINE_WEEKS * 7 * DAY_MS;
  // Driven by the questions of the window (kind, status, created_at index), then their tags.
  const rows = db.all<{ tagId: number; n: number }>(sql`
    select pt.tag_id as tagId, count(*) as n from posts p join post_tags pt on pt.post_id = p.id
    where p.kind = 'question' and p.status = 'published' and p.created_at >= ${since} and p.created_at <= ${now.getTime() - 7 * DAY_MS}
      and p.answer_count = 0 and pt.tag_id in (${sql.join(tagIds.map((id) => sql`${id}`), sql`, `)})
    group by pt.tag_id`);
  return new Map(rows.map((r) => [r.tagId, r.n]));
}

/**
 * Concentration risk: tags whose contributions of the last 12 weeks rest on one or two members, and
 * whether those members are flagged themselves. Counted from the activity log in one query, for tags
 * with 10 to 2,000 contributions in the window (a bigger tag cannot rest on one or two people). The
 * smallest activity id of the window bounds each tag's index range (tags first: cross join); it is the
 * minimum, not the first by time, because backdated writes (imports, the demo seed) break id order.
 */
function concentrationRisk(now: Date, tagSeries: Map<number, { counts: number[] }>, tagNames: Map<number, string>, flaggedIds: Set<number>) {
  const since = now.getTime() - BASELINE_WEEKS * 7 * DAY_MS;
  const windowCount = (s: { counts: number[] }) => s.counts.slice(-BASELINE_WEEKS).reduce((x, y) => x + y, 0);
  const tagIds = [...tagSeries].filter(([, s]) => windowCount(s) >= 10 && windowCount(s) <= 2000).map(([id]) => id);
  const firstId = db.get<{ id: number | null }>(sql`select min(id) as id from activities indexed by activities_created_idx where created_at >= ${since}`)?.id;
  if (!tagIds.length || firstId == null) return [];
  const verbs = Object.entries(CONTRIBUTION_WEIGHTS).filter(([, weight]) => weight! > 0).map(([verb]) => verb);
  const rows = db.all<{ tagId: number; userId: number; contributions: number }>(sql`
    select at.tag_id as tagId, a.actor_id as userId, count(*) as contributions
    from activity_tags at cross join activities a on a.id = at.activity_id
    where at.tag_id in (${sql.join(tagIds.map((id) => sql`${id}`), sql`, `)}) and at.activity_id >= ${firstId}
      and a.created_at >= ${since} and a.verb in (${sql.join(verbs.map((v) => sql`${v}`), sql`, `)})
    group by at.tag_id, a.actor_id`);
  const byTag = new Map<number, { userId: number; contributions: number }[]>();
  for (const row of rows) {
    if (!byTag.has(row.tagId)) byTag.set(row.tagId, []);
    byTag.get(row.tagId)!.push(row);
  }
  return [...byTag]
    .map(([tagId, byMember]) => {
      const bus = busFactor(byMember);
      return { tagId, name: tagNames.get(tagId) ?? "", ...bus, carriersCooling: bus.carriers.some((id) => flaggedIds.has(id)) };
    })
    .filter((c) => c.total >= 10 && c.factor <= 2)
    .sort((a, b) => Number(b.carriersCooling) - Number(a.carriersCooling) || b.total - a.total);
}

export type HealthReport = ReturnType<typeof healthReport>;

const SNAPSHOT_MAX_AGE_MS = 2 * 60 * 60 * 1000;

/** Computes the unfiltered report and stores it (the hourly job, or the first visit without a recent one). */
export function refreshHealthSnapshot(now = new Date()) {
  const report = healthReport(now);
  // /health refreshes a stale snapshot on a GET: a read-only database shows the report without storing it (docs/accounts.md).
  writeUnlessReadOnly(() =>
    db.transaction((tx) => {
      tx.insert(healthSnapshots).values({ computedAt: now, report: JSON.stringify(report) }).run();
      tx.delete(healthSnapshots).where(lt(healthSnapshots.computedAt, new Date(now.getTime() - 2 * SNAPSHOT_MAX_AGE_MS))).run();
    }),
  );
  return { report, computedAt: now };
}

/**
 * The latest report, at most two hours old, with each flagged member's latest action read fresh (a
 * nudge shows at once). Filtered views are computed live.
 */
export function latestHealthReport(now = new Date()): { report: HealthReport; computedAt: Date } {
  const row = db.select().from(healthSnapshots).orderBy(desc(healthSnapshots.computedAt)).limit(1).get();
  const stored = row && now.getTime() - row.computedAt.getTime() < SNAPSHOT_MAX_AGE_MS ? (JSON.parse(row.report) as HealthReport) : null;
  // A snapshot written by an older version of the report is recomputed rather than misread.
  const snapshot = stored?.version === REPORT_VERSION ? { report: stored, computedAt: row!.computedAt } : refreshHealthSnapshot(now);
  const latest = latestActions(snapshot.report.members.map((m) => m.userId));
  return { ...snapshot, report: { ...snapshot.report, members: snapshot.report.members.map((m) => ({ ...m, lastAction: latest.get(m.userId) ?? null })) } };
}

/**
 * The report seen through a tag or an organisation: the snapshot's flagged members who have standing in
 * the tag or belong to the organisation (the rule judges each member alone, so filtering its result is
 * the same as judging the filtered members), with their causes; everything else from the snapshot.
 */
export function filteredHealthReport({ tagFilter, orgFilter }: { tagFilter?: number; orgFilter?: number }, now = new Date()) {
  const latest = latestHealthReport(now);
  const ids = JSON.stringify(latest.report.allFlagged.map((f) => f.userId));
  const inFilter = new Set(
    db
      .all<{ id: number }>(sql`
        select value as id from json_each(${ids})
        where (${tagFilter ?? null} is null or exists (select 1 from tag_reputation where user_id = value and tag_id = ${tagFilter ?? null} and points > 0))
          and (${orgFilter ?? null} is null or exists (select 1 from memberships where user_id = value and org_id = ${orgFilter ?? null}))`)
      .map((r) => r.id),
  );
  const flagged = latest.report.allFlagged.filter((f) => inFilter.has(f.userId));
  const members = describeFlags(now, flagged, 50, new Set(latest.report.orgs.map((o) => o.id)));
  return { ...latest, report: { ...latest.report, members, flaggedMembers: flagged.length } };
}

/** Each member's latest health action (nudge, invite, handled), in one query. */
function latestActions(userIds: number[]) {
  if (!userIds.length) return new Map<number, { kind: string; at: Date }>();
  const rows = db.all<{ userId: number; kind: string; at: number }>(sql`
    select user_id as userId, kind, max(created_at) as at from health_actions
    where user_id in (${sql.join(userIds.map((id) => sql`${id}`), sql`, `)}) group by user_id`);
  return new Map(rows.map((r) => [r.userId, { kind: r.kind, at: new Date(r.at) }]));
}
