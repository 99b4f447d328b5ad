/**
 * What /health shows, read from the weekly rollups (member_weeks, tag_weeks, org_weeks) that
 * recordActivity keeps, and judged by the pure rules in app/health/rules.ts. "Now" is a parameter.
 */
import { and, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { attendance, healthActions, memberships, memberWeeks, organisations, orgWeeks, posts, tags, tagWeeks, users, userVisits } from "~db/schema";
import { busFactor, communityDecline, healthStatus, memberTrend, RECENT_WEEKS, BASELINE_WEEKS, volumeTrend, type Trend } from "~/health/rules";
import { db } from "~/utils/db.server";
import { communityDay, communityWeek, DAY_MS } from "~/utils/time";

export const CHART_WEEKS = 26;
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
  const recentPosts = db
    .select({ id: posts.id, kind: posts.kind, slug: posts.slug, parentId: posts.parentId, title: posts.title, score: posts.score, answers: posts.answerCount, comments: posts.commentCount })
    .from(posts)
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
  const baselineCount = s.counts.slice(0, BASELINE_WEEKS).reduce((a, b) => a + b, 0);
  const recentCount = s.counts.slice(BASELINE_WEEKS).reduce((a, b) => a + b, 0);
  return { ...trend, baselineCount, recentCount, lostPerWeek: trend.baselinePerWeek - trend.recentPerWeek };
}

