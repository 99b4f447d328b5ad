/**
 * The spam rules (docs/moderation.md, "Spam rules"): a suspected post is held (saved, shown to its author and
 * the leads, waiting in the review queue) rather than refused, so a false positive loses nothing. The post
 * functions ask `spamVerdict` in the transaction that inserts, when the route asks them to (`screen`), as the
 * posting limits are applied: the seed and tests write freely.
 */
import { and, desc, eq, gt, isNull, ne, or, sql } from "drizzle-orm";
import { loginFailures, posts, users } from "~db/schema";
import { db, type Tx } from "~/utils/db.server";
import { hasRole } from "~/utils/permissions";
import { DAY_MS } from "~/utils/time";
import { joinLimits } from "./login-throttle.server";
import { NEW_MEMBER_REPUTATION } from "./post-limits.server";

/** A member is new to the spam rules for a week, unless they earned the upvote privilege's reputation sooner. */
export const SPAM_NEW_MEMBER_MS = 7 * DAY_MS;
/** Links in one post of a new member that hold it, whatever else it says. */
export const SPAM_LINKS = 3;
/** From this many links, a new member's post is held when the links are most of its text. */
export const SPAM_LINK_TEXT_LINKS = 2;
export const DUPLICATE_WINDOW_MS = DAY_MS;
/** Shorter texts without a link ("thanks!", "+1, same problem here") are said again honestly: never duplicates. */
export const DUPLICATE_MIN_LENGTH = 40;
/** Earlier sign-ups from one address within the join throttle's window that put the next accounts under review. */
export const BUSY_ADDRESS_SIGN_UPS = 3;

/**
 * Why a rule held a post, stored as the note of the rule's flag: "spam:<rule>" or "spam:<rule>:<count>", so
 * the queue shows it in the lead's language (app/utils/spam-note.ts).
 */
export type SpamRule = "duplicate" | "links" | "linkText" | "review";
const noteOf = (rule: SpamRule, count?: number) => (count === undefined ? `spam:${rule}` : `spam:${rule}:${count}`);

/** Whitespace and case do not make a text different. */
export const normaliseBody = (body: string) => body.replace(/\s+/g, " ").trim().toLowerCase();

const EXTERNAL_LINK = /<a href="(?:https?|mailto):[^"]*"[^>]*>([\s\S]*?)<\/a>/gi;
const IMAGE = /<img src="/gi;
const visibleLength = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&[a-z]+;|&#\d+;/gi, "x")
    .replace(/\s+/g, "").length;

/**
 * The links a reader can follow out of a post (as countLinks in post-limits.server.ts, on the HTML already
 * rendered), and the share of the visible text that is link text.
 */
export function linkShare(bodyHtml: string) {
  const anchors = [...bodyHtml.matchAll(EXTERNAL_LINK)];
  const links = anchors.length + (bodyHtml.match(IMAGE)?.length ?? 0);
  const total = visibleLength(bodyHtml);
  const inLinks = anchors.reduce((sum, a) => sum + visibleLength(a[1]), 0);
  return { links, share: total ? inLinks / total : 0 };
}

/**
 * The rule that holds a new post by `authorId`, as its note, or null to publish it. Runs in the inserting
 * transaction, before the insert: the author's earlier copies are counted one writer at a time.
 */
export function spamVerdict(
  tx: Tx,
  { authorId, body, bodyHtml, now }: { authorId: number; body: string; bodyHtml: string; now: Date },
): string | null {
  const author = tx
    .select({
      id: users.id,
      role: users.role,
      reputation: users.reputation,
      createdAt: users.createdAt,
      reviewPosts: users.reviewPosts,
    })
    .from(users)
    .where(eq(users.id, authorId))
    .get();
  if (!author || hasRole(author, "lead")) return null;
  if (author.reviewPosts) return noteOf("review");
  const { links, share } = linkShare(bodyHtml);
  const copies = earlierCopies(tx, authorId, body, links > 0, now);
  if (copies > 0) return noteOf("duplicate", copies + 1);
  // Experts are vouched for by their organisation or a lead, as in the posting limits.
  const isNew =
    author.role === "member" &&
    author.reputation < NEW_MEMBER_REPUTATION &&
    now.getTime() - author.createdAt.getTime() < SPAM_NEW_MEMBER_MS;
  if (isNew && links >= SPAM_LINKS) return noteOf("links", links);
  if (isNew && links >= SPAM_LINK_TEXT_LINKS && share >= 0.5) return noteOf("linkText", links);
  return null;
}

/**
 * The author's posts of the last DUPLICATE_WINDOW_MS with the same text, whatever their state, except those
 * they deleted themselves (a post deleted and written again is not spam). Short texts without links never count.
 */
function earlierCopies(tx: Tx, authorId: number, body: string, hasLinks: boolean, now: Date) {
  const text = normaliseBody(body);
  if (text.length < DUPLICATE_MIN_LENGTH && !hasLinks) return 0;
  return tx
    .select({ body: posts.body })
    .from(posts)
    .where(
      and(
        eq(posts.authorId, authorId),
        gt(posts.createdAt, new Date(now.getTime() - DUPLICATE_WINDOW_MS)),
        or(ne(posts.status, "deleted"), isNull(posts.deletedBy), ne(posts.deletedBy, authorId)),
      ),
    )
    .orderBy(desc(posts.createdAt))
    .limit(200)
    .all()
    .filter((p) => normaliseBody(p.body) === text).length;
}

/**
 * Whether an account made now from `ip` starts under review: the address already made BUSY_ADDRESS_SIGN_UPS
 * sign-up attempts in the join throttle's window, this one not counted. Call after reserving the attempt.
 */
export function isBusySignUpAddress(ip: string, now = Date.now()) {
  const [{ key, windowMs }] = joinLimits({ ip });
  const attempts =
    db
      .select({ n: sql<number>`count(*)` })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, now - windowMs)))
      .get()?.n ?? 0;
  return attempts - 1 >= BUSY_ADDRESS_SIGN_UPS;
}
