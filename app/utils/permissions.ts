/**
 * Every permission is a named predicate here (like Discourse's guardian): loaders use them to show
 * controls, actions use them to enforce.
 */
import type { Role } from "~db/enums";

type Actor = { id: number; role: Role; reputation?: number } | null | undefined;

const ROLE_RANK: Record<Role, number> = { member: 0, expert: 1, lead: 2, admin: 3 };

export function hasRole(user: Actor, role: Role) {
  return !!user && ROLE_RANK[user.role] >= ROLE_RANK[role];
}

/**
 * A suspended member cannot log in, and every session of theirs ends at its next request (docs/accounts.md).
 * Suspension has a start only; when it gets an end, this is the one place that reads it.
 */
export const isSuspended = (user: { suspendedAt: Date | null }) => user.suspendedAt !== null;

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

type OwnedPost = { authorId: number };

/** Experts, leads and admins publish articles. */
export const canWriteArticle = (user: Actor) => hasRole(user, "expert");
export const canAnswer = (user: Actor) => !!user;
/**
 * Comments on your own posts, and on the answers to your own questions, are always allowed; anywhere
 * else it takes the comment privilege.
 */
export const canComment = (user: Actor, on?: { authorId: number; rootAuthorId: number }) =>
  !!user && (hasPrivilege(user, "comment") || (!!on && (on.authorId === user.id || on.rootAuthorId === user.id)));
/** Authors edit and delete their own posts; leads, admins and members with 2000 reputation edit any. */
export const canEditPost = (user: Actor, post: OwnedPost) =>
  !!user && (user.id === post.authorId || hasPrivilege(user, "editOthers"));
/** Deleting someone else's post is moderation: leads and admins. */
export const canDeletePost = (user: Actor, post: OwnedPost) =>
  !!user && (user.id === post.authorId || hasRole(user, "lead"));
/**
 * Leads restore any deleted post; an author only what they deleted themselves (a lead's removal is not
 * theirs to undo). Deletions from before `deleted_by` was kept (null) are the leads'.
 */
export const canRestorePost = (user: Actor, post: OwnedPost & { deletedBy: number | null }) =>
  hasRole(user, "lead") || (!!user && user.id === post.authorId && post.deletedBy === post.authorId);
/** The delete control of a post: delete while published, restore once deleted. */
export const canDeleteOrRestore = (user: Actor, post: OwnedPost & { status: string; deletedBy: number | null }) =>
  post.status === "deleted" ? canRestorePost(user, post) : canDeletePost(user, post);
/** Deleted posts stay visible to their author and the leads. */
export const canSeeDeletedPost = canDeletePost;
const notOwn = (user: Actor, post: OwnedPost) => !!user && user.id !== post.authorId;
export const canUpvote = (user: Actor, post: OwnedPost) => notOwn(user, post) && hasPrivilege(user, "upvote");
export const canDownvote = (user: Actor, post: OwnedPost) => notOwn(user, post) && hasPrivilege(user, "downvote");
export const canAcceptAnswer = (user: Actor, question: OwnedPost) => !!user && user.id === question.authorId;

/** The posting privileges a signed-in member still lacks, for the one explanation a post page shows. */
export function missingPostPrivileges(user: Actor) {
  return (["upvote", "downvote", "comment"] as const).flatMap((privilege) => {
    const missing = missingPrivilege(user, privilege);
    return missing ? [{ ...missing, privilege }] : [];
  });
}

/** Experts, leads and admins organise meetups; other members once their reputation allows it. */
export const canCreateEvent = (user: Actor) => hasRole(user, "expert") || hasPrivilege(user, "hostEvents");
/** A meetup's hosts manage it (edit, cancel, see notes, check in); so do leads and admins. */
export const canManageEvent = (user: Actor, hostIds: number[]) =>
  !!user && (hostIds.includes(user.id) || hasRole(user, "lead"));

/** The community-health dashboard and its actions (nudges) are for leads and admins. */
export const canSeeHealth = (user: Actor) => hasRole(user, "lead");
