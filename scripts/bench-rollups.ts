/**
 * The derived tables of a bulk-built benchmark database (scripts/bench-data.ts), computed from its
 * in-memory plan instead of by SQL over the written tables: the reputation ledger with its totals
 * and standings per tag, the health rollups, and each member's first contribution, vote, question
 * and answer. Rows come out in primary-key order, so every insert appends.
 *
 * The definitions are the set-based SQL of scripts/reputation-backfill.ts (the rules of
 * app/models/reputation.server.ts) and scripts/health-backfill.ts (the weights of
 * app/health/weights.ts, as recordActivity keeps them); scripts/bench-data.test.ts rebuilds both
 * with that SQL and compares every row. As there, the community's day is UTC+1 all year.
 */
import { CONTRIBUTION_WEIGHTS, PARTICIPATION_VERBS } from "~/health/weights";
import { DAY_MS } from "~/utils/time";
import type { ActivityVerb } from "~db/enums";

/** Writes rows of one table; `row` takes one value per column, in column order. */
export type Sink = (table: string, columns: string[]) => { row: (...values: unknown[]) => void; flush: () => void };

/** The activity log in id order (index i is id i + 1) and what it needs from the posts. */
export type ActivityLog = {
  count: number;
  actor: Int32Array;
  /** Index into `verbs`. */
  verb: Uint8Array;
  verbs: readonly ActivityVerb[];
  /** Post index (0-based) the activity is about. */
  post: Int32Array;
  time: Float64Array;
  /** Root post index of each post, and the roots' tags: tagIds[tagStart[r]..tagStart[r + 1]). */
  root: Int32Array;
  tagStart: Int32Array;
  tagIds: Uint16Array;
};

const HOUR = 60 * 60 * 1000;
/** The community's day number (UTC+1), as `date(created_at / 1000, 'unixepoch', '+1 hour')`. */
const dayNumber = (t: number) => Math.floor((t + HOUR) / DAY_MS);
/** The Monday on or before a day (day 0, 1970-01-01, was a Thursday). */
const mondayOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);

/** "YYYY-MM-DD" of a day number, cached: a few hundred distinct days name millions of rows. */
function dayNames() {
  const cache = new Map<number, string>();
  return (day: number) => {
    let name = cache.get(day);
    if (name === undefined) cache.set(day, (name = new Date(day * DAY_MS).toISOString().slice(0, 10)));
    return name;
  };
}

/** Indexes 0..count-1 grouped by key (0..keys-1), stable: within a key they stay ascending. */
export function groupBy(count: number, keys: number, keyOf: (i: number) => number) {
  const start = new Int32Array(keys + 1);
  for (let i = 0; i < count; i++) start[keyOf(i) + 1]++;
  for (let k = 0; k < keys; k++) start[k + 1] += start[k];
  const next = start.slice(0, keys);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[next[keyOf(i)]++] = i;
  return { start, order };
}

/** Post kind codes of the plan, and the posts.kind values they stand for. */
export const POST_KINDS = ["article", "question", "answer", "comment"] as const;
export const [ARTICLE, QUESTION, ANSWER, COMMENT] = [0, 1, 2, 3] as const;

const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

/**
 * users.first_contributed_at, first_participated_at, first_asked_at, first_produced_at as the
 * health backfill sets them (NaN where there is none: the column stays null).
 */
export function memberMilestones(log: ActivityLog, members: number) {
  const verbIs = (list: readonly string[]) => log.verbs.map((v) => list.includes(v));
  const contributing = verbIs(
    Object.keys(CONTRIBUTION_WEIGHTS).filter((v) => CONTRIBUTION_WEIGHTS[v as ActivityVerb]! > 0),
  );
  const participating = verbIs(["vote", "rsvp", "attended"]);
  const asking = verbIs(["question"]);
  const producing = verbIs(["answer", "article"]);
  const first = () => new Float64Array(members + 1).fill(NaN);
  const milestones = { contributed: first(), participated: first(), asked: first(), produced: first() };
  // The log is in time order, so the first one seen is the earliest.
  const mark = (column: Float64Array, actor: number, t: number) => {
    if (Number.isNaN(column[actor])) column[actor] = t;
  };
  for (let i = 0; i < log.count; i++) {
    const v = log.verb[i];
    const actor = log.actor[i];
    if (contributing[v]) mark(milestones.contributed, actor, log.time[i]);
    if (participating[v]) mark(milestones.participated, actor, log.time[i]);
    if (asking[v]) mark(milestones.asked, actor, log.time[i]);
    if (producing[v]) mark(milestones.produced, actor, log.time[i]);
  }
  return milestones;
}

/**
 * member_weeks, member_days, member_tag_weeks, tag_weeks, org_weeks and community_weeks, as
 * scripts/health-backfill.ts fills them. `orgOf[user]` is the member's organisation id (0: none).
 * Returns the number of rows written.
 */
