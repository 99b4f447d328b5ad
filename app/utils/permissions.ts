/**
 * Every permission is a named predicate here (like Discourse's guardian): loaders use them to show
 * controls, actions use them to enforce.
 */
import type { PostStatus, Role } from "~db/enums";

/** `silenced`: read-only for now (isSilenced, worked out when the session is read). */
type Actor = { id: number; role: Role; reputation?: number; silenced?: boolean } | null | undefined;

const ROLE_RANK: Record<Role, number> = { member: 0, expert: 1, lead: 2, admin: 3 };

export function hasRole(user: Actor, role: Role) {
  return !!user && ROLE_RANK[user.role] >= ROLE_RANK[role];
}

type Restriction = { at: Date | null; until: Date | null };
const inForce = ({ at, until }: Restriction, now: number) => at !== null && (until === null || until.getTime() > now);

/**
 * A suspended member cannot log in, and every session of theirs ends at its next request; a suspension lifts
 * itself at its end date (docs/moderation.md). This is the one place that reads it.
 */
export const isSuspended = (user: { suspendedAt: Date | null; suspendedUntil: Date | null }, now = Date.now()) =>
  inForce({ at: user.suspendedAt, until: user.suspendedUntil }, now);
/** A silenced member reads but does not post, comment, vote, flag or RSVP (docs/moderation.md). */
export const isSilenced = (user: { silencedAt: Date | null; silencedUntil: Date | null }, now = Date.now()) =>
  inForce({ at: user.silencedAt, until: user.silencedUntil }, now);
/** Email goes only to members who are neither suspended nor erased (docs/moderation.md, docs/privacy.md). */
export const receivesEmail = (
  user: { suspendedAt: Date | null; suspendedUntil: Date | null; erasedAt: Date | null },
  now = Date.now(),
) => !isSuspended(user, now) && user.erasedAt === null;
const canWrite = (user: Actor) => !!user && !user.silenced;

export const canManageOrganisations = (user: Actor) => hasRole(user, "admin");
export const canAssignMembers = (user: Actor) => hasRole(user, "admin");
/** Leads and admins vouch for an organisation's employees as experts. */
export const canMarkExpert = (user: Actor) => hasRole(user, "lead");
export const canChangeRoles = (user: Actor) => hasRole(user, "admin");

/** Reputation that unlocks each privilege (docs/product.md, "Reputation"). */
export const PRIVILEGES = { upvote: 15, comment: 50, downvote: 125, hostEvents: 500, editOthers: 2000 } as const;
export type Privilege = keyof typeof PRIVILEGES;

/**
 * Leads and admins hold every privilege. Experts, vouched for by their organisation, may upvote and
 * comment from the start; everything else is earned with reputation.
 */
export function hasPrivilege(user: Actor, privilege: Privilege) {
  if (!user) return false;
  if (hasRole(user, "lead")) return true;
  if (user.role === "expert" && (privilege === "upvote" || privilege === "comment")) return true;
  return (user.reputation ?? 0) >= PRIVILEGES[privilege];
}

/** What a signed-in member lacks for a privilege, for "you need 125 reputation to vote down; you have 40". */
export function missingPrivilege(user: Actor, privilege: Privilege) {
  if (!user || hasPrivilege(user, privilege)) return null;
  return { privilege, needed: PRIVILEGES[privilege], have: user.reputation ?? 0 };
}

/**
 * A post and its state: only a published post takes comments, votes, edits, answers and flags; a deleted,
 * hidden or held one is read-only for everyone (docs/moderation.md).
 */
type PostState = { authorId: number; status: PostStatus };
const isLive = (post: { status: PostStatus }) => post.status === "published";

/** Experts, leads and admins publish articles. */
export const canWriteArticle = (user: Actor) => canWrite(user) && hasRole(user, "expert");
export const canAsk = canWrite;
export const canAnswer = (user: Actor, question: PostState) => canWrite(user) && isLive(question);
/**
 * Comments on your own posts, and on the answers to your own questions, are always allowed; anywhere
 * else it takes the comment privilege. Post and root must both be live.
 */
export const canComment = (user: Actor, on: PostState & { root: PostState }) =>
  canWrite(user) &&
  isLive(on) &&
  isLive(on.root) &&
  (hasPrivilege(user, "comment") || on.authorId === user!.id || on.root.authorId === user!.id);
/** Authors edit their own live posts; leads, admins and members with 2000 reputation edit any live post. */
export const canEditPost = (user: Actor, post: PostState) =>
  canWrite(user) && isLive(post) && (user!.id === post.authorId || hasPrivilege(user, "editOthers"));
/** Deleting someone else's post is moderation: leads and admins. Hidden and held posts are the leads' to decide. */
export const canDeletePost = (user: Actor, post: PostState) =>
  !!user && post.status !== "deleted" && (hasRole(user, "lead") || (user.id === post.authorId && isLive(post)));
