/**
 * Why a flagged member, tag or organisation declines, and which tags rest on one or two members
 * (docs/health.md). Pure: app/models/health.server.ts reads the rows, for all flagged members at once.
 */
import { busFactor, BASELINE_WEEKS } from "./rules";
import type { CauseKind } from "./todo";

export type Cause = {
  kind: CauseKind;
  url?: string;
  title?: string;
  count?: number;
  /** no_response: how many recent posts were judged; no_meetup: meetups attended in the year before. */
  of?: number;
  /** no_response: the share of their earlier posts that got no reaction, in whole percent. */
  before?: number;
};

/**
 * A member's published article, question or answer of the last year (a week old at least), and whether
 * anyone reacted within REACTION_DAYS; an answer's title is its question's.
 */
export type MemberPost = {
  userId: number;
  id: number;
  kind: string;
  slug: string | null;
  parentId: number | null;
  title: string | null;
  /** Written in the trend window (1) or in the year before it (0). */
  recent: number;
  /** Someone else voted it up, answered or replied within REACTION_DAYS of it being written. */
  reacted: number;
};

/** A post's reaction is what came within this many days: older posts had no more time than newer ones. */
export const REACTION_DAYS = 14;
/** How many posts per member and period the ignored rule reads at most (newest first). */
export const RECENT_POSTS = 20;
export const EARLIER_POSTS = 40;

export type CauseRows = {
  /** Each member's posts, newest first: up to RECENT_POSTS of the trend window, EARLIER_POSTS of the year before. */
  posts: MemberPost[];
  /** Their questions of the trend window over a week old without an answer, newest first. */
  unanswered: { userId: number; id: number; title: string | null }[];
  memberships: { userId: number; orgId: number }[];
  /**
   * Members who checked in at a meetup in the last 90 days and the year before (members without any have
   * no row): how many in each, and the latest meetup.
   */
  meetups: { userId: number; recent: number; before: number; eventId: number; title: string }[];
};

/** Rows grouped by a key, in their order. */
function groupBy<T, K>(rows: T[], keyOf: (row: T) => K) {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return groups;
}

const postUrl = (p: MemberPost) =>
  p.kind === "article"
    ? `/articles/${p.slug}`
    : p.kind === "question"
      ? `/questions/${p.id}`
      : `/questions/${p.parentId}#post-${p.id}`;

/** Binomial log-likelihood at the observed share (constants dropped). */
const shareFit = (hits: number, n: number) =>
  (hits > 0 ? hits * Math.log(hits / n) : 0) + (n - hits > 0 ? (n - hits) * Math.log((n - hits) / n) : 0);

/** Ignored is judged on at least this many posts in each period. */
const MIN_POSTS = 3;
/** Two shares must be this many times (e^2 ≈ 7) likelier than one unchanged share. */
const IGNORED_EVIDENCE = 2;

/**
 * "Ignored", relative to how the member's posts used to be received: at least half of their recent posts
 * got no reaction, a larger share than of their earlier posts, and two different shares at least e^2
 * times likelier than one (a likelihood ratio of two binomials against one). A member whose posts never
 * got reactions has not been ignored lately: nothing changed. Linked to the latest ignored post.
 */
export function ignoredCause(posts: MemberPost[]): Cause | null {
  const recent = posts.filter((p) => p.recent);
  const earlier = posts.filter((p) => !p.recent);
  if (recent.length < MIN_POSTS || earlier.length < MIN_POSTS) return null;
  const ignored = recent.filter((p) => !p.reacted);
  const ignoredBefore = earlier.filter((p) => !p.reacted).length;
  const share = ignored.length / recent.length;
  const shareBefore = ignoredBefore / earlier.length;
  const evidence =
    shareFit(ignored.length, recent.length) +
    shareFit(ignoredBefore, earlier.length) -
    shareFit(ignored.length + ignoredBefore, recent.length + earlier.length);
  if (share < 0.5 || share <= shareBefore || evidence < IGNORED_EVIDENCE) return null;
  return {
    kind: "no_response",
    count: ignored.length,
    of: recent.length,
    before: Math.round(shareBefore * 100),
    url: postUrl(ignored[0]),
    title: ignored[0].title ?? "",
  };
}

/** A meetup-goer counts as such after this many check-ins in the year before the last 90 days. */
export const USED_TO_ATTEND = 2;