export function writeHealthRollups(log: ActivityLog, members: number, tags: number, orgOf: Int32Array, sink: Sink) {
  const weightOf = Float64Array.from(log.verbs, (v) => CONTRIBUTION_WEIGHTS[v] ?? 0);
  const participationOf = Uint8Array.from(log.verbs, (v) => (PARTICIPATION_VERBS.includes(v) ? 1 : 0));
  const dayName = dayNames();
  let rows = 0;

  // Per member (ascending), their activities in time order: days and weeks come ascending too.
  const memberWeeks = sink("member_weeks", ["user_id", "week", "weighted", "contributions", "participations"]);
  const memberDays = sink("member_days", ["user_id", "day", "weighted", "contributions", "participations"]);
  const community = new Map<number, { weighted: number; contributions: number; active: number; readers: number }>();
  const byActor = groupBy(log.count, members + 1, (i) => log.actor[i]);
  for (let actor = 0; actor <= members; actor++) {
    const from = byActor.start[actor];
    const to = byActor.start[actor + 1];
    let day = -1;
    let week = -1;
    const d = { w: 0, c: 0, p: 0 };
    const wk = { w: 0, c: 0, p: 0 };
    const flushDay = () => {
      if (day >= 0 && (d.w !== 0 || d.p > 0)) {
        memberDays.row(actor, dayName(day), d.w, d.c, d.p);
        rows++;
      }
      d.w = d.c = d.p = 0;
    };
    const flushWeek = () => {
      if (week >= 0 && (wk.w !== 0 || wk.p > 0)) {
        memberWeeks.row(actor, dayName(week), wk.w, wk.c, wk.p);
        rows++;
        let c = community.get(week);
        if (!c) community.set(week, (c = { weighted: 0, contributions: 0, active: 0, readers: 0 }));
        c.weighted += wk.w;
        c.contributions += wk.c;
        if (wk.w > 0) c.active++;
        else if (wk.p > 0) c.readers++;
      }
      wk.w = wk.c = wk.p = 0;
    };
    for (let j = from; j < to; j++) {
      const i = byActor.order[j];
      const today = dayNumber(log.time[i]);
      if (today !== day) {
        flushDay();
        day = today;
        const monday = mondayOf(today);
        if (monday !== week) {
          flushWeek();
          week = monday;
        }
      }
      const w = weightOf[log.verb[i]];
      const p = participationOf[log.verb[i]];
      d.w += w;
      d.c += sign(w);
      d.p += p;
      wk.w += w;
      wk.c += sign(w);
      wk.p += p;
    }
    flushDay();
    flushWeek();
  }
  memberWeeks.flush();
  memberDays.flush();

  const communityWeeks = sink("community_weeks", ["week", "weighted", "contributions", "active", "readers"]);
  for (const week of [...community.keys()].sort((a, b) => a - b)) {
    const c = community.get(week)!;
    communityWeeks.row(dayName(week), c.weighted, c.contributions, c.active, c.readers);
    rows++;
  }
  communityWeeks.flush();

  // Contributions by tag (of the thread's root), then week, then member.
  const weighted: number[] = [];
  for (let i = 0; i < log.count; i++) if (weightOf[log.verb[i]] !== 0) weighted.push(i);
  const pairEvent: number[] = [];
  const pairTag: number[] = [];
  for (const i of weighted) {
    const r = log.root[log.post[i]];
    for (let t = log.tagStart[r]; t < log.tagStart[r + 1]; t++) {
      pairEvent.push(i);
      pairTag.push(log.tagIds[t]);
    }
  }
  const byTag = groupBy(pairEvent.length, tags + 1, (k) => pairTag[k]);
  const memberTagWeeks = sink("member_tag_weeks", ["tag_id", "week", "user_id", "weighted", "contributions"]);
  const tagWeeks = sink("tag_weeks", ["tag_id", "week", "weighted", "contributions"]);
  const userWeight = new Float64Array(members + 1);
  const userCount = new Int32Array(members + 1);
  const seenIn = new Int32Array(members + 1); // the tag-week (numbered from 1) a member was last counted in
  let stamp = 1;
  const touched: number[] = [];
  for (let tag = 1; tag <= tags; tag++) {
    let week = -1;
    const flushWeek = () => {
      stamp++;
      if (week < 0) return;
      touched.sort((a, b) => a - b);
      let w = 0;
      let c = 0;
      for (const user of touched) {
        memberTagWeeks.row(tag, dayName(week), user, userWeight[user], userCount[user]);
        w += userWeight[user];
        c += userCount[user];
        userWeight[user] = 0;
        userCount[user] = 0;
      }
      rows += touched.length + 1;
      tagWeeks.row(tag, dayName(week), w, c);
      touched.length = 0;
    };
    for (let j = byTag.start[tag]; j < byTag.start[tag + 1]; j++) {
      const i = pairEvent[byTag.order[j]];
      const monday = mondayOf(dayNumber(log.time[i]));
      if (monday !== week) {
        flushWeek();
        week = monday;
      }
      const actor = log.actor[i];
      const w = weightOf[log.verb[i]];
      if (seenIn[actor] !== stamp) {
        seenIn[actor] = stamp;
        touched.push(actor);
      }
      userWeight[actor] += w;
      userCount[actor] += sign(w);
    }
    flushWeek();
  }
  memberTagWeeks.flush();
  tagWeeks.flush();

  // Contributions by the member's organisation, then week.
  const orgs = new Map<number, Map<number, { weighted: number; contributions: number }>>();
  for (const i of weighted) {
    const org = orgOf[log.actor[i]];
    if (!org) continue;
    let weeks = orgs.get(org);
    if (!weeks) orgs.set(org, (weeks = new Map()));
    const monday = mondayOf(dayNumber(log.time[i]));
    let cell = weeks.get(monday);
    if (!cell) weeks.set(monday, (cell = { weighted: 0, contributions: 0 }));
    const w = weightOf[log.verb[i]];
    cell.weighted += w;
    cell.contributions += sign(w);
  }
  const orgWeeks = sink("org_weeks", ["org_id", "week", "weighted", "contributions"]);
  for (const org of [...orgs.keys()].sort((a, b) => a - b)) {
    const weeks = orgs.get(org)!;
    for (const week of [...weeks.keys()].sort((a, b) => a - b)) {
      const cell = weeks.get(week)!;
      orgWeeks.row(org, dayName(week), cell.weighted, cell.contributions);
      rows++;
    }
  }
  orgWeeks.flush();
  return rows;
}

