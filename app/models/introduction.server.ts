/**
 * People you should meet (docs/people-to-meet.md): the daily matching job that fills `member_matches`, the
 * suggestions pages read from it, "say hello" (an `introduction` notification) and whether hellos led to contact.
 *
 * The job reads everything it needs in a handful of scans and works in memory, one member at a time, so its
 * cost grows with members × (their tags × a fixed number of people per tag), never with members²:
 * - per tag, members are ordered by how strongly they hold it (earned points, chosen expertise, following);
 *   a member's candidates in a tag are the tag's first TOP_PER_TAG and their NEIGHBOURS either side in that order;
 * - people who answered each other's questions, and everyone going to the same small upcoming meetup;
 * - for a customer, the employees who hold the tags of their questions most strongly (and the other way round).
 * Each candidate is then scored from the reasons found (REASON_POINTS), members of the same organisation are
 * ranked after the others, and the best MATCHES_PER_MEMBER are written, a batch of members per transaction.
 */
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { introductions, memberMatches, users, type Role } from "~db/schema";
import { db, type Tx, writeTransaction } from "~/utils/db.server";
import {
  CONTACT_WINDOW_DAYS,
  INTRODUCTION_GAP_DAYS,
  MATCHES_PER_MEMBER,
  parseReasons,
  type MatchReason,
} from "~/utils/introductions";
import { notify } from "./notification.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** A member's strongest tags taken into account. */
const TAGS_PER_MEMBER = 6;
/** The strongest members of a tag are candidates for everyone who holds it… */
const TOP_PER_TAG = 6;
/** …and so are the members just above and below one in the tag's order (peers). */
const NEIGHBOURS = 3;
/** The employees per tag a customer's questions are matched with. */
const EMPLOYEES_PER_TAG = 5;
/** Everyone going to a meetup this size or smaller is a candidate; at larger ones it only adds a reason. */
const SMALL_MEETUP = 40;
/** The customers whose questions match an employee's tags who become that employee's candidates. */
const ASKERS_PER_EMPLOYEE = 50;
const BATCH = 2000;

/** What each reason adds to the score (docs/people-to-meet.md). */
export const REASON_POINTS = { knowTag: 2, followTag: 1, answer: 3, meetup: 3, customerTag: 2 } as const;
const MAX_TAGS_COUNTED = 4;
const MAX_ANSWERS_COUNTED = 4;

const EXPERTISE = 1;
const FOLLOWED = 2;
const EARNED = 4;

type Member = { id: number; org: number; relation: string };
const knows = (bits: number) => (bits & (EXPERTISE | EARNED)) !== 0;
type Holding = { tag: number; bits: number; weight: number; pos: number };

