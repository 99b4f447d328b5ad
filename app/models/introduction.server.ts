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
import { introductions, memberMatches, users } from "~db/schema";
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
const TAGS_PER_MEMBER = 8;
/** The strongest members of a tag are candidates for everyone who holds it… */
const TOP_PER_TAG = 8;
/** …and so are the members just above and below one in the tag's order (peers). */
const NEIGHBOURS = 4;
/** The employees per tag a customer's questions are matched with. */
const EMPLOYEES_PER_TAG = 5;
/** Everyone going to a meetup this size or smaller is a candidate; at larger ones it only adds a reason. */
const SMALL_MEETUP = 40;
const BATCH = 2000;

/** What each reason adds to the score (docs/people-to-meet.md). */
export const REASON_POINTS = { knowTag: 2, followTag: 1, answer: 3, meetup: 3, customerTag: 2 } as const;
const MAX_TAGS_COUNTED = 4;
const MAX_ANSWERS_COUNTED = 4;

const EXPERTISE = 1;
const FOLLOWED = 2;
const EARNED = 4;

type Member = { id: number; org: number; relation: string };
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
  const holdings = new Map<number, Holding[]>();
  const perTag = new Map<number, number[]>();
  for (const [user, tags] of raw) {
    const list = [...tags]
      .map(([tag, h]) => ({ tag, bits: h.bits, weight: h.weight, pos: 0 }))
      .sort((a, b) => b.weight - a.weight || a.tag - b.tag)
      .slice(0, TAGS_PER_MEMBER);
    holdings.set(user, list);
    for (const h of list) {
      let ids = perTag.get(h.tag);
      if (!ids) perTag.set(h.tag, (ids = []));
      ids.push(user);
    }
  }
  const holdingOf = (user: number, tag: number) => holdings.get(user)?.find((h) => h.tag === tag);
  for (const [tag, ids] of perTag) {
    ids.sort((a, b) => holdingOf(b, tag)!.weight - holdingOf(a, tag)!.weight || a - b);
    ids.forEach((user, pos) => (holdingOf(user, tag)!.pos = pos));
  }

  // Answers to each other's questions: distinct questions per (asker, answerer).
  const answered = new Map<number, number>();
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
    answered.set(r[0] * 2 ** 21 + r[1], r[2]);
    partner(r[0], r[1]);
    partner(r[1], r[0]);
  }

  // Upcoming meetups members are going to.
  const meetups = new Map<number, { title: string; startsAt: number; goers: number[] }>();
  const goingTo = new Map<number, number[]>();
  for (const r of client
    .prepare(
      `select e.id, e.title, e.starts_at, r.user_id from events e join rsvps r on r.event_id = e.id
       where e.starts_at > ? and e.status = 'scheduled' and r.status = 'going' order by e.starts_at, e.id, r.user_id`,
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
  // customers matched with each employee.
  const employeesOf = new Map<number, number[]>();
  for (const [tag, ids] of perTag) {
    const employees: number[] = [];
    for (const id of ids) {
      if (employees.length >= EMPLOYEES_PER_TAG) break;
      if (byId.get(id)!.relation === "employee" && holdingOf(id, tag)!.bits & (EXPERTISE | EARNED)) employees.push(id);
    }
    if (employees.length) employeesOf.set(tag, employees);
  }
  const askersOf = new Map<number, Set<number>>();
  for (const [customer, tags] of askedTags) {
    for (const tag of tags)
      for (const employee of employeesOf.get(tag) ?? []) {
        let set = askersOf.get(employee);
        if (!set) askersOf.set(employee, (set = new Set()));
        set.add(customer);
      }
  }
  return {
    members,
    byId,
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

const knows = (bits: number) => (bits & (EXPERTISE | EARNED)) !== 0;

/** The candidates of one member, scored; the best MATCHES_PER_MEMBER, other organisations first. */
function matchesOf(data: Loaded, me: Member): Match[] {
  const candidates = new Set<number>();
  const mine = data.holdings.get(me.id) ?? [];
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
  const asked = me.relation === "customer" ? (data.askedTags.get(me.id) ?? []) : [];
  for (const tag of asked) for (const id of data.employeesOf.get(tag) ?? []) candidates.add(id);
  for (const id of data.askersOf.get(me.id) ?? []) candidates.add(id);
  candidates.delete(me.id);

  const scored: (Match & { sameOrg: boolean })[] = [];
  for (const id of candidates) {
    const other = data.byId.get(id)!;
    const theirs = data.holdings.get(id) ?? [];
    const reasons: MatchReason[] = [];
    let score = 0;
    const know: string[] = [];
    const follow: string[] = [];
    for (const h of mine) {
      const t = theirs.find((x) => x.tag === h.tag);
      if (!t) continue;
      const name = data.tagNames.get(h.tag) ?? "";
      if (knows(h.bits) && knows(t.bits)) know.push(name);
      else follow.push(name);
    }
    if (know.length) {
      reasons.push({ code: "know", tags: know.slice(0, MAX_TAGS_COUNTED) });
      score += REASON_POINTS.knowTag * Math.min(know.length, MAX_TAGS_COUNTED);
    }
    if (follow.length) {
      reasons.push({ code: "follow", tags: follow.slice(0, MAX_TAGS_COUNTED) });
      score += REASON_POINTS.followTag * Math.min(follow.length, MAX_TAGS_COUNTED);
    }
    const answeredYou = data.answered.get(me.id * 2 ** 21 + id) ?? 0;
    const youAnswered = data.answered.get(id * 2 ** 21 + me.id) ?? 0;
    if (answeredYou) reasons.push({ code: "answeredYou", count: answeredYou });
    if (youAnswered) reasons.push({ code: "youAnswered", count: youAnswered });
    score +=
      REASON_POINTS.answer * (Math.min(answeredYou, MAX_ANSWERS_COUNTED) + Math.min(youAnswered, MAX_ANSWERS_COUNTED));
    const theirMeetups = data.goingTo.get(id);
    const shared = theirMeetups && myMeetups.find((e) => theirMeetups.includes(e));
    if (shared) {
      const meetup = data.meetups.get(shared)!;
      reasons.push({ code: "meetup", eventId: shared, title: meetup.title, startsAt: meetup.startsAt });
      score += REASON_POINTS.meetup;
    }
    const customerTags = (a: Member, b: Member) => {
      if (a.relation !== "customer" || b.relation !== "employee") return [];
      const theirHoldings = data.holdings.get(b.id) ?? [];
      return (data.askedTags.get(a.id) ?? [])
        .filter((tag) => theirHoldings.some((x) => x.tag === tag && knows(x.bits)))
        .map((tag) => data.tagNames.get(tag) ?? "");
    };
    const expertFor = customerTags(me, other);
    const asksAbout = customerTags(other, me);
    if (expertFor.length) reasons.push({ code: "expertFor", tags: expertFor.slice(0, MAX_TAGS_COUNTED) });
    if (asksAbout.length) reasons.push({ code: "asksAbout", tags: asksAbout.slice(0, MAX_TAGS_COUNTED) });
    score += REASON_POINTS.customerTag * Math.min(expertFor.length + asksAbout.length, MAX_TAGS_COUNTED);
    if (!reasons.length) continue;
    scored.push({ otherId: id, rank: 0, score, reasons, sameOrg: me.org !== 0 && me.org === other.org });
  }
  scored.sort((a, b) => Number(a.sameOrg) - Number(b.sameOrg) || b.score - a.score || a.otherId - b.otherId);
  return scored
    .slice(0, MATCHES_PER_MEMBER)
    .map(({ otherId, score, reasons }, i) => ({ otherId, rank: i + 1, score, reasons }));
}

/**
 * Computes everyone's suggestions for `now` and replaces `member_matches`, BATCH members per transaction (a
 * member's rows are replaced at once; suspended and erased members lose theirs). Running it twice for the same
 * `now` writes the same rows. Returns counts for the bench.
 */
export function computeMemberMatches(now = new Date()) {
  const started = performance.now();
  const data = load(now);
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
      return { id, matches: member ? matchesOf(data, member) : [] };
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

export type Suggestion = Match & { name: string; handle: string; headline: string; helloAt: Date | null };

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

export type HelloResult = { ok: true } | { ok: false; error: "forbidden" | "tooSoon" };

/**
 * "Say hello": allowed to a member suggested to you, or back to one who said hello to you, who is neither
 * suspended nor erased; once per pair and direction per INTRODUCTION_GAP_DAYS. Tells them with an
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
    if (!mine && !theirs && !greeted) return { ok: false, error: "forbidden" } as const;
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
    const reason = theirs
      ? parseReasons(theirs.reasons)[0]
      : mine
        ? mirrored(parseReasons(mine.reasons)[0])
        : undefined;
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
 * an answer to the other's question, or both going to (or checked in at) the same meetup in that window.
 * Hellos younger than the window without contact yet are `pending`, not counted as failures.
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
      (exists(select 1 from rsvps r1 join rsvps r2 on r2.event_id = r1.event_id and r2.user_id = i.to_id and r2.status = 'going'
          join events e on e.id = r1.event_id
        where r1.user_id = i.from_id and r1.status = 'going' and e.status = 'scheduled'
          and e.starts_at >= i.created_at and e.starts_at <= i.created_at + ${win})
       or exists(select 1 from attendance a1 join attendance a2 on a2.event_id = a1.event_id and a2.user_id = i.to_id
        where a1.user_id = i.from_id and a1.checked_in_at >= i.created_at and a1.checked_in_at <= i.created_at + ${win})) met,
      i.created_at > ${to - win} young
    from introductions i where i.created_at >= ${from} and i.created_at <= ${to}`);
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
