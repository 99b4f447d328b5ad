/**
 * Factories shared by the tests and the demo seed, so both build rows through the same model functions.
 */
import type { OrgKind, Relation, Role } from "~db/schema";
import { assignMember, createOrganisation } from "~/models/organisation.server";
import { createUser, findUserByEmail } from "~/models/user.server";
import { hashPassword } from "~/utils/auth.server";

export const DEFAULT_PASSWORD = "correct-horse-battery";

let counter = 0;
const nextId = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Deterministic pseudo-random numbers (mulberry32), so the seed builds the same community every time. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

export type UserInput = {
  name?: string;
  handle?: string;
  email?: string;
  password?: string;
  passwordHash?: string;
  role?: Role;
  headline?: string;
  bio?: string;
  location?: string;
  locale?: "en" | "nl" | null;
  createdAt?: Date;
};

/** Inserts a member; pass passwordHash to skip hashing (the seed hashes its demo password once). */
export async function makeUser(input: UserInput = {}) {
  const id = nextId();
  const handle = input.handle ?? `user_${id}`;
  const email = input.email ?? `${handle.toLowerCase()}@example.test`;
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password ?? DEFAULT_PASSWORD));
  const existing = findUserByEmail(email);
  if (existing) return existing;
  return createUser({
    name: input.name ?? `Test User ${id}`,
    handle,
    email,
    passwordHash,
    role: input.role ?? "member",
    headline: input.headline ?? "",
    bio: input.bio ?? "",
    location: input.location ?? "",
    locale: input.locale ?? null,
    createdAt: input.createdAt,
  });
}

export function makeOrganisation(
  input: { slug?: string; name?: string; kind?: OrgKind; description?: string; website?: string } = {},
) {
  const id = nextId();
  return createOrganisation({
    actorId: null,
    slug: input.slug ?? `org-${id}`,
    name: input.name ?? `Organisation ${id}`,
    kind: input.kind ?? "customer",
    description: input.description ?? "",
    website: input.website ?? "",
  });
}

export function addToOrganisation({ orgId, userId, relation }: { orgId: number; userId: number; relation: Relation }) {
  assignMember({ actorId: null, orgId, userId, relation });
}

/** `hours` from now on Amsterdam's wall clock, as a datetime-local value ("2026-12-01T18:30"). */
export function amsterdamLocal(hours: number) {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  })
    .format(new Date(Date.now() + hours * 3_600_000))
    .replace(" ", "T");
}