function load(now: Date) {
  const client = db.$client;
  const at = now.getTime();
  const members = client
    .prepare(
      `select u.id, coalesce(m.org_id, 0) org, coalesce(m.relation, '') relation from users u
       left join memberships m on m.user_id = u.id
       where u.erased_at is null and (u.suspended_at is null or (u.suspended_until is not null and u.suspended_until <= ?))
       order by u.id`,
    )
    .all(at) as Member[];
  const byId = new Map(members.map((m) => [m.id, m]));
  const tagNames = new Map(
    (client.prepare("select id, name from tags").all() as { id: number; name: string }[]).map((t) => [t.id, t.name]),
  );

  // Tag holdings: bits (chosen expertise, followed, earned standing) and a weight to order a tag's members by.
  const raw = new Map<number, Map<number, { bits: number; weight: number }>>();
  const hold = (user: number, tag: number, bits: number, weight: number) => {
    if (!byId.has(user)) return;
    let tags = raw.get(user);
    if (!tags) raw.set(user, (tags = new Map()));
    const h = tags.get(tag);
    if (h) {
      h.bits |= bits;
      h.weight += weight;
    } else tags.set(tag, { bits, weight });
  };
  for (const r of client.prepare("select user_id u, tag_id t from member_tags").raw().iterate() as Iterable<number[]>)
    hold(r[0], r[1], EXPERTISE, 100);
  for (const r of client
    .prepare("select user_id u, target_id t from follows where kind = 'tag'")
    .raw()
    .iterate() as Iterable<number[]>)
    hold(r[0], r[1], FOLLOWED, 10);
  for (const r of client
    .prepare("select user_id u, tag_id t, points p from tag_reputation where points > 0")
    .raw()
    .iterate() as Iterable<number[]>)
    hold(r[0], r[1], EARNED, r[2]);

  // Each member's strongest tags, and each tag's members in order of strength.
  const holdings = new Map<number, Map<number, Holding>>();
  const perTagWeighted = new Map<number, [number, number][]>();
  for (const [user, tags] of raw) {
    const list = [...tags]
      .map(([tag, h]) => ({ tag, bits: h.bits, weight: h.weight, pos: 0 }))
      .sort((a, b) => b.weight - a.weight || a.tag - b.tag)
      .slice(0, TAGS_PER_MEMBER);
    holdings.set(user, new Map(list.map((h) => [h.tag, h])));
    for (const h of list) {
      let ids = perTagWeighted.get(h.tag);
      if (!ids) perTagWeighted.set(h.tag, (ids = []));
      ids.push([h.weight, user]);
    }
  }
  raw.clear();
  const perTag = new Map<number, number[]>();
  for (const [tag, weighted] of perTagWeighted) {
    weighted.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const ids = weighted.map((w) => w[1]);
    ids.forEach((user, pos) => (holdings.get(user)!.get(tag)!.pos = pos));
    perTag.set(tag, ids);
  }

  // The same, flat and indexed by member id, for the scoring loop that runs for every candidate.
  const maxId = members.length ? members[members.length - 1].id : 0;
  const tagSlots = new Int32Array((maxId + 1) * TAGS_PER_MEMBER).fill(-1);
  const knowSlots = new Uint8Array((maxId + 1) * TAGS_PER_MEMBER);
  for (const [user, tags] of holdings) {
    let i = user * TAGS_PER_MEMBER;
    for (const h of tags.values()) {
      tagSlots[i] = h.tag;
      knowSlots[i++] = knows(h.bits) ? 1 : 0;
    }
  }
  const orgOf = new Int32Array(maxId + 1);
  const customerOrEmployee = new Uint8Array(maxId + 1);
  for (const m of members) {
    orgOf[m.id] = m.org;
    customerOrEmployee[m.id] = m.relation === "customer" ? 1 : m.relation === "employee" ? 2 : 0;
  }

  // Answers to each other's questions: distinct questions per (asker, answerer).
  // answered.get(asker).get(answerer): how many of the asker's questions the answerer answered.
  const answered = new Map<number, Map<number, number>>();
  const partners = new Map<number, Set<number>>();
  const partner = (a: number, b: number) => {
    let set = partners.get(a);
    if (!set) partners.set(a, (set = new Set()));
    set.add(b);
  };
  for (const r of client
    .prepare(
      `select q.author_id asker, a.author_id answerer, count(distinct q.id) n from posts a
       join posts q on q.id = a.parent_id
       where a.kind = 'answer' and a.status = 'published' and q.kind = 'question' and q.status = 'published'
         and q.author_id <> a.author_id
       group by q.author_id, a.author_id`,
    )
    .raw()
    .iterate() as Iterable<number[]>) {
    if (!byId.has(r[0]) || !byId.has(r[1])) continue;
    let byAnswerer = answered.get(r[0]);
    if (!byAnswerer) answered.set(r[0], (byAnswerer = new Map()));
    byAnswerer.set(r[1], r[2]);
    partner(r[0], r[1]);
    partner(r[1], r[0]);
  }

  // Upcoming meetups members are going to.
  const meetups = new Map<number, { title: string; startsAt: number; goers: number[] }>();
  const goingTo = new Map<number, number[]>();
  for (const r of client
    .prepare(
      `select e.id, e.title, e.starts_at, r.user_id from events e join rsvps r on r.event_id = e.id
       where e.starts_at > ? and e.status = 'scheduled' and r.status = 'going' and r.visible = 1 order by e.starts_at, e.id, r.user_id`,
    )
    .raw()
    .iterate(at) as Iterable<[number, string, number, number]>) {
    if (!byId.has(r[3])) continue;
    let meetup = meetups.get(r[0]);
    if (!meetup) meetups.set(r[0], (meetup = { title: r[1], startsAt: r[2], goers: [] }));
    meetup.goers.push(r[3]);
    let list = goingTo.get(r[3]);
    if (!list) goingTo.set(r[3], (list = []));
    list.push(r[0]);
  }

  // Customers: the tags of their published questions, most asked first.
  const askedTags = new Map<number, number[]>();
  for (const r of client
    .prepare(
      `select p.author_id, pt.tag_id, count(*) n from posts p join post_tags pt on pt.post_id = p.id
       where p.kind = 'question' and p.status = 'published'
         and p.author_id in (select user_id from memberships where relation = 'customer')
       group by p.author_id, pt.tag_id order by p.author_id, n desc, pt.tag_id`,
    )
    .raw()
    .iterate() as Iterable<number[]>) {
    if (!byId.has(r[0])) continue;
    let list = askedTags.get(r[0]);
    if (!list) askedTags.set(r[0], (list = []));
    if (list.length < TAGS_PER_MEMBER) list.push(r[1]);
  }
  // Employees per tag who know it (expertise or earned), strongest first; and, the other way round, the
  // customers matched with each employee: those asking in most of the employee's tags, at most ASKERS_PER_EMPLOYEE.
  const employeesOf = new Map<number, number[]>();
  for (const [tag, ids] of perTag) {
    const employees: number[] = [];
    for (const id of ids) {
      if (employees.length >= EMPLOYEES_PER_TAG) break;
      if (byId.get(id)!.relation === "employee" && knows(holdings.get(id)!.get(tag)!.bits)) employees.push(id);
    }
    if (employees.length) employeesOf.set(tag, employees);
  }
  const askerCounts = new Map<number, Map<number, number>>();
  for (const [customer, tags] of askedTags) {
    for (const tag of tags)
      for (const employee of employeesOf.get(tag) ?? []) {
        let counts = askerCounts.get(employee);
        if (!counts) askerCounts.set(employee, (counts = new Map()));
        counts.set(customer, (counts.get(customer) ?? 0) + 1);
      }
  }
  const askersOf = new Map<number, number[]>();
  for (const [employee, counts] of askerCounts)
    askersOf.set(
      employee,
      [...counts]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, ASKERS_PER_EMPLOYEE)
        .map((c) => c[0]),
    );
  return {
    members,
    byId,
    tagSlots,
    knowSlots,
    orgOf,
    customerOrEmployee,
    tagNames,
    holdings,
    perTag,
    answered,
    partners,
    meetups,
    goingTo,
    askedTags,
    employeesOf,
    askersOf,
  };
}

