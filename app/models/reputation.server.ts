/**
 * Reputation, Stack Overflow style (rules in docs/product.md): an append-only ledger written in
 * the transaction of the vote or acceptance that causes it. A member's total is the sum of their
 * ledger rows; `users.reputation`, `tag_reputation` and the rollups the profile reads (`reputation_months`,
 * `tag_standing_counts`, `tag_standing_totals`) are kept in step in the same transaction, and `npm run reputation:verify` proves them.
 */
import { and, desc, eq, gte, sql } from "drizzle-orm";
import { reputationEvents, reputationMonths, tagReputation, users, type Post, type ReputationReason } from "~db/schema";
import { db, prepared, type Tx } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { communityDay, communityMidnight, communityWeek } from "~/utils/time";
import { DAILY_VOTE_CAP, type Period } from "~/utils/reputation";

export const UPVOTE_POINTS: Partial<Record<Post["kind"], number>> = { article: 10, answer: 10, question: 5 };
export const DOWNVOTE_RECEIVED = -2;
export const DOWNVOTE_CAST_ON_ANSWER = -1;
export const ACCEPTED_POINTS = 15;
export const ACCEPT_GIVEN_POINTS = 2;
export const HOSTED_MEETUP_POINTS = 20;
export const CHECKED_IN_POINTS = 2;
export const IDEA_PLANNED_POINTS = 10;

type Entry = {
  userId: number;
  points: number;
  reason: ReputationReason;
  source: string;
  actorId?: number | null;
  postId?: number | null;
  rootId?: number | null;
  day: string;
  at: Date;
};

/**
 * The writes of one ledger row, prepared once (db.server's `prepared`): every vote, acceptance and check-in
 * runs them, and building and preparing them per row cost more than running them. They run on the one
 * connection, inside the caller's transaction.
 */
const ledgerStatements = prepared(() => {
  const sqlite = db.$client;
  return {
    insert:
      sqlite.prepare(`insert into reputation_events (user_id, points, reason, source, actor_id, post_id, root_id, day, created_at)
      values (:userId, :points, :reason, :source, :actorId, :postId, :rootId, :day, :createdAt)`),
    total: sqlite.prepare<[number, number]>("update users set reputation = reputation + ? where id = ?"),
    month: sqlite.prepare<
      [number, string, number]
    >(`insert into reputation_months (user_id, month, points) values (?, ?, ?)
      on conflict (user_id, month) do update set points = points + excluded.points`),
    tagIds: sqlite.prepare<[number], number>("select tag_id from post_tags where post_id = ?").pluck(),
    // Returns the member's new total in the tag; their old one is that minus the points.
    standing: sqlite
      .prepare<[number, number, number, number, number], number>(
        `insert into tag_reputation (user_id, tag_id, points, accepted_answers) values (?, ?, ?, ?)
        on conflict (user_id, tag_id) do update set points = points + excluded.points, accepted_answers = accepted_answers + ?
        returning points`,
      )
      .pluck(),
    leave: sqlite.prepare<[number, number]>(
      "update tag_standing_counts set members = members - 1 where tag_id = ? and points = ?",
    ),
    emptied: sqlite.prepare<[number, number]>(
      "delete from tag_standing_counts where tag_id = ? and points = ? and members <= 0",
    ),
    enter: sqlite.prepare<[number, number]>(`insert into tag_standing_counts (tag_id, points, members) values (?, ?, 1)
      on conflict (tag_id, points) do update set members = members + 1`),
    joined: sqlite.prepare<[number, number]>(`insert into tag_standing_totals (tag_id, members) values (?, ?)
      on conflict (tag_id) do update set members = members + excluded.members`),
  };
});

function append(tx: Tx, entry: Entry) {
  const { at, ...fields } = entry;
  const write = ledgerStatements();
  bumpCacheTags(tx, ["reputation", `member:${entry.userId}`]);
  write.insert.run({
    ...fields,
    actorId: fields.actorId ?? null,
    postId: fields.postId ?? null,
    rootId: fields.rootId ?? null,
    createdAt: at.getTime(),
  });
  write.total.run(entry.points, entry.userId);
  write.month.run(entry.userId, ledgerMonth(at), entry.points);
  if (!entry.rootId) return;
  const accepted = entry.reason === "accepted" ? Math.sign(entry.points) : 0;
  for (const tagId of write.tagIds.all(entry.rootId)) {
    const after = write.standing.get(entry.userId, tagId, entry.points, Math.max(accepted, 0), accepted)!;
    moveStanding(tagId, after - entry.points, after);
  }
}

