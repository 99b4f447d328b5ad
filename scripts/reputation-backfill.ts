/**
 * Writes the reputation ledger for a database filled in bulk by the rules of
 * app/models/reputation.server.ts, in a few set-based statements: upvotes by post kind with the daily
 * cap per author, downvotes (and their cost to the voter on answers), acceptances; then the cached
 * totals and standings per tag. The app writes the same rows one vote at a time. scripts/bench-data.ts
 * computes the same rows from its plan (scripts/bench-rollups.ts, several times faster at 100k
 * members); this SQL is their definition, and scripts/bench-data.test.ts compares the two.
 */
import type Database from "better-sqlite3";

export function backfillReputation(sqlite: Database.Database) {
  // The community's day: Amsterdam is UTC+1 (+2 in summer; the cap's day boundary may shift by an hour here).
  const day = (column: string) => `date(${column} / 1000, 'unixepoch', '+1 hour')`;
  sqlite.exec(`
    create temp table rated as
      select v.user_id as voter, v.post_id, v.value, v.created_at, p.author_id, p.kind,
             case when p.kind = 'answer' then p.parent_id else p.id end as root_id, ${day("v.created_at")} as day
      from votes v join posts p on p.id = v.post_id
      where v.user_id != p.author_id and p.kind in ('article', 'question', 'answer');

    insert into reputation_events (user_id, points, reason, source, actor_id, post_id, root_id, day, created_at)
    select author_id, min(pts, 200 - min(earlier, 200)), 'upvote', 'vote:' || voter || ':' || post_id, voter, post_id, root_id, day, created_at
    from (
      select *, case kind when 'question' then 5 else 10 end as pts,
        coalesce(sum(case kind when 'question' then 5 else 10 end) over (
          partition by author_id, day order by created_at, post_id, voter rows between unbounded preceding and 1 preceding), 0) as earlier
      from rated where value = 1)
    where earlier < 200;

    insert into reputation_events (user_id, points, reason, source, actor_id, post_id, root_id, day, created_at)
    select author_id, -2, 'downvote', 'vote:' || voter || ':' || post_id, voter, post_id, root_id, day, created_at from rated where value = -1;
    insert into reputation_events (user_id, points, reason, source, actor_id, post_id, root_id, day, created_at)
    select voter, -1, 'downvote_cast', 'vote:' || voter || ':' || post_id, voter, post_id, root_id, day, created_at from rated where value = -1 and kind = 'answer';

    insert into reputation_events (user_id, points, reason, source, actor_id, post_id, root_id, day, created_at)
    select a.author_id, 15, 'accepted', 'accept:' || a.id, q.author_id, a.id, q.id, ${day("a.created_at")}, a.created_at
    from posts q join posts a on a.id = q.accepted_answer_id where a.author_id != q.author_id;
    insert into reputation_events (user_id, points, reason, source, actor_id, post_id, root_id, day, created_at)
    select q.author_id, 2, 'accept_given', 'accept:' || a.id, q.author_id, a.id, q.id, ${day("a.created_at")}, a.created_at
    from posts q join posts a on a.id = q.accepted_answer_id where a.author_id != q.author_id;
    drop table rated;

    create temp table totals as select user_id, sum(points) as total from reputation_events group by user_id;
    update users set reputation = totals.total from totals where totals.user_id = users.id;
    drop table totals;
    insert into tag_reputation (user_id, tag_id, points, accepted_answers)
    select r.user_id, pt.tag_id, sum(r.points), sum(r.reason = 'accepted')
    from reputation_events r join post_tags pt on pt.post_id = r.root_id group by r.user_id, pt.tag_id;
  `);
  fillReputationRollups(sqlite);
  return (sqlite.prepare("select count(*) from reputation_events").pluck().get() as number) ?? 0;
}

/**
 * The profile's rollups from the ledger and the standings (the same SQL as migration 0030, which filled them
 * for existing communities): points per member per UTC month, members per positive total in each tag, and per tag.
 */
export function fillReputationRollups(sqlite: Database.Database) {
  sqlite.exec(`
    insert into reputation_months (user_id, month, points)
    select user_id, strftime('%Y-%m', created_at / 1000, 'unixepoch'), sum(points) from reputation_events group by 1, 2;
    insert into tag_standing_counts (tag_id, points, members)
    select tag_id, points, count(*) from tag_reputation where points > 0 group by 1, 2;
    insert into tag_standing_totals (tag_id, members)
    select tag_id, count(*) from tag_reputation where points > 0 group by 1;
  `);
}