type Loaded = ReturnType<typeof load>;
export type Match = { otherId: number; rank: number; score: number; reasons: MatchReason[] };
type Scored = { id: number; score: number; sameOrg: boolean };

const answeredCount = (data: Loaded, asker: number, answerer: number) => data.answered.get(asker)?.get(answerer) ?? 0;

/** The tags of `customer`'s questions that `employee` knows (none unless they are customer and employee). */
function customerTags(data: Loaded, customer: Member, employee: Member) {
  if (customer.relation !== "customer" || employee.relation !== "employee") return [];
  const theirs = data.holdings.get(employee.id);
  return (data.askedTags.get(customer.id) ?? []).filter((tag) => {
    const h = theirs?.get(tag);
    return !!h && knows(h.bits);
  });
}

function sharedMeetup(data: Loaded, mine: number[], otherId: number) {
  if (!mine.length) return undefined;
  const theirs = data.goingTo.get(otherId);
  return theirs && mine.find((e) => theirs.includes(e));
}

/** The reasons `me` should meet `other`, with the points they add (REASON_POINTS). */
function reasonsFor(data: Loaded, me: Member, other: Member) {
  const mine = data.holdings.get(me.id);
  const theirs = data.holdings.get(other.id);
  const reasons: MatchReason[] = [];
  let score = 0;
  const know: string[] = [];
  const follow: string[] = [];
  if (mine && theirs)
    for (const h of mine.values()) {
      const t = theirs.get(h.tag);
      if (!t) continue;
      const name = data.tagNames.get(h.tag) ?? "";
      // Only what is true of both: one who knows a tag and one who follows it share no reason worded for both.
      if (knows(h.bits) && knows(t.bits)) know.push(name);
      else if (h.bits & FOLLOWED && t.bits & FOLLOWED) follow.push(name);
    }
  if (know.length) reasons.push({ code: "know", tags: know.slice(0, MAX_TAGS_COUNTED) });
  if (follow.length) reasons.push({ code: "follow", tags: follow.slice(0, MAX_TAGS_COUNTED) });
  score += REASON_POINTS.knowTag * Math.min(know.length, MAX_TAGS_COUNTED);
  score += REASON_POINTS.followTag * Math.min(follow.length, MAX_TAGS_COUNTED);
  const answeredYou = answeredCount(data, me.id, other.id);
  const youAnswered = answeredCount(data, other.id, me.id);
  if (answeredYou) reasons.push({ code: "answeredYou", count: answeredYou });
  if (youAnswered) reasons.push({ code: "youAnswered", count: youAnswered });
  score +=
    REASON_POINTS.answer * (Math.min(answeredYou, MAX_ANSWERS_COUNTED) + Math.min(youAnswered, MAX_ANSWERS_COUNTED));
  const shared = sharedMeetup(data, data.goingTo.get(me.id) ?? [], other.id);
  if (shared) {
    const meetup = data.meetups.get(shared)!;
    reasons.push({ code: "meetup", eventId: shared, title: meetup.title, startsAt: meetup.startsAt });
    score += REASON_POINTS.meetup;
  }
  const name = (tag: number) => data.tagNames.get(tag) ?? "";
  const expertFor = customerTags(data, me, other);
  const asksAbout = customerTags(data, other, me);
  if (expertFor.length) reasons.push({ code: "expertFor", tags: expertFor.slice(0, MAX_TAGS_COUNTED).map(name) });
  if (asksAbout.length) reasons.push({ code: "asksAbout", tags: asksAbout.slice(0, MAX_TAGS_COUNTED).map(name) });
  score += REASON_POINTS.customerTag * Math.min(expertFor.length + asksAbout.length, MAX_TAGS_COUNTED);
  return { score, reasons };
}