/** What the ledger needs from the plan: posts (kind codes of POST_KINDS), accepted answers and votes. */
export type LedgerInput = {
  members: number;
  n: number;
  kind: Uint8Array;
  parent: Int32Array;
  author: Int32Array;
  created: Float64Array;
  /** accepted[q]: the accepted answer of question q, or -1. */
  accepted: Int32Array;
  tagStart: Int32Array;
  tagIds: Uint16Array;
  /** `rowOrder`: the votes in the order the votes table holds them (the ledger's downvotes follow it). */
  votes: {
    count: number;
    user: Int32Array;
    post: Int32Array;
    value: Int8Array;
    at: Float64Array;
    rowOrder: Int32Array;
  };
};

const REASONS = ["upvote", "downvote", "downvote_cast", "accepted", "accept_given"] as const;
const [UPVOTE, DOWNVOTE, DOWNVOTE_CAST, ACCEPTED, ACCEPT_GIVEN] = [0, 1, 2, 3, 4] as const;
/** The daily cap on reputation from upvotes per member (app/models/reputation.server.ts). */
const DAILY_UPVOTE_CAP = 200;

/**
 * The reputation ledger in the order scripts/reputation-backfill.ts inserts it (so ids match):
 * upvotes per author and day in time order, capped at 200 a day; downvotes and their cost to the
 * voter on answers in the votes table's order; acceptances and their +2 to the asker in question order. `total`
 * is each member's reputation. Votes and posts are 0-based; ids are index + 1.
 */