export function healthReport(now = new Date(), { tagFilter, orgFilter }: { tagFilter?: number; orgFilter?: number } = {}) {
  const weeks = lastWeeks(now, Math.max(CHART_WEEKS + RECENT_WEEKS, TREND_WEEKS));
  const trendWeeks = weeks.slice(-TREND_WEEKS);

  // Organisations and tags first: an organisation's decline is a cause for its members.
  const orgRows = db.select({ key: orgWeeks.orgId, week: orgWeeks.week, weighted: orgWeeks.weighted, contributions: orgWeeks.contributions }).from(orgWeeks).where(gte(orgWeeks.week, trendWeeks[0])).all();
  const orgNames = new Map(db.select({ id: organisations.id, name: organisations.name, slug: organisations.slug }).from(organisations).all().map((o) => [o.id, o]));
  const orgs = [...seriesBy(orgRows, trendWeeks)].map(([id, s]) => ({ ...orgNames.get(id)!, ...trendNumbers(s) })).filter((o) => o.state);
  const decliningOrgIds = new Set(orgs.map((o) => o.id));

  const tagRows = db.select({ key: tagWeeks.tagId, week: tagWeeks.week, weighted: tagWeeks.weighted, contributions: tagWeeks.contributions }).from(tagWeeks).where(gte(tagWeeks.week, trendWeeks[0])).all();
  const tagSeries = seriesBy(tagRows, trendWeeks);
  const tagNames = new Map(db.select({ id: tags.id, name: tags.name }).from(tags).where(inArray(tags.id, [...tagSeries.keys(), -1])).all().map((t) => [t.id, t.name]));
  const decliningTags = [...tagSeries].map(([id, s]) => ({ id, name: tagNames.get(id) ?? "", ...trendNumbers(s) })).filter((t) => t.state);

  // Members with enough in their baseline to be judged at all, then their trends.
  const baselineWeeks = trendWeeks.slice(0, BASELINE_WEEKS);
  const memberFilter = and(
    gte(memberWeeks.week, trendWeeks[0]),
    tagFilter ? sql`${memberWeeks.userId} in (select user_id from tag_reputation where tag_id = ${tagFilter} and points > 0)` : undefined,
    orgFilter ? sql`${memberWeeks.userId} in (select user_id from memberships where org_id = ${orgFilter})` : undefined,
  );
  const candidates = db
    .select({ userId: memberWeeks.userId })
    .from(memberWeeks)
    .where(and(memberFilter, lte(memberWeeks.week, baselineWeeks[baselineWeeks.length - 1])))
    .groupBy(memberWeeks.userId)
    .having(sql`sum(${memberWeeks.weighted}) >= ${0.5 * BASELINE_WEEKS}`)
    .all()
    .map((r) => r.userId);
  const memberRows = candidates.length
    ? db
        .select({ key: memberWeeks.userId, week: memberWeeks.week, weighted: memberWeeks.weighted, contributions: memberWeeks.contributions })
        .from(memberWeeks)
        .where(and(inArray(memberWeeks.userId, candidates), gte(memberWeeks.week, trendWeeks[0])))
        .all()
    : [];
  const flagged = [...seriesBy(memberRows, trendWeeks)].map(([userId, s]) => ({ userId, ...trendNumbers(s) })).filter((m) => m.state);
  const people = new Map(
    (flagged.length ? db.select({ id: users.id, name: users.name, handle: users.handle }).from(users).where(inArray(users.id, flagged.map((f) => f.userId))).all() : []).map((u) => [u.id, u]),
  );
  const members: MemberFlag[] = flagged
    .map((f) => {
      const lastAction = db.select({ kind: healthActions.kind, at: healthActions.createdAt }).from(healthActions).where(eq(healthActions.userId, f.userId)).orderBy(desc(healthActions.createdAt)).get();
      return { ...f, name: people.get(f.userId)?.name ?? "", handle: people.get(f.userId)?.handle ?? "", causes: causesOf(f.userId, now, decliningOrgIds), lastAction: lastAction ?? null };
    })
    .sort((a, b) => b.lostPerWeek - a.lostPerWeek);

  // Community vital signs, per week.
  const community = db
    .select({
      week: memberWeeks.week,
      weighted: sql<number>`sum(${memberWeeks.weighted})`,
      active: sql<number>`sum(${memberWeeks.weighted} > 0)`,
      readers: sql<number>`sum(${memberWeeks.weighted} <= 0 and ${memberWeeks.participations} > 0)`,
    })
    .from(memberWeeks)
    .where(gte(memberWeeks.week, weeks[0]))
    .groupBy(memberWeeks.week)
    .all();
  const byWeek = new Map(community.map((c) => [c.week, c]));
  const firstWeeks = db
    .select({ at: users.firstContributedAt })
    .from(users)
    .where(gte(users.firstContributedAt, new Date(`${weeks[0]}T00:00:00Z`)))
    .all()
    .map((u) => communityWeek(u.at!));
  const vitals = weeks.map((week) => ({
    week,
    weighted: Math.round((byWeek.get(week)?.weighted ?? 0) * 10) / 10,
    active: byWeek.get(week)?.active ?? 0,
    readers: byWeek.get(week)?.readers ?? 0,
    newContributors: firstWeeks.filter((w) => w === week).length,
  }));
  const decline = communityDecline(vitals.map((v) => v.weighted));
  const activeDecline = communityDecline(vitals.map((v) => v.active));

  // Concentration: tags whose recent contributions rest on one or two members.
  const since = new Date(now.getTime() - BASELINE_WEEKS * 7 * DAY_MS).getTime();
  const busyTags = [...tagSeries].sort((a, b) => b[1].counts.reduce((x, y) => x + y, 0) - a[1].counts.reduce((x, y) => x + y, 0)).slice(0, 12);
  const flaggedIds = new Set(members.map((m) => m.userId));
  const concentration = busyTags
    .map(([tagId]) => {
      const byMember = db.all<{ userId: number; contributions: number }>(sql`
        select a.actor_id as userId, count(*) as contributions from activity_tags at join activities a on a.id = at.activity_id
        where at.tag_id = ${tagId} and a.created_at >= ${since} and a.verb in ('article', 'question', 'answer', 'comment', 'answer_accepted')
        group by a.actor_id`);
      const bus = busFactor(byMember);
      return { tagId, name: tagNames.get(tagId) ?? "", ...bus, carriersCooling: bus.carriers.some((id) => flaggedIds.has(id)) };
    })
    .filter((c) => c.total >= 10 && c.factor <= 2);

  const today = communityDay(now);
  const monthAgo = communityDay(now.getTime() - 29 * DAY_MS);
  const weekAgo = communityDay(now.getTime() - 6 * DAY_MS);
  const mau = db.select({ n: sql<number>`count(distinct ${userVisits.userId})` }).from(userVisits).where(and(gte(userVisits.day, monthAgo), lte(userVisits.day, today))).get()?.n ?? 0;
  const dauWeek = db.select({ n: sql<number>`count(*)` }).from(userVisits).where(and(gte(userVisits.day, weekAgo), lte(userVisits.day, today))).get()?.n ?? 0;

  const flags = members.length + decliningTags.length + orgs.length + concentration.filter((c) => c.carriersCooling).length;
  return {
    status: healthStatus({ communityDeclining: decline.declining || activeDecline.declining, flags }),
    decline,
    activeDecline,
    vitals: vitals.slice(-CHART_WEEKS),
    dau: Math.round((dauWeek / 7) * 10) / 10,
    mau,
    members,
    tags: decliningTags,
    orgs,
    concentration,
  };
}

/** A lead nudges a member: a personal message by notification (and email), recorded for the come-back rate. */
export function recordHealthAction(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], action: { leadId: number; userId: number; kind: "nudge" | "invite" | "handled"; message?: string; at?: Date }) {
  tx.insert(healthActions).values({ leadId: action.leadId, userId: action.userId, kind: action.kind, message: action.message ?? "", createdAt: action.at ?? new Date() }).run();
}

/** Of the members nudged more than 4 weeks ago: how many contributed within 4 weeks after. */
export function comebackRate(now = new Date()) {
  const nudged = db.all<{ userId: number; at: number }>(sql`
    select user_id as userId, min(created_at) as at from health_actions where kind = 'nudge' and created_at <= ${now.getTime() - 28 * DAY_MS} group by user_id`);
  const cameBack = nudged.filter((n) => {
    const from = communityWeek(n.at);
    const to = communityWeek(n.at + 28 * DAY_MS);
    return (db.get<{ w: number }>(sql`select coalesce(sum(weighted), 0) as w from member_weeks where user_id = ${n.userId} and week > ${from} and week <= ${to}`)?.w ?? 0) > 0;
  }).length;
  return { nudged: nudged.length, cameBack };
}