/** The same score as reasonsFor, without building the reasons: run for every candidate, so on flat arrays. */
function scoreOf(data: Loaded, me: Member, myMeetups: number[], myPartners: Set<number> | undefined, other: number) {
  const { tagSlots, knowSlots } = data;
  let know = 0;
  let follow = 0;
  const a = me.id * TAGS_PER_MEMBER;
  const b = other * TAGS_PER_MEMBER;
  for (let i = a; i < a + TAGS_PER_MEMBER && tagSlots[i] >= 0; i++)
    for (let j = b; j < b + TAGS_PER_MEMBER && tagSlots[j] >= 0; j++)
      if (tagSlots[i] === tagSlots[j]) {
        if (knowSlots[i] && knowSlots[j]) know++;
        else follow++;
        break;
      }
  let score =
    REASON_POINTS.knowTag * Math.min(know, MAX_TAGS_COUNTED) +
    REASON_POINTS.followTag * Math.min(follow, MAX_TAGS_COUNTED);
  if (myPartners?.has(other))
    score +=
      REASON_POINTS.answer *
      (Math.min(answeredCount(data, me.id, other), MAX_ANSWERS_COUNTED) +
        Math.min(answeredCount(data, other, me.id), MAX_ANSWERS_COUNTED));
  if (sharedMeetup(data, myMeetups, other)) score += REASON_POINTS.meetup;
  if (data.customerOrEmployee[me.id] + data.customerOrEmployee[other] === 3) {
    const them = data.byId.get(other)!;
    const matched = customerTags(data, me, them).length + customerTags(data, them, me).length;
    score += REASON_POINTS.customerTag * Math.min(matched, MAX_TAGS_COUNTED);
  }
  return score;
}

