/** How members judge posts: votes, and the asker accepting an answer. */
import { and, eq, sql } from "drizzle-orm";
import { posts, votes } from "~db/schema";
import { writeTransaction } from "~/utils/db.server";
import { recordActivity } from "./activity.server";
import { notify } from "./notification.server";
import { postUrl } from "./post-queries.server";
import { findPost, rootOf, touch } from "./post-write.server";
import { recordAcceptanceReputation, recordVoteReputation } from "./reputation.server";
import { tagIdsOfPost } from "./tag.server";

/** The asker accepts one answer (or switches to another); the answer's author is credited in the log. */
export function acceptAnswer({
  questionId,
  answerId,
  askerId,
  now = new Date(),
}: {
  questionId: number;
  answerId: number;
  askerId: number;
  now?: Date;
}) {
  return writeTransaction((tx) => {
    const question = findPost(tx, questionId);
    const answer = findPost(tx, answerId);
    if (!question || question.kind !== "question" || question.authorId !== askerId) return "forbidden" as const;
    if (!answer || answer.kind !== "answer" || answer.parentId !== questionId || answer.status !== "published")
      return "invalid" as const;
    if (question.acceptedAnswerId === answerId) return "unchanged" as const;
    const tagIds = tagIdsOfPost(tx, questionId);
    if (question.acceptedAnswerId) {
      const previous = findPost(tx, question.acceptedAnswerId);
      if (previous)
        recordActivity(tx, {
          actorId: previous.authorId,
          verb: "answer_unaccepted",
          postId: previous.id,
          targetUserId: askerId,
          tagIds,
          at: now,
        });
    }
    tx.update(posts).set({ acceptedAnswerId: answerId, lastActivityAt: now }).where(eq(posts.id, questionId)).run();
    recordAcceptanceReputation(tx, { answer, question, previousAnswerId: question.acceptedAnswerId, at: now });
    const previousAuthor = question.acceptedAnswerId ? findPost(tx, question.acceptedAnswerId)?.authorId : undefined;
    recordActivity(tx, {
      actorId: answer.authorId,
      verb: "answer_accepted",
      postId: answerId,
      targetUserId: askerId,
      tagIds,
      at: now,
    });
    notify(tx, {
      userId: answer.authorId,
      kind: "accepted",
      actorId: askerId,
      subject: `post:${questionId}`,
      title: question.title,
      url: postUrl(answer),
      dedupeKey: `accepted:${answerId}`,
      at: now,
    });
    touch(tx, question, answer.authorId, askerId, ...(previousAuthor ? [previousAuthor] : []));
    return "accepted" as const;
  });
}

export type VoteResult = { status: "changed" | "unchanged" | "own" | "missing"; score: number };

/** One vote per member per post: 1, -1, or 0 to undo. Repeating a vote changes nothing. */
export function castVote({
  userId,
  postId,
  value,
  now = new Date(),
}: {
  userId: number;
  postId: number;
  value: -1 | 0 | 1;
  now?: Date;
}): VoteResult {
  return writeTransaction((tx) => {
    const post = findPost(tx, postId);
    if (!post || post.kind === "comment" || post.status !== "published") return { status: "missing", score: 0 };
    if (post.authorId === userId) return { status: "own", score: post.score };
    const existing = tx
      .select()
      .from(votes)
      .where(and(eq(votes.userId, userId), eq(votes.postId, postId)))
      .get();
    const before = existing?.value ?? 0;
    if (before === value) return { status: "unchanged", score: post.score };
    if (value === 0)
      tx.delete(votes)
        .where(and(eq(votes.userId, userId), eq(votes.postId, postId)))
        .run();
    else
      tx.insert(votes)
        .values({ userId, postId, value, createdAt: now })
        .onConflictDoUpdate({ target: [votes.userId, votes.postId], set: { value, createdAt: now } })
        .run();
    const updated = tx
      .update(posts)
      .set({ score: sql`${posts.score} + ${value - before}` })
      .where(eq(posts.id, postId))
      .returning({ score: posts.score })
      .get();
    const root = rootOf(tx, post);
    recordActivity(tx, {
      actorId: userId,
      verb: "vote",
      postId,
      targetUserId: post.authorId,
      value,
      tagIds: tagIdsOfPost(tx, root.id),
      at: now,
    });
    recordVoteReputation(tx, { voterId: userId, post, rootId: root.id, previous: before, value, at: now });
    touch(tx, root, post.authorId, userId);
    return { status: "changed", score: updated.score };
  });
}
