/**
 * What a member shows outside Kring (docs/media.md): the Open Graph image of their profile and the
 * embeddable expert card. Name, headline, reputation and top tags (earned first, then chosen).
 */
import { sql } from "drizzle-orm";
import { users } from "~db/schema";
import { db } from "~/utils/db.server";
import { expertiseOf } from "./profile.server";
import { tagStandings } from "./reputation.server";

export const SHOWCASE_TAGS = 4;

export function memberShowcase(handle: string) {
  const member = db
    .select({
      id: users.id,
      name: users.name,
      handle: users.handle,
      headline: users.headline,
      reputation: users.reputation,
      locale: users.locale,
      avatarFile: users.avatarFile,
      erasedAt: users.erasedAt,
    })
    .from(users)
    .where(sql`lower(${users.handle}) = lower(${handle})`)
    .get();
  if (!member) return null;
  const earned = tagStandings(member.id, SHOWCASE_TAGS).map((s) => s.tag);
  const tags = [...new Set([...earned, ...expertiseOf(member.id)])].slice(0, SHOWCASE_TAGS);
  return { ...member, tags };
}