/** Whether `a` ranks before `b`: other organisations first, then the higher score, then the lower id. */
const before = (a: Scored, b: Scored) =>
  a.sameOrg !== b.sameOrg ? !a.sameOrg : a.score !== b.score ? a.score > b.score : a.id < b.id;

/** The candidates of one member, scored; the best MATCHES_PER_MEMBER, other organisations first. */
function matchesOf(data: Loaded, me: Member, candidates: Set<number>): Match[] {
  candidates.clear();
  const mine = [...(data.holdings.get(me.id)?.values() ?? [])];
  for (const h of mine) {
    const ids = data.perTag.get(h.tag)!;
    for (let i = 0; i < Math.min(TOP_PER_TAG, ids.length); i++) candidates.add(ids[i]);
    for (let i = Math.max(0, h.pos - NEIGHBOURS); i <= Math.min(ids.length - 1, h.pos + NEIGHBOURS); i++)
      candidates.add(ids[i]);
  }
  for (const id of data.partners.get(me.id) ?? []) candidates.add(id);
  const myMeetups = data.goingTo.get(me.id) ?? [];
  for (const eventId of myMeetups) {
    const goers = data.meetups.get(eventId)!.goers;
    if (goers.length <= SMALL_MEETUP) for (const id of goers) candidates.add(id);
  }
  if (me.relation === "customer")
    for (const tag of data.askedTags.get(me.id) ?? [])
      for (const id of data.employeesOf.get(tag) ?? []) candidates.add(id);
  for (const id of data.askersOf.get(me.id) ?? []) candidates.add(id);
  candidates.delete(me.id);

  // The best few by insertion: cheaper than sorting every candidate.
  const best: Scored[] = [];
  const myPartners = data.partners.get(me.id);
  for (const id of candidates) {
    const score = scoreOf(data, me, myMeetups, myPartners, id);
    if (score <= 0) continue;
    const entry = { id, score, sameOrg: me.org !== 0 && me.org === data.orgOf[id] };
    if (best.length === MATCHES_PER_MEMBER && !before(entry, best[best.length - 1])) continue;
    let i = best.length;
    while (i > 0 && before(entry, best[i - 1])) i--;
    best.splice(i, 0, entry);
    if (best.length > MATCHES_PER_MEMBER) best.pop();
  }
  return best.map(({ id }, i) => {
    const { score, reasons } = reasonsFor(data, me, data.byId.get(id)!);
    return { otherId: id, rank: i + 1, score, reasons };
  });
}

/**
 * Computes everyone's suggestions for `now` and replaces `member_matches`, BATCH members per transaction (a
 * member's rows are replaced at once; suspended and erased members lose theirs). Running it twice for the same
 * `now` writes the same rows. Returns counts for the bench.
 */
export function computeMemberMatches(now = new Date()) {
  const started = performance.now();
  const data = load(now);
  const candidates = new Set<number>();
  const loadedMs = performance.now() - started;
  const insert = db.$client.prepare(
    "insert into member_matches (user_id, other_id, rank, score, reasons, computed_at) values (?, ?, ?, ?, ?, ?)",
  );
  const clear = db.$client.prepare("delete from member_matches where user_id >= ? and user_id <= ?");
  const clearRest = db.$client.prepare("delete from member_matches where user_id > ?");
  let rows = 0;
  const at = now.getTime();
  const ids = (db.$client.prepare("select id from users order by id").raw().all() as number[][]).map((r) => r[0]);
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    const computed = batch.map((id) => {
      const member = data.byId.get(id);
      return { id, matches: member ? matchesOf(data, member, candidates) : [] };
    });
    writeTransaction(() => {
      clear.run(start === 0 ? 0 : batch[0], batch[batch.length - 1]);
      for (const { id, matches } of computed)
        for (const m of matches) {
          insert.run(id, m.otherId, m.rank, m.score, JSON.stringify(m.reasons), at);
          rows++;
        }
    });
  }
  writeTransaction(() => clearRest.run(ids[ids.length - 1] ?? 0));
  return {
    members: data.members.length,
    rows,
    loadMs: Math.round(loadedMs),
    totalMs: Math.round(performance.now() - started),
  };
}