export function planReputation(input: LedgerInput) {
  const { kind, parent, author, created, accepted, votes } = input;
  const capacity = 2 * votes.count + 2 * input.n;
  const ledger = {
    count: 0,
    user: new Int32Array(capacity),
    points: new Int16Array(capacity),
    reason: new Uint8Array(capacity),
    actor: new Int32Array(capacity),
    /** The voter for votes (source "vote:voter:post"), -1 for acceptances (source "accept:post"). */
    voter: new Int32Array(capacity),
    post: new Int32Array(capacity),
    root: new Int32Array(capacity),
    time: new Float64Array(capacity),
    total: new Int32Array(input.members + 1),
  };
  const add = (
    user: number,
    points: number,
    reason: number,
    actor: number,
    voter: number,
    post: number,
    root: number,
    time: number,
  ) => {
    const e = ledger.count++;
    ledger.user[e] = user;
    ledger.points[e] = points;
    ledger.reason[e] = reason;
    ledger.actor[e] = actor;
    ledger.voter[e] = voter;
    ledger.post[e] = post;
    ledger.root[e] = root;
    ledger.time[e] = time;
    ledger.total[user] += points;
  };
  const rated = (v: number) => {
    const p = votes.post[v];
    return kind[p] !== COMMENT && votes.user[v] !== author[p];
  };
  const rootOf = (p: number) => (kind[p] === ANSWER ? parent[p] : p);

  // Upvotes: per author, ordered by (created_at, post, voter); the cap runs per community day.
  const upvotes: number[] = [];
  for (let v = 0; v < votes.count; v++) if (votes.value[v] === 1 && rated(v)) upvotes.push(v);
  const byAuthor = groupBy(upvotes.length, input.members + 1, (k) => author[votes.post[upvotes[k]]]);
  const order = Int32Array.from(byAuthor.order, (k) => upvotes[k]);
  for (let a = 0; a <= input.members; a++) {
    const bucket = order.subarray(byAuthor.start[a], byAuthor.start[a + 1]);
    bucket.sort((x, y) => votes.at[x] - votes.at[y] || votes.post[x] - votes.post[y] || votes.user[x] - votes.user[y]);
    let day = -1;
    let earlier = 0;
    for (const v of bucket) {
      const today = dayNumber(votes.at[v]);
      if (today !== day) {
        day = today;
        earlier = 0;
      }
      const p = votes.post[v];
      const points = kind[p] === QUESTION ? 5 : 10;
      if (earlier < DAILY_UPVOTE_CAP)
        add(
          a,
          Math.min(points, DAILY_UPVOTE_CAP - earlier),
          UPVOTE,
          votes.user[v],
          votes.user[v],
          p,
          rootOf(p),
          votes.at[v],
        );
      earlier += points;
    }
  }
  for (const v of votes.rowOrder) {
    if (votes.value[v] !== -1 || !rated(v)) continue;
    const p = votes.post[v];
    add(author[p], -2, DOWNVOTE, votes.user[v], votes.user[v], p, rootOf(p), votes.at[v]);
  }
  for (const v of votes.rowOrder) {
    const p = votes.post[v];
    if (votes.value[v] !== -1 || !rated(v) || kind[p] !== ANSWER) continue;
    add(votes.user[v], -1, DOWNVOTE_CAST, votes.user[v], votes.user[v], p, rootOf(p), votes.at[v]);
  }
  for (const [reason, points] of [
    [ACCEPTED, 15],
    [ACCEPT_GIVEN, 2],
  ] as const) {
    for (let q = 0; q < input.n; q++) {
      const a = accepted[q];
      if (a < 0 || author[a] === author[q]) continue;
      add(reason === ACCEPTED ? author[a] : author[q], points, reason, author[q], -1, a, q, created[a]);
    }
  }
  return ledger;
}
export type Ledger = ReturnType<typeof planReputation>;

/** reputation_events and tag_reputation (points and accepted answers per member and root tag). */
export function writeReputation(ledger: Ledger, input: LedgerInput, tags: number, sink: Sink) {
  const dayName = dayNames();
  const events = sink("reputation_events", [
    "user_id",
    "points",
    "reason",
    "source",
    "actor_id",
    "post_id",
    "root_id",
    "day",
    "created_at",
  ]);
  for (let e = 0; e < ledger.count; e++) {
    const post = ledger.post[e] + 1;
    const source = ledger.voter[e] < 0 ? `accept:${post}` : `vote:${ledger.voter[e]}:${post}`;
    const t = ledger.time[e];
    events.row(
      ledger.user[e],
      ledger.points[e],
      REASONS[ledger.reason[e]],
      source,
      ledger.actor[e],
      post,
      ledger.root[e] + 1,
      dayName(dayNumber(t)),
      t,
    );
  }
  events.flush();

  const standings = sink("tag_reputation", ["user_id", "tag_id", "points", "accepted_answers"]);
  const byUser = groupBy(ledger.count, input.members + 1, (e) => ledger.user[e]);
  const points = new Int32Array(tags + 1);
  const acceptedAnswers = new Int32Array(tags + 1);
  const seen = new Uint8Array(tags + 1);
  const touched: number[] = [];
  let rows = ledger.count;
  for (let user = 0; user <= input.members; user++) {
    for (let j = byUser.start[user]; j < byUser.start[user + 1]; j++) {
      const e = byUser.order[j];
      const r = ledger.root[e];
      for (let k = input.tagStart[r]; k < input.tagStart[r + 1]; k++) {
        const tag = input.tagIds[k];
        if (!seen[tag]) {
          seen[tag] = 1;
          touched.push(tag);
        }
        points[tag] += ledger.points[e];
        if (ledger.reason[e] === ACCEPTED) acceptedAnswers[tag]++;
      }
    }
    touched.sort((a, b) => a - b);
    for (const tag of touched) {
      standings.row(user, tag, points[tag], acceptedAnswers[tag]);
      points[tag] = acceptedAnswers[tag] = seen[tag] = 0;
    }
    rows += touched.length;
    touched.length = 0;
  }
  standings.flush();
  return rows;
}