/** The calendar month (UTC) a ledger row created at `at` counts in, as the profile chart shows it. */
export function ledgerMonth(at: Date) {
  return at.toISOString().slice(0, 7);
}

/** A member's total in a tag went from `before` to `after`: the histogram of positive totals and the count follow. */
function moveStanding(tagId: number, before: number, after: number) {
  if (before === after) return;
  const write = ledgerStatements();
  if (before > 0) {
    write.leave.run(tagId, before);
    write.emptied.run(tagId, before);
  }
  if (after > 0) write.enter.run(tagId, after);
  const joined = Number(after > 0) - Number(before > 0);
  if (joined) write.joined.run(tagId, joined);
}

/** Appends the opposite of whatever `source` still gives each member (per reason), on the original day. */
function reverse(tx: Tx, source: string, at: Date) {
  const nets = tx
    .select({
      userId: reputationEvents.userId,
      reason: reputationEvents.reason,
      points: sql<number>`sum(${reputationEvents.points})`,
      day: sql<string>`min(${reputationEvents.day})`,
      actorId: sql<number | null>`max(${reputationEvents.actorId})`,
      postId: sql<number | null>`max(${reputationEvents.postId})`,
      rootId: sql<number | null>`max(${reputationEvents.rootId})`,
    })
    .from(reputationEvents)
    .where(eq(reputationEvents.source, source))
    .groupBy(reputationEvents.userId, reputationEvents.reason)
    .all();
  for (const net of nets) if (net.points !== 0) append(tx, { ...net, points: -net.points, source, at });
}

function upvotePointsToday(tx: Tx, userId: number, day: string) {
  return (
    tx
      .select({ n: sql<number>`coalesce(sum(${reputationEvents.points}), 0)` })
      .from(reputationEvents)
      .where(
        and(eq(reputationEvents.userId, userId), eq(reputationEvents.day, day), eq(reputationEvents.reason, "upvote")),
      )
      .get()?.n ?? 0
  );
}

/**
 * A vote changed from `previous` to `value` (each -1, 0 or 1): what the old vote gave is reversed,
 * then the new one applies. Upvotes respect the daily cap of the post's author.
 */
export function recordVoteReputation(
  tx: Tx,
  {
    voterId,
    post,
    rootId,
    previous,
    value,
    at,
  }: { voterId: number; post: Post; rootId: number; previous: number; value: number; at: Date },
) {
  const source = `vote:${voterId}:${post.id}`;
  if (previous !== 0) reverse(tx, source, at);
  const day = communityDay(at);
  const about = { source, actorId: voterId, postId: post.id, rootId, day, at };
  if (value === 1) {
    const points = Math.min(UPVOTE_POINTS[post.kind] ?? 0, DAILY_VOTE_CAP - upvotePointsToday(tx, post.authorId, day));
    if (points > 0) append(tx, { ...about, userId: post.authorId, points, reason: "upvote" });
  } else if (value === -1) {
    append(tx, { ...about, userId: post.authorId, points: DOWNVOTE_RECEIVED, reason: "downvote" });
    if (post.kind === "answer")
      append(tx, { ...about, userId: voterId, points: DOWNVOTE_CAST_ON_ANSWER, reason: "downvote_cast" });
  }
}

/** The asker accepted `answer` (outside the vote cap); `previousAnswerId`'s acceptance is reversed. */
export function recordAcceptanceReputation(
  tx: Tx,
  {
    answer,
    question,
    previousAnswerId,
    at,
  }: { answer: Post; question: Post; previousAnswerId: number | null; at: Date },
) {
  if (previousAnswerId) reverse(tx, `accept:${previousAnswerId}`, at);
  if (answer.authorId === question.authorId) return; // accepting your own answer earns nothing
  if (netOf(tx, `accept:${answer.id}`) !== 0) return; // already credited: never twice
  const about = {
    source: `accept:${answer.id}`,
    actorId: question.authorId,
    postId: answer.id,
    rootId: question.id,
    day: communityDay(at),
    at,
  };
  append(tx, { ...about, userId: answer.authorId, points: ACCEPTED_POINTS, reason: "accepted" });
  append(tx, { ...about, userId: question.authorId, points: ACCEPT_GIVEN_POINTS, reason: "accept_given" });
}

function netOf(tx: Tx, source: string) {
  return (
    tx
      .select({ n: sql<number>`coalesce(sum(${reputationEvents.points}), 0)` })
      .from(reputationEvents)
      .where(eq(reputationEvents.source, source))
      .get()?.n ?? 0
  );
}

/**
 * A check-in changed: +2 to the attendee (or taken back), and +20 to each host while the meetup has
 * at least 5 checked-in attendees (taken back if it drops below).
 */