export type Suggestion = Match & { name: string; handle: string; role: Role; headline: string; helloAt: Date | null };

/**
 * A member's suggestions as the job left them, without anyone suspended or erased since, with when the member
 * last said hello to each (null: not within INTRODUCTION_GAP_DAYS).
 */
export function listMatches(userId: number, now = new Date()): Suggestion[] {
  const since = now.getTime() - INTRODUCTION_GAP_DAYS * DAY_MS;
  const rows = db
    .select({
      otherId: memberMatches.otherId,
      rank: memberMatches.rank,
      score: memberMatches.score,
      reasons: memberMatches.reasons,
      name: users.name,
      handle: users.handle,
      role: users.role,
      headline: users.headline,
      helloAt: sql<number | null>`(select max(i.created_at) from introductions i
        where i.from_id = ${userId} and i.to_id = ${memberMatches.otherId} and i.created_at > ${since})`,
    })
    .from(memberMatches)
    .innerJoin(users, eq(users.id, memberMatches.otherId))
    .where(
      and(
        eq(memberMatches.userId, userId),
        sql`${users.erasedAt} is null`,
        sql`(${users.suspendedAt} is null or (${users.suspendedUntil} is not null and ${users.suspendedUntil} <= ${now.getTime()}))`,
      ),
    )
    .orderBy(asc(memberMatches.rank))
    .all();
  return rows.map((r) => ({
    ...r,
    reasons: parseReasons(r.reasons),
    helloAt: r.helloAt === null ? null : new Date(r.helloAt),
  }));
}

/** The same reason seen from the other side ("answered your questions" becomes "you answered theirs"). */
function mirrored(reason: MatchReason): MatchReason {
  switch (reason.code) {
    case "answeredYou":
      return { ...reason, code: "youAnswered" };
    case "youAnswered":
      return { ...reason, code: "answeredYou" };
    case "expertFor":
      return { ...reason, code: "asksAbout" };
    case "asksAbout":
      return { ...reason, code: "expertFor" };
    default:
      return reason;
  }
}

function matchRow(tx: Tx, userId: number, otherId: number) {
  return tx
    .select({ reasons: memberMatches.reasons })
    .from(memberMatches)
    .where(and(eq(memberMatches.userId, userId), eq(memberMatches.otherId, otherId)))
    .get();
}

export type HelloResult = { ok: true } | { ok: false; error: "forbidden" | "tooSoon" | "tooMany" };

/** Hellos one member may say in 24 hours: each is an email to someone by default. */
export const HELLOS_PER_DAY = 10;

/**
 * "Say hello": allowed to a member suggested to you, or back to one who said hello to you, who is neither
 * suspended nor erased; once per pair and direction per INTRODUCTION_GAP_DAYS, at most HELLOS_PER_DAY a day. Tells them with an
 * `introduction` notification whose title is the reason (JSON) from their side, so it reads in their language.
 */
