/**
 * Posting limits: how often a member may post, and how many links a new member's post may carry, like
 * Discourse's trust level 0. The rules, their numbers and why are in docs/limits.md.
 *
 * State is the member's own rows (posts, meetups they created), counted inside the write's transaction:
 * the server runs as several processes, and a check outside the transaction would let parallel requests
 * through together. Routes apply the limits (withPostingLimits hands the model function a guard to run in
 * its transaction); model functions alone do not, so the seed and tests write freely.
 */
import { and, desc, eq, gt } from "drizzle-orm";
import type { Role } from "~db/enums";
import { eventHosts, events, posts, users } from "~db/schema";
import { db, type Tx } from "~/utils/db.server";
import type { MessageKey } from "~/utils/i18n";
import { renderMarkdown } from "~/utils/markdown.server";
import { hasRole } from "~/utils/permissions";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** A member is new during their first day, unless they already earned this much reputation (the upvote privilege). */
export const NEW_MEMBER_PERIOD_MS = 24 * HOUR;
export const NEW_MEMBER_REPUTATION = 15;
/** What a new member may do. */
export const NEW_MEMBER_MIN_INTERVAL_MS = 60 * SECOND;
export const NEW_MEMBER_POSTS_PER_HOUR = 3;
export const NEW_MEMBER_POSTS_FIRST_DAY = 10;
export const NEW_MEMBER_LINKS_PER_POST = 2;
/** Everyone but leads and admins: more than a person writes, fewer than a script. */
export const POSTS_PER_WINDOW = 30;
export const POSTS_WINDOW_MS = 10 * MINUTE;

export type Poster = { id: number; role: Role; reputation: number; createdAt: Date };
export type PosterTier = "exempt" | "new" | "established";

/**
 * Leads and admins are exempt. Experts are vouched for by their organisation or a lead, so they skip the
 * new-member limits; members do so after a day or with NEW_MEMBER_REPUTATION.
 */
export function tierOf(poster: Poster, now: number): PosterTier {
  if (hasRole(poster, "lead")) return "exempt";
  const isNew =
    poster.role === "member" &&
    poster.reputation < NEW_MEMBER_REPUTATION &&
    now - poster.createdAt.getTime() < NEW_MEMBER_PERIOD_MS;
  return isNew ? "new" : "established";
}

/** Why a post is refused: a message with its placeholders, the status, and for rate limits the seconds until it lifts. */
export type LimitRefusal = { error: MessageKey; vars: Record<string, number>; status: 400 | 429; retryAfter?: number };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / SECOND));

function rateRefusal(
  error: MessageKey,
  waitMs: number,
  vars: (retryAfter: number) => Record<string, number>,
): LimitRefusal {
  const retryAfter = seconds(waitMs);
  return { error, status: 429, retryAfter, vars: vars(retryAfter) };
}

const inMinutes = (s: number) => Math.ceil(s / 60);
const inHours = (s: number) => Math.ceil(s / 3600);

/**
 * The rate limit a new post at `now` would break, given the times (ms) of the member's recent writes, newest
 * first. When several apply, the one that lifts last: "you can post again in …" must be true.
 */
export function postingRefusal(poster: Poster, recent: number[], now: number): LimitRefusal | null {
  const tier = tierOf(poster, now);
  if (tier === "exempt") return null;
  const refusals: LimitRefusal[] = [];
  /** The `max`-th newest write within `windowMs` is the one whose ageing out frees a place. */
  const full = (max: number, windowMs: number) => recent.filter((at) => at > now - windowMs).length >= max;
  if (full(POSTS_PER_WINDOW, POSTS_WINDOW_MS)) {
    refusals.push(
      rateRefusal("error.postLimit.general", recent[POSTS_PER_WINDOW - 1] + POSTS_WINDOW_MS - now, (s) => ({
        limit: POSTS_PER_WINDOW,
        minutes: POSTS_WINDOW_MS / MINUTE,
        wait: inMinutes(s),
      })),
    );
  }
  if (tier === "new") {
    const joined = poster.createdAt.getTime();
    if (recent.length && now - recent[0] < NEW_MEMBER_MIN_INTERVAL_MS) {
      refusals.push(
        rateRefusal("error.postLimit.interval", recent[0] + NEW_MEMBER_MIN_INTERVAL_MS - now, (s) => ({
          limit: NEW_MEMBER_MIN_INTERVAL_MS / SECOND,
          wait: s,
        })),
      );
    }
    if (full(NEW_MEMBER_POSTS_PER_HOUR, HOUR)) {
      refusals.push(
        rateRefusal("error.postLimit.hour", recent[NEW_MEMBER_POSTS_PER_HOUR - 1] + HOUR - now, (s) => ({
          limit: NEW_MEMBER_POSTS_PER_HOUR,
          wait: inMinutes(s),
        })),
      );
    }
    if (recent.filter((at) => at >= joined).length >= NEW_MEMBER_POSTS_FIRST_DAY) {
      refusals.push(
        rateRefusal("error.postLimit.firstDay", joined + NEW_MEMBER_PERIOD_MS - now, (s) => ({
          limit: NEW_MEMBER_POSTS_FIRST_DAY,
          wait: inHours(s),
          reputation: NEW_MEMBER_REPUTATION,
        })),
      );
    }
  }
  return refusals.reduce<LimitRefusal | null>(
    (last, r) => (!last || r.retryAfter! > last.retryAfter! ? r : last),
    null,
  );
}

