/**
 * Following and newcomers (docs/following.md), written through the real model functions after the rest of the
 * seed: members who follow tags and experts (asking and answering in the seeded history already followed those
 * questions), and four newcomers who joined this fortnight, part-way through the checklist: nothing yet,
 * a profile, a profile and three tags, and everything but a meetup. Idempotent: the first newcomer marks it.
 */
import { and, asc, desc, eq, gt, ne } from "drizzle-orm";
import { posts, tags, users } from "~db/schema";
import { follow } from "~/models/follow.server";
import { getOrganisationBySlug } from "~/models/organisation.server";
import { castVote } from "~/models/post-votes.server";
import { createQuestion } from "~/models/post.server";
import { setExpertise } from "~/models/profile.server";
import { findUserByEmail } from "~/models/user.server";
import { db, writeTransaction } from "~/utils/db.server";
import { DAY_MS } from "~/utils/time";
import { addToOrganisation, makeUser } from "../test/factories";

const NEWCOMERS = [
  { name: "Lotte Verbeek", handle: "lotte_new", org: "veldwerk", steps: 0, headline: "" },
  { name: "Jonas Maes", handle: "jonas_new", org: "zuidhaven", steps: 1, headline: "BI developer" },
  { name: "Priya Raman", handle: "priya_new", org: "brugge-zorg", steps: 2, headline: "Data analyst in healthcare" },
  { name: "Tom Hendriks", handle: "tom_new", org: "veldwerk", steps: 4, headline: "Junior data engineer" },
] as const;

export async function seedFollows({ now, passwordHash }: { now: number; passwordHash: string }) {
  if (findUserByEmail(`${NEWCOMERS[0].handle}@kring.example`)) return;
  const popular = db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(gt(tags.postCount, 0))
    .orderBy(desc(tags.postCount), asc(tags.name))
    .limit(12)
    .all();
  if (popular.length < 3) return;
  const experts = db.select().from(users).where(eq(users.role, "expert")).orderBy(asc(users.id)).limit(6).all();
  const members = db.select().from(users).where(eq(users.role, "member")).orderBy(asc(users.id)).limit(12).all();
  // Each follows after joining and before now, a few tags and an expert.
  writeTransaction((tx) => {
    members.forEach((member, i) => {
      const at = new Date(Math.max(member.createdAt.getTime(), now - (20 + i) * DAY_MS) + DAY_MS);
      if (at.getTime() > now) return;
      for (const tag of [popular[i % popular.length], popular[(i + 3) % popular.length]])
        follow(tx, { userId: member.id, kind: "tag", targetId: tag.id, now: at });
      const expert = experts[i % Math.max(experts.length, 1)];
      if (expert && expert.id !== member.id)
        follow(tx, { userId: member.id, kind: "member", targetId: expert.id, now: at });
    });
  });

  const useful = db
    .select({ id: posts.id, authorId: posts.authorId })
    .from(posts)
    .where(and(eq(posts.kind, "answer"), eq(posts.status, "published"), ne(posts.score, 0)))
    .orderBy(desc(posts.score))
    .limit(1)
    .get();
  for (const [i, newcomer] of NEWCOMERS.entries()) {
    const joined = now - (12 - 3 * i) * DAY_MS;
    const user = await makeUser({
      name: newcomer.name,
      handle: newcomer.handle,
      email: `${newcomer.handle}@kring.example`,
      passwordHash,
      headline: newcomer.steps >= 1 ? newcomer.headline : "",
      location: "Utrecht",
      createdAt: new Date(joined),
    });
    const org = getOrganisationBySlug(newcomer.org);
    if (org) addToOrganisation({ orgId: org.id, userId: user.id, relation: "customer" });
    if (newcomer.steps >= 1) setExpertise(user.id, [popular[i].name]);
    if (newcomer.steps >= 2)
      writeTransaction((tx) => {
        for (const tag of popular.slice(i, i + 3))
          follow(tx, { userId: user.id, kind: "tag", targetId: tag.id, now: new Date(joined + DAY_MS) });
      });
    if (newcomer.steps >= 4) {
      if (useful) castVote({ userId: user.id, postId: useful.id, value: 1, now: new Date(joined + 2 * DAY_MS) });
      createQuestion({
        authorId: user.id,
        title: "Hoe partitioneer ik kleine tabellen in het lakehouse?",
        body: "Onze tabellen zijn klein (een paar miljoen rijen). Partitioneren per dag geeft heel veel kleine bestanden: wat doen jullie?",
        tags: [popular[i].name],
        now: new Date(joined + 3 * DAY_MS),
      });
    }
  }
}