export function sayHello({
  from,
  toId,
  now = new Date(),
}: {
  from: { id: number; handle: string };
  toId: number;
  now?: Date;
}): HelloResult {
  return writeTransaction((tx) => {
    if (toId === from.id) return { ok: false, error: "forbidden" } as const;
    const target = tx.select().from(users).where(eq(users.id, toId)).get();
    if (!target || target.erasedAt || (target.suspendedAt && (!target.suspendedUntil || target.suspendedUntil > now)))
      return { ok: false, error: "forbidden" } as const;
    const mine = matchRow(tx, from.id, toId);
    const theirs = matchRow(tx, toId, from.id);
    const greeted = tx
      .select({ id: introductions.id })
      .from(introductions)
      .where(and(eq(introductions.fromId, toId), eq(introductions.toId, from.id)))
      .get();
    // Only someone shown to the sender, or a hello back: appearing in strangers' lists is no licence to write them.
    if (!mine && !greeted) return { ok: false, error: "forbidden" } as const;
    const today = tx
      .select({ n: sql<number>`count(*)` })
      .from(introductions)
      .where(and(eq(introductions.fromId, from.id), gt(introductions.createdAt, new Date(now.getTime() - DAY_MS))))
      .get()!.n;
    if (today >= HELLOS_PER_DAY) return { ok: false, error: "tooMany" } as const;
    const recent = tx
      .select({ id: introductions.id })
      .from(introductions)
      .where(
        and(
          eq(introductions.fromId, from.id),
          eq(introductions.toId, toId),
          gt(introductions.createdAt, new Date(now.getTime() - INTRODUCTION_GAP_DAYS * DAY_MS)),
        ),
      )
      .get();
    if (recent) return { ok: false, error: "tooSoon" } as const;
    const intro = tx.insert(introductions).values({ fromId: from.id, toId, createdAt: now }).returning().get();
    const mineFirst = mine ? parseReasons(mine.reasons)[0] : undefined;
    const reason = theirs ? parseReasons(theirs.reasons)[0] : mineFirst && mirrored(mineFirst);
    notify(tx, {
      userId: toId,
      kind: "introduction",
      actorId: from.id,
      subject: `member:${from.id}`,
      title: reason ? JSON.stringify(reason) : "",
      url: `/members/${from.handle}`,
      dedupeKey: `introduction:${intro.id}`,
      at: now,
    });
    return { ok: true } as const;
  });
}

/**
 * What followed the hellos said in the last `weeks` weeks: contact within CONTACT_WINDOW_DAYS is a hello back,
 * an answer to the other's question, or both checked in at the same meetup in that window (going is not meeting:
 * the shared RSVP is often the reason for the suggestion itself).
 * Hellos younger than the window without contact yet are `pending`, not counted as failures. A hello back (to
 * a hello within the window) is the first one's contact, not an introduction of its own.
 */
export function introductionOutcomes(weeks: number, now = new Date()) {
  const to = now.getTime();
  const from = to - weeks * 7 * DAY_MS;
  const win = CONTACT_WINDOW_DAYS * DAY_MS;
  const rows = db.all<{ replied: number; answered: number; met: number; young: number }>(sql`
    select
      exists(select 1 from introductions b where b.from_id = i.to_id and b.to_id = i.from_id
        and b.created_at >= i.created_at and b.created_at <= i.created_at + ${win}) replied,
      exists(select 1 from posts a join posts q on q.id = a.parent_id
        where a.kind = 'answer' and a.status = 'published' and q.kind = 'question'
          and a.author_id in (i.from_id, i.to_id) and q.author_id in (i.from_id, i.to_id) and q.author_id <> a.author_id
          and a.created_at >= i.created_at and a.created_at <= i.created_at + ${win}) answered,
      exists(select 1 from attendance a1 join attendance a2 on a2.event_id = a1.event_id and a2.user_id = i.to_id
        where a1.user_id = i.from_id and a1.checked_in_at >= i.created_at and a1.checked_in_at <= i.created_at + ${win}
          and a2.checked_in_at >= i.created_at) met,
      i.created_at > ${to - win} young
    from introductions i where i.created_at >= ${from} and i.created_at <= ${to}
      and not exists(select 1 from introductions p where p.from_id = i.to_id and p.to_id = i.from_id
        and p.created_at <= i.created_at and p.created_at >= i.created_at - ${win})`);
  let contacted = 0;
  let pending = 0;
  const by = { replied: 0, answered: 0, met: 0 };
  for (const r of rows) {
    if (r.replied) by.replied++;
    if (r.answered) by.answered++;
    if (r.met) by.met++;
    if (r.replied || r.answered || r.met) contacted++;
    else if (r.young) pending++;
  }
  const decided = rows.length - pending;
  return { sent: rows.length, contacted, pending, rate: decided ? contacted / decided : null, ...by };
}