export function recordAttendanceReputation(
  tx: Tx,
  {
    eventId,
    userId,
    attended,
    attendees,
    hostIds,
    at,
  }: { eventId: number; userId: number; attended: boolean; attendees: number; hostIds: number[]; at: Date },
) {
  const day = communityDay(at);
  const checkin = `checkin:${eventId}:${userId}`;
  if (attended && netOf(tx, checkin) === 0)
    append(tx, { userId, points: CHECKED_IN_POINTS, reason: "checked_in", source: checkin, day, at });
  if (!attended) reverse(tx, checkin, at);
  const hosted = `hosted:${eventId}`;
  const bonusGiven = netOf(tx, hosted) !== 0;
  if (attendees >= 5 && !bonusGiven) {
    for (const hostId of hostIds)
      append(tx, { userId: hostId, points: HOSTED_MEETUP_POINTS, reason: "hosted_meetup", source: hosted, day, at });
  }
  if (attendees < 5 && bonusGiven) reverse(tx, hosted, at);
}

/**
 * An idea's status changed: its author holds IDEA_PLANNED_POINTS while it is planned, in progress or done
 * (`credited`), and loses them when it goes back to new, under review or declined. Never credited twice.
 */
export function recordIdeaCredit(
  tx: Tx,
  { idea, credited, actorId, at }: { idea: Post; credited: boolean; actorId: number; at: Date },
) {
  const source = `idea:${idea.id}`;
  const held = netOf(tx, source) !== 0;
  if (credited && !held)
    append(tx, {
      userId: idea.authorId,
      points: IDEA_PLANNED_POINTS,
      reason: "idea_planned",
      source,
      actorId,
      postId: idea.id,
      rootId: idea.id,
      day: communityDay(at),
      at,
    });
  if (!credited && held) reverse(tx, source, at);
}

/** The accepted answer was deleted: what its acceptance earned is taken back. */
export function reverseAcceptanceReputation(tx: Tx, answerId: number, at: Date) {
  reverse(tx, `accept:${answerId}`, at);
}

/** Every member whose cached total differs from their ledger (empty when all is well). */
export function reputationMismatches() {
  return db.all<{ id: number; handle: string; cached: number; ledger: number }>(sql`
    select u.id, u.handle, u.reputation as cached, coalesce(l.total, 0) as ledger
    from users u left join (select user_id, sum(points) as total from reputation_events group by user_id) l on l.user_id = u.id
    where u.reputation != coalesce(l.total, 0)`);
}

/**
 * Where the profile's rollups differ from what they summarise (both empty when all is well): a member's
 * month in reputation_months against their ledger rows of that month, and a tag's count of members per
 * positive total (tag_standing_counts) and in all (tag_standing_totals) against tag_reputation.
 */
export function rollupMismatches() {
  const months = db.all<{ userId: number; month: string; ledger: number; rollup: number }>(sql`
    select user_id as userId, month, sum(ledger) as ledger, sum(rollup) as rollup from (
      select user_id, strftime('%Y-%m', created_at / 1000, 'unixepoch') as month, points as ledger, 0 as rollup from reputation_events
      union all select user_id, month, 0, points from reputation_months)
    group by user_id, month having sum(ledger) != sum(rollup)`);
  const standings = db.all<{ tagId: number; points: number; members: number; counted: number }>(sql`
    select tag_id as tagId, points, sum(members) as members, sum(counted) as counted from (
      select tag_id, points, 1 as members, 0 as counted from tag_reputation where points > 0
      union all select tag_id, points, 0, members from tag_standing_counts)
    group by tag_id, points having sum(members) != sum(counted)`);
  const totals = db.all<{ tagId: number; members: number; counted: number }>(sql`
    select tag_id as tagId, sum(members) as members, sum(counted) as counted from (
      select tag_id, 1 as members, 0 as counted from tag_reputation where points > 0
      union all select tag_id, 0, members from tag_standing_totals)
    group by tag_id having sum(members) != sum(counted)`);
  return { months, standings, totals };
}

// The profile's reads (every signed-in view of a member page), prepared once: db.server's `prepared`.
const profileStatements = prepared(() => ({
  months: db
    .select({ month: reputationMonths.month, points: reputationMonths.points })
    .from(reputationMonths)
    .where(
      and(eq(reputationMonths.userId, sql.placeholder("userId")), gte(reputationMonths.month, sql.placeholder("from"))),
    )
    .prepare(),
  // "above" is a sum over the tag's histogram of positive totals (tag_standing_counts: one row per distinct
  // total, ~1,400 in the largest tag at 100k members) and "of" one row (tag_standing_totals), not counts
  // over the tag's members.
  standings: db.$client.prepare<
    { userId: number; limit: number },
    { tag: string; points: number; acceptedAnswers: number; above: number; total: number }
  >(`
    select t.name as tag, m.points, m.accepted_answers as acceptedAnswers,
      (select coalesce(sum(c.members), 0) from tag_standing_counts c where c.tag_id = m.tag_id and c.points > m.points) as above,
      (select coalesce(sum(c.members), 0) from tag_standing_totals c where c.tag_id = m.tag_id) as total
    from tag_reputation m join tags t on t.id = m.tag_id
    where m.user_id = :userId and m.points > 0
    order by m.points desc limit :limit`),
}));