/**
 * Each member's causes: their recent posts ignored where earlier ones were not (ignoredCause), a question
 * of theirs unanswered for a week, their organisation declining, and no meetup in 90 days for members who
 * used to come (USED_TO_ATTEND in the year before; linked to their last one). Someone who never came to
 * meetups has not stopped coming.
 */
export function memberCauses(userIds: number[], rows: CauseRows, decliningOrgIds: Set<number>) {
  const posts = groupBy(rows.posts, (p) => p.userId);
  const unanswered = groupBy(rows.unanswered, (q) => q.userId);
  const orgs = new Map(rows.memberships.map((m) => [m.userId, m.orgId]));
  const meetups = new Map(rows.meetups.map((m) => [m.userId, m]));
  return new Map(
    userIds.map((userId) => {
      const causes: Cause[] = [];
      const ignored = ignoredCause(posts.get(userId) ?? []);
      if (ignored) causes.push(ignored);
      const question = unanswered.get(userId)?.[0];
      if (question) causes.push({ kind: "unanswered", url: `/questions/${question.id}`, title: question.title ?? "" });
      const orgId = orgs.get(userId);
      if (orgId !== undefined && decliningOrgIds.has(orgId)) causes.push({ kind: "org_declining" });
      const meetup = meetups.get(userId);
      if (meetup && !meetup.recent && meetup.before >= USED_TO_ATTEND)
        causes.push({ kind: "no_meetup", count: meetup.before, url: `/events/${meetup.eventId}`, title: meetup.title });
      return [userId, causes];
    }),
  );
}

/** A cause of a tag's or organisation's decline: its own flagged members, the three who lost most named. */
export type CoolingMembers = { count: number; named: { name: string; handle: string }[] };
export const NONE_COOLING: CoolingMembers = { count: 0, named: [] };

/**
 * The flagged members of each tag or organisation, those who lost most first (`flaggedIds` is in that
 * order); `pairs` are (tag or organisation, member) pairs. Keys without flagged members are left out.
 */
export function flaggedByKey(pairs: { key: number; userId: number }[], flaggedIds: number[]) {
  const rank = new Map(flaggedIds.map((id, i) => [id, i]));
  const flagged = pairs.filter((p) => rank.has(p.userId)).sort((a, b) => rank.get(a.userId)! - rank.get(b.userId)!);
  return new Map([...groupBy(flagged, (p) => p.key)].map(([key, own]) => [key, own.map((p) => p.userId)]));
}

/** The members coolingMembers names: three per key. */
export const namedMembers = (byKey: Map<number, number[]>) => [
  ...new Set([...byKey.values()].flatMap((ids) => ids.slice(0, 3))),
];

export function coolingMembers(byKey: Map<number, number[]>, people: Map<number, { name: string; handle: string }>) {
  return new Map(
    [...byKey].map(([key, ids]): [number, CoolingMembers] => [
      key,
      {
        count: ids.length,
        named: ids
          .slice(0, 3)
          .map((id) => ({ name: people.get(id)?.name ?? "", handle: people.get(id)?.handle ?? "" })),
      },
    ]),
  );
}

/** A tag's contributions of the last 12 weeks (a series of complete weeks). */
const windowCount = (s: { counts: number[] }) => s.counts.slice(-BASELINE_WEEKS).reduce((x, y) => x + y, 0);

/** The tags that can be at concentration risk: 10 to 2,000 contributions in the window (a bigger tag cannot rest on one or two people). */
export function concentrationCandidates(tagSeries: Map<number, { counts: number[] }>) {
  return [...tagSeries].filter(([, s]) => windowCount(s) >= 10 && windowCount(s) <= 2000).map(([id]) => id);
}

/**
 * Concentration risk: tags whose contributions of the last 12 weeks rest on one or two members (`rows`:
 * each member's contributions per tag), and whether those members are flagged themselves. Tags resting
 * on flagged members first, then the biggest.
 */
export function concentrationRisk(
  rows: { tagId: number; userId: number; contributions: number; total?: number }[],
  tagNames: Map<number, string>,
  flaggedIds: Set<number>,
) {
  return [...groupBy(rows, (r) => r.tagId)]
    .map(([tagId, byMember]) => {
      const bus = busFactor(byMember, byMember[0].total);
      return {
        tagId,
        name: tagNames.get(tagId) ?? "",
        ...bus,
        carriersCooling: bus.carriers.some((id) => flaggedIds.has(id)),
      };
    })
    .filter((c) => c.total >= 10 && c.factor <= 2)
    .sort((a, b) => Number(b.carriersCooling) - Number(a.carriersCooling) || b.total - a.total);
}
