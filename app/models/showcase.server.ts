/**
 * What a member shows outside Kring (docs/media.md): the Open Graph image of their profile and the
 * embeddable expert card. Name, headline, reputation and top tags (earned first, then chosen).
 */
import { sql } from "drizzle-orm";
import { users } from "~db/schema";
import { photoUrl } from "~/utils/avatar";
import { db } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import type { CardData } from "~/utils/expert-card.server";
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

/** The expert card's content (docs/media.md): the same for every viewer; erased members have none. */
export function expertCard({ handle, origin }: { handle: string; origin: string }): CardData | null {
  const member = memberShowcase(handle);
  if (!member || member.erasedAt) return null;
  const locale = member.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const photo = photoUrl(member.handle, member.avatarFile, 256);
  return {
    name: member.name,
    handle: member.handle,
    headline: member.headline,
    reputation: member.reputation,
    tags: member.tags,
    profileUrl: `${origin}/members/${member.handle}`,
    photoUrl: photo ? `${origin}${photo}` : null,
    reputationLabel: t("reputation.label"),
    linkText: t("card.viewProfile", { site: new URL(origin).host }),
    lang: locale,
  };
}
