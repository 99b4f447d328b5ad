/**
 * A review queue that is alive on first start (docs/moderation.md), written through the real model functions
 * after the knowledge seed: an answer two members flagged as off-topic (still visible), a comment three
 * experts flagged (hidden at once), link spam from a brand-new account (held), and one flag a lead already
 * dismissed, so the audit log has an entry. Idempotent: any flag marks the set as written.
 */
import { and, asc, eq, ne } from "drizzle-orm";
import { flags, posts, users } from "~db/schema";
import { flagPost, holdPost } from "~/models/flag.server";
import { decide } from "~/models/moderation.server";
import { createQuestion } from "~/models/post.server";
import { db, writeTransaction } from "~/utils/db.server";
import { makeUser } from "../test/factories";
import { DAY_MS } from "~/utils/time";

export async function seedModeration({ now }: { now: number }) {
  if (db.select({ id: flags.id }).from(flags).limit(1).get()) return;
  const lead = db.select().from(users).where(eq(users.role, "lead")).get();
  const experts = db.select().from(users).where(eq(users.role, "expert")).orderBy(asc(users.id)).all();
  const members = db.select().from(users).where(eq(users.role, "member")).orderBy(asc(users.id)).all();
  if (!lead || experts.length < 3 || members.length < 3) return;
  const of = (kind: "answer" | "comment" | "question", skip: number) =>
    db
      .select()
      .from(posts)
      .where(and(eq(posts.kind, kind), eq(posts.status, "published"), ne(posts.authorId, lead.id)))
      .orderBy(asc(posts.id))
      .offset(skip)
      .limit(1)
      .get();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS);

  const offTopic = of("answer", 3);
  if (offTopic)
    for (const flagger of members.filter((m) => m.id !== offTopic.authorId).slice(0, 2))
      flagPost({ postId: offTopic.id, flaggerId: flagger.id, reason: "off_topic", now: at(1) });

  const rude = of("comment", 2);
  if (rude)
    for (const expert of experts.filter((e) => e.id !== rude.authorId).slice(0, 3))
      flagPost({ postId: rude.id, flaggerId: expert.id, reason: "offensive", now: at(0.5) });

  const dismissed = of("question", 5);
  if (dismissed) {
    const flagger = members.find((m) => m.id !== dismissed.authorId)!;
    flagPost({
      postId: dismissed.id,
      flaggerId: flagger.id,
      reason: "other",
      note: "Is this a duplicate?",
      now: at(3),
    });
    decide({ postId: dismissed.id, moderatorId: lead.id, decision: "dismiss", reason: "Not a duplicate", now: at(2) });
  }

  const spammer = await makeUser({
    name: "Deal Finder",
    handle: "dealfinder",
    email: "dealfinder@spam.example",
    createdAt: at(0.1),
  });
  const spam = createQuestion({
    authorId: spammer.id,
    title: "Cheap licences for every data tool, today only",
    body: "Best prices: https://deals.example/a https://deals.example/b https://deals.example/c",
    tags: ["licensing"],
    now: at(0.05),
  });
  // As the "links" rule would have held it had it come through the site (docs/moderation.md, "Spam rules").
  writeTransaction((tx) =>
    holdPost(tx, tx.select().from(posts).where(eq(posts.id, spam.id)).get()!, "spam:links:3", at(0.05)),
  );
}
