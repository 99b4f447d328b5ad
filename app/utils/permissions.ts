/**
 * Every permission is a named predicate here (like Discourse's guardian): loaders use them to show
 * controls, actions use them to enforce.
 */
import type { Role } from "~db/schema";

type Actor = { id: number; role: Role } | null | undefined;

const ROLE_RANK: Record<Role, number> = { member: 0, expert: 1, lead: 2, admin: 3 };

export function hasRole(user: Actor, role: Role) {
  return !!user && ROLE_RANK[user.role] >= ROLE_RANK[role];
}

export const canManageOrganisations = (user: Actor) => hasRole(user, "admin");
export const canAssignMembers = (user: Actor) => hasRole(user, "admin");
/** Leads and admins vouch for an organisation's employees as experts. */
export const canMarkExpert = (user: Actor) => hasRole(user, "lead");
export const canChangeRoles = (user: Actor) => hasRole(user, "admin");

type OwnedPost = { authorId: number };

/** Until reputation exists, experts, leads and admins publish articles. */
export const canWriteArticle = (user: Actor) => hasRole(user, "expert");
export const canAnswer = (user: Actor) => !!user;
export const canComment = (user: Actor) => !!user;
/** Authors edit and delete their own posts; leads and admins any. */
export const canEditPost = (user: Actor, post: OwnedPost) => !!user && (user.id === post.authorId || hasRole(user, "lead"));
export const canDeletePost = canEditPost;
/** Deleted posts stay visible to those who may restore them. */
export const canSeeDeletedPost = canEditPost;
export const canVote = (user: Actor, post: OwnedPost) => !!user && user.id !== post.authorId;
export const canAcceptAnswer = (user: Actor, question: OwnedPost) => !!user && user.id === question.authorId;
