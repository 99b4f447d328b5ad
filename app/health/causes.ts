/**
 * Why a flagged member, tag or organisation declines, and which tags rest on one or two members
 * (docs/health.md). Pure: app/models/health.server.ts reads the rows, for all flagged members at once.
 */
import { busFactor, BASELINE_WEEKS } from "./rules";
import type { CauseKind } from "./todo";

export type Cause = { kind: CauseKind; url?: string; title?: string; count?: number };

/** A member's published article, question or answer; an answer's title is its question's. */
export type RecentPost = {
  userId: number;
  id: number;
  kind: string;
  slug: string | null;
  parentId: number | null;
  title: string | null;
  score: number;
  answers: number;
  comments: number;
};

export type CauseRows = {
  /** Each member's latest posts of the trend window, at most 10 each, newest first. */
  recentPosts: RecentPost[];
  /** Their questions of the trend window over a week old without an answer, newest first. */
  unanswered: { userId: number; id: number; title: string | null }[];
  memberships: { userId: number; orgId: number }[];
  /** How many meetups each checked in at in the last 90 days (members without any have no row). */
  meetups: { userId: number; n: number }[];
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

const postUrl = (p: RecentPost) =>
  p.kind === "article"
    ? `/articles/${p.slug}`
    : p.kind === "question"
      ? `/questions/${p.id}`
      : `/questions/${p.parentId}#post-${p.id}`;

/**
 * Each member's causes: at least half of their recent posts got no reaction (no votes, comments or
 * answers; linked to the latest), a question of theirs unanswered for a week, their organisation
 * declining, no meetup in 90 days.
 */
export function memberCauses(userIds: number[], rows: CauseRows, decliningOrgIds: Set<number>) {
  const posts = groupBy(rows.recentPosts, (p) => p.userId);
  const unanswered = groupBy(rows.unanswered, (q) => q.userId);
  const orgs = new Map(rows.memberships.map((m) => [m.userId, m.orgId]));
  const meetups = new Map(rows.meetups.map((m) => [m.userId, m.n]));
  return new Map(
    userIds.map((userId) => {
      const causes: Cause[] = [];
      const recent = posts.get(userId) ?? [];
      const ignored = recent.filter(
        (p) => p.score <= 0 && p.comments === 0 && (p.kind !== "question" || p.answers === 0),
      );
      if (recent.length && ignored.length * 2 >= recent.length)
        causes.push({
          kind: "no_response",
          count: ignored.length,
          url: postUrl(ignored[0]),
          title: ignored[0].title ?? "",
        });
      const question = unanswered.get(userId)?.[0];
      if (question) causes.push({ kind: "unanswered", url: `/questions/${question.id}`, title: question.title ?? "" });
      const orgId = orgs.get(userId);
      if (orgId !== undefined && decliningOrgIds.has(orgId)) causes.push({ kind: "org_declining" });
      if (!meetups.get(userId)) causes.push({ kind: "no_meetup" });
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
  rows: { tagId: number; userId: number; contributions: number }[],
  tagNames: Map<number, string>,
  flaggedIds: Set<number>,
) {
  return [...groupBy(rows, (r) => r.tagId)]
    .map(([tagId, byMember]) => {
      const bus = busFactor(byMember);
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