/**
 * Leads restore any deleted, hidden or held post; an author only what they deleted themselves (a lead's
 * removal is not theirs to undo). Deletions from before `deleted_by` was kept (null) are the leads'.
 */
export const canRestorePost = (user: Actor, post: PostState & { deletedBy: number | null }) =>
  !isLive(post) &&
  (hasRole(user, "lead") ||
    (!!user && post.status === "deleted" && user.id === post.authorId && post.deletedBy === post.authorId));
/** The delete control of a post: delete while live, restore once not. */
export const canDeleteOrRestore = (user: Actor, post: PostState & { deletedBy: number | null }) =>
  isLive(post) ? canDeletePost(user, post) : canRestorePost(user, post);
/** Deleted, hidden and held posts stay visible to their author and the leads. */
export const canSeePost = (user: Actor, post: PostState) =>
  isLive(post) || (!!user && (user.id === post.authorId || hasRole(user, "lead")));
const notOwnLive = (user: Actor, post: PostState) => canWrite(user) && user!.id !== post.authorId && isLive(post);
export const canUpvote = (user: Actor, post: PostState) => notOwnLive(user, post) && hasPrivilege(user, "upvote");
export const canDownvote = (user: Actor, post: PostState) => notOwnLive(user, post) && hasPrivilege(user, "downvote");
export const canAcceptAnswer = (user: Actor, question: PostState) =>
  canWrite(user) && isLive(question) && user!.id === question.authorId;
/** Any signed-in member flags a live post of someone else's (docs/moderation.md). */
export const canFlag = notOwnLive;

/** The posting privileges a signed-in member still lacks, for the one explanation a post page shows. */
export function missingPostPrivileges(user: Actor) {
  return (["upvote", "downvote", "comment"] as const).flatMap((privilege) => {
    const missing = missingPrivilege(user, privilege);
    return missing ? [{ ...missing, privilege }] : [];
  });
}

/** Any member who may write proposes ideas; support goes to live ideas of others (own ideas: ownIdeaVote). */
export const canProposeIdea = canWrite;
export const canSupportIdea = (user: Actor, idea: PostState) => notOwnLive(user, idea);
/**
 * The status and official response of an idea are set by employees of the organisation it is addressed to
 * (their membership: `membership`) and by leads and admins.
 */
export const canSetIdeaStatus = (
  user: Actor,
  idea: { orgId: number },
  membership: { orgId: number; relation: string } | null | undefined,
) =>
  canWrite(user) && (hasRole(user, "lead") || (membership?.orgId === idea.orgId && membership.relation === "employee"));
/** Merging duplicate ideas is the leads'. */
export const canMergeIdeas = (user: Actor) => canWrite(user) && hasRole(user, "lead");

/** Experts, leads and admins organise meetups; other members once their reputation allows it. */
export const canCreateEvent = (user: Actor) =>
  canWrite(user) && (hasRole(user, "expert") || hasPrivilege(user, "hostEvents"));
export const canRsvp = canWrite;
/** A meetup's hosts manage it (edit, cancel, see notes, check in); so do leads and admins. */
export const canManageEvent = (user: Actor, hostIds: number[]) =>
  !!user && (hostIds.includes(user.id) || hasRole(user, "lead"));

/** The community-health dashboard and its actions (nudges) are for leads and admins. */
export const canSeeHealth = (user: Actor) => hasRole(user, "lead");
/** Which experts were asked to answer a question: its asker and the leads (docs/routing.md). */
export const canSeeRouting = (user: Actor, question: { authorId: number }) =>
  !!user && (user.id === question.authorId || hasRole(user, "lead"));
/** "Say hello" to a suggested member (docs/people-to-meet.md): anyone who may write; whom to, the model decides. */
export const canSayHello = canWrite;
/** Leads see the people-you-should-meet suggestions of any member. */
export const canSeeSuggestions = (user: Actor, member: { id: number }) =>
  user?.id === member.id || hasRole(user, "lead");

/** The review queue, decisions on flags and held posts, and the audit log (/admin) are for leads and admins. */
export const canModerate = (user: Actor) => hasRole(user, "lead");
/** Leads suspend and silence members below their own role; admins also leads. Nobody themselves. */
export const canSuspend = (user: Actor, member: { id: number; role: Role }) =>
  canModerate(user) && user!.id !== member.id && ROLE_RANK[member.role] < ROLE_RANK[user!.role];
/** Leads take a badge back (gamed votes, say), which revokes its credential (docs/credentials.md). */
export const canTakeBackBadge = (user: Actor) => hasRole(user, "lead");
/** Erasing someone else's account, on their request, is an admin's (docs/privacy.md). */
export const canEraseOthers = (user: Actor) => hasRole(user, "admin");

/** Any signed-in member follows tags, questions, ideas, meetups and other members (not themselves). */
export const canFollow = (user: Actor, target?: { kind: string; id: number }) =>
  !!user && !(target?.kind === "member" && target.id === user.id);