/** Points per month for the last `months` months (oldest first), for the profile chart: at most `months` rollup rows. */
export function monthlyReputation(userId: number, { months = 12, now = new Date() } = {}) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  const rows = profileStatements().months.all({ userId, from: ledgerMonth(start) });
  const byMonth = new Map(rows.map((r) => [r.month, r.points]));
  return Array.from({ length: months }, (_, i) => {
    const month = ledgerMonth(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1)));
    return { month, points: byMonth.get(month) ?? 0 };
  });
}

/** Calendar periods in community time: this week from Monday, this month from the 1st, this year from 1 January. */
export function periodStart(period: Period, now = new Date()) {
  const today = communityDay(now);
  if (period === "week") return communityMidnight(communityWeek(now));
  if (period === "month") return communityMidnight(`${today.slice(0, 8)}01`);
  if (period === "year") return communityMidnight(`${today.slice(0, 5)}01-01`);
  return null;
}

/** The top members by points earned in the period (all time: by total), optionally within one tag. */
export function leaderboard({
  period,
  tagId,
  limit = 20,
  now = new Date(),
}: {
  period: Period;
  tagId?: number;
  limit?: number;
  now?: Date;
}) {
  const since = periodStart(period, now);
  const member = { id: users.id, name: users.name, handle: users.handle, reputation: users.reputation };
  if (!since && tagId) {
    return db
      .select({ ...member, points: tagReputation.points })
      .from(tagReputation)
      .innerJoin(users, eq(users.id, tagReputation.userId))
      .where(and(eq(tagReputation.tagId, tagId), sql`${tagReputation.points} > 0`))
      .orderBy(desc(tagReputation.points), users.id)
      .limit(limit)
      .all();
  }
  if (!since) {
    return db
      .select({ ...member, points: users.reputation })
      .from(users)
      .where(sql`${users.reputation} > 0`)
      .orderBy(desc(users.reputation), users.id)
      .limit(limit)
      .all();
  }
  const inTag = tagId
    ? sql`and ${reputationEvents.rootId} in (select post_id from post_tags where tag_id = ${tagId})`
    : sql``;
  return db
    .select({ ...member, points: sql<number>`sum(${reputationEvents.points})` })
    .from(reputationEvents)
    .innerJoin(users, eq(users.id, reputationEvents.userId))
    .where(sql`${reputationEvents.createdAt} >= ${since.getTime()} ${inTag}`)
    .groupBy(reputationEvents.userId)
    .having(sql`sum(${reputationEvents.points}) > 0`)
    .orderBy(desc(sql`sum(${reputationEvents.points})`), users.id)
    .limit(limit)
    .all();
}

/**
 * A member's earned standing in their best tags: points, accepted answers, rank and "top N%" among the
 * members with reputation in the tag. One query, whose cost does not grow with the tag's members.
 */
export function tagStandings(userId: number, limit = 6) {
  const rows = profileStatements().standings.all({ userId, limit });
  return rows.map(({ above, total, ...row }) => ({
    ...row,
    rank: above + 1,
    of: total,
    topPercent: Math.max(1, Math.ceil(((above + 1) / total) * 100)),
  }));
}

/** The tag's top experts by earned standing. */
export function tagExperts(tagId: number, limit = 6) {
  return leaderboard({ period: "all", tagId, limit });
}

/** Organisations ranked by the points their members earned in the period (the ecosystem view). */
export function organisationLeaderboard({
  period,
  limit = 10,
  now = new Date(),
}: {
  period: Period;
  limit?: number;
  now?: Date;
}) {
  const since = periodStart(period, now);
  return db.all<{ slug: string; name: string; points: number; contributors: number }>(sql`
    select o.slug, o.name, sum(re.points) as points, count(distinct re.user_id) as contributors
    from reputation_events re
    join memberships m on m.user_id = re.user_id
    join organisations o on o.id = m.org_id
    ${since ? sql`where re.created_at >= ${since.getTime()}` : sql``}
    group by o.id having sum(re.points) > 0
    order by points desc, o.name limit ${limit}`);
}
