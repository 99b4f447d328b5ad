/**
 * Fills the health rollups (member_weeks, member_days, member_tag_weeks, tag_weeks, org_weeks) and users.first_contributed_at
 * from the activity log of a database filled in bulk, with the weights of app/health/weights.ts. The
 * app keeps the same rows one activity at a time in recordActivity. scripts/bench-data.ts computes
 * them from its plan (scripts/bench-rollups.ts); this SQL is their definition, and
 * scripts/bench-data.test.ts compares the two.
 */
import type Database from "better-sqlite3";
import { CONTRIBUTION_WEIGHTS, PARTICIPATION_VERBS } from "~/health/weights";

export function backfillHealthRollups(sqlite: Database.Database) {
  const weight = `case verb ${Object.entries(CONTRIBUTION_WEIGHTS)
    .map(([verb, w]) => `when '${verb}' then ${w}`)
    .join(" ")} else 0 end`;
  const participation = `(verb in (${PARTICIPATION_VERBS.map((v) => `'${v}'`).join(", ")}))`;
  // The Monday on or before the community-time day (Amsterdam as UTC+1; an hour off in summer).
  // Amsterdam as UTC+1 all year: communityWeekSql (DST-exact) costs 3 s more per pass over 4M generated
  // activities, and an hour's shift on summer Sunday nights does not matter for benchmark data.
  const day = `date(created_at / 1000, 'unixepoch', '+1 hour')`;
  sqlite.exec(`
    create temp table weekly as
      select actor_id, date(${day}, '-6 days', 'weekday 1') as week, ${day} as day, id, ${weight} as w, ${participation} as p from activities;
    insert into member_weeks (user_id, week, weighted, contributions, participations)
      select actor_id, week, sum(w), sum(sign(w)), sum(p) from weekly group by actor_id, week having sum(w) != 0 or sum(p) > 0;
    insert into member_days (user_id, day, weighted, contributions, participations)
      select actor_id, day, sum(w), sum(sign(w)), sum(p) from weekly group by actor_id, day having sum(w) != 0 or sum(p) > 0;
    insert into member_tag_weeks (tag_id, week, user_id, weighted, contributions)
      select at.tag_id, weekly.week, weekly.actor_id, sum(weekly.w), sum(sign(weekly.w)) from weekly join activity_tags at on at.activity_id = weekly.id
      where weekly.w != 0 group by at.tag_id, weekly.week, weekly.actor_id;
    insert into tag_weeks (tag_id, week, weighted, contributions)
      select tag_id, week, sum(weighted), sum(contributions) from member_tag_weeks group by tag_id, week;
    insert into org_weeks (org_id, week, weighted, contributions)
      select m.org_id, weekly.week, sum(weekly.w), sum(sign(weekly.w)) from weekly join memberships m on m.user_id = weekly.actor_id
      where weekly.w != 0 group by m.org_id, weekly.week;
    drop table weekly;
    create temp table firsts as select actor_id, min(created_at) as at from activities where verb in (${Object.entries(
      CONTRIBUTION_WEIGHTS,
    )
      .filter(([, w]) => (w ?? 0) > 0)
      .map(([v]) => `'${v}'`)
      .join(", ")}) group by actor_id;
    update users set first_contributed_at = firsts.at from firsts where firsts.actor_id = users.id;
    drop table firsts;
    insert into community_weeks (week, weighted, contributions, active, readers)
      select week, sum(weighted), sum(contributions), sum(weighted > 0), sum(weighted <= 0 and participations > 0) from member_weeks group by week;
    create temp table milestones as select actor_id,
        min(case when verb in ('vote', 'rsvp', 'attended') then created_at end) as participated,
        min(case when verb = 'question' then created_at end) as asked,
        min(case when verb in ('answer', 'article') then created_at end) as produced
      from activities group by actor_id;
    update users set first_participated_at = m.participated, first_asked_at = m.asked, first_produced_at = m.produced
      from milestones m where m.actor_id = users.id;
    drop table milestones;
    create temp table first_answers as select parent_id, min(created_at) as at from posts where kind = 'answer' group by parent_id;
    update posts set first_answer_at = first_answers.at from first_answers where first_answers.parent_id = posts.id and posts.kind = 'question';
    drop table first_answers;
  `);
  return (
    (sqlite
      .prepare(
        "select (select count(*) from member_weeks) + (select count(*) from member_days) + (select count(*) from member_tag_weeks) + (select count(*) from tag_weeks) + (select count(*) from org_weeks) + (select count(*) from community_weeks)",
      )
      .pluck()
      .get() as number) ?? 0
  );
}
