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
export const canSeeAdmin = (user: Actor) => hasRole(user, "lead");