/**
 * Links a reader can follow out of a post: rendered as the page will show it, so autolinked addresses
 * count and plain text that only looks like an address does not. Links within the site (`/questions/3`)
 * are harmless and not counted; images are, as they load from elsewhere.
 */
export function countLinks(markdown: string) {
  return renderMarkdown(markdown).match(/<a href="(https?|mailto):|<img src="/gi)?.length ?? 0;
}

/** 400, not 429: waiting does not help the post as written; taking links out does. */
export function linkRefusal(poster: Poster, markdown: string, now: number): LimitRefusal | null {
  if (tierOf(poster, now) !== "new") return null;
  const count = countLinks(markdown);
  if (count <= NEW_MEMBER_LINKS_PER_POST) return null;
  const lifts = seconds(poster.createdAt.getTime() + NEW_MEMBER_PERIOD_MS - now);
  return {
    error: "error.postLimit.links",
    status: 400,
    vars: { limit: NEW_MEMBER_LINKS_PER_POST, count, wait: inHours(lifts), reputation: NEW_MEMBER_REPUTATION },
  };
}

function posterOf(userId: number): Poster {
  const row = db
    .select({ id: users.id, role: users.role, reputation: users.reputation, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!row) throw new Error(`no member ${userId}`);
  return row;
}

/** The newest write a rule needs to see, in the longest window any rule looks at. */
const LOOKBACK = Math.max(POSTS_PER_WINDOW, NEW_MEMBER_POSTS_FIRST_DAY);

/** Times (ms) of the member's posts and created meetups after `since`, newest first; both through an index on the member. */
function recentWrites(tx: Tx, userId: number, since: Date) {
  const postTimes = tx
    .select({ at: posts.createdAt })
    .from(posts)
    .where(and(eq(posts.authorId, userId), gt(posts.createdAt, since)))
    .orderBy(desc(posts.createdAt))
    .limit(LOOKBACK)
    .all();
  const eventTimes = tx
    .select({ at: events.createdAt })
    .from(eventHosts)
    .innerJoin(events, eq(events.id, eventHosts.eventId))
    .where(and(eq(eventHosts.userId, userId), eq(events.createdBy, userId), gt(events.createdAt, since)))
    .orderBy(desc(events.createdAt))
    .limit(LOOKBACK)
    .all();
  return [...postTimes, ...eventTimes]
    .map((r) => r.at.getTime())
    .sort((a, b) => b - a)
    .slice(0, LOOKBACK);
}

export type Limited<T> = { ok: true; value: T } | { ok: false; refusal: LimitRefusal };

/** Runs first in a new post's (or meetup's) IMMEDIATE transaction; throwing rolls the write back. */
export type WriteGuard = (tx: Tx) => void;

class LimitReached extends Error {
  constructor(readonly refusal: LimitRefusal) {
    super(refusal.error);
  }
}

/**
 * Runs `write` (a new post or meetup by `userId` whose markdown is `text`) unless a limit refuses it.
 * `write` passes the guard to the model function, which counts in the transaction that inserts: parallel
 * requests, in any process, are counted one after the other and never pass the limit together, and the
 * write lock is not held while markdown renders (the model renders before its transaction).
 */
export function withPostingLimits<T>(
  { userId, text, now }: { userId: number; text: string; now?: number },
  write: (guard: WriteGuard) => T,
): Limited<T> {
  const poster = posterOf(userId);
  const links = linkRefusal(poster, text, now ?? Date.now());
  if (links) return { ok: false, refusal: links };
  let guarded = false;
  const guard: WriteGuard = (tx) => {
    guarded = true;
    const at = now ?? Date.now();
    const tier = tierOf(poster, at);
    if (tier === "exempt") return;
    const lookback = tier === "new" ? Math.max(HOUR, at - poster.createdAt.getTime()) : POSTS_WINDOW_MS;
    const refusal = postingRefusal(poster, recentWrites(tx, userId, new Date(at - lookback)), at);
    if (refusal) throw new LimitReached(refusal);
  };
  try {
    const value = write(guard);
    // A route that forgot to hand the guard on would post without limits.
    if (!guarded) throw new Error("withPostingLimits: the write did not run the guard");
    return { ok: true, value };
  } catch (error) {
    if (error instanceof LimitReached) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

/** Edits are not rate-limited (they add nothing new to read), but a new member's edit cannot add links the post could not have had. */
export function editRefusal({ userId, text, now = Date.now() }: { userId: number; text: string; now?: number }) {
  return linkRefusal(posterOf(userId), text, now);
}
