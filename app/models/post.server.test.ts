import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, activityTags, posts, postRevisions, tags } from "~db/schema";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { getPost, getQuestionThread, listQuestions } from "./post-queries.server";
import { acceptAnswer, castVote } from "./post-votes.server";
import { createAnswer, createArticle, createComment, createQuestion, editPost, setPostDeleted } from "./post.server";

const body = "A body that is long enough to be a real post.";
const verbsOf = (postId: number) =>
  db
    .select({ verb: activities.verb })
    .from(activities)
    .where(eq(activities.postId, postId))
    .all()
    .map((a) => a.verb);
const tagCount = (name: string) => db.select({ n: tags.postCount }).from(tags).where(eq(tags.name, name)).get()?.n;

describe("votes", () => {
  it("refuse self-votes, ignore repeats, and move the score by 2 when switching up to down", async () => {
    const author = await makeUser();
    const voter = await makeUser();
    const q = createQuestion({ authorId: author.id, title: "How do I vote on posts?", body, tags: ["votes"] });
    expect(castVote({ userId: author.id, postId: q.id, value: 1 })).toEqual({ status: "own", score: 0 });
    expect(castVote({ userId: voter.id, postId: q.id, value: 1 })).toEqual({ status: "changed", score: 1 });
    expect(castVote({ userId: voter.id, postId: q.id, value: 1 })).toEqual({ status: "unchanged", score: 1 });
    expect(castVote({ userId: voter.id, postId: q.id, value: -1 })).toEqual({ status: "changed", score: -1 });
    expect(castVote({ userId: voter.id, postId: q.id, value: 0 })).toEqual({ status: "changed", score: 0 });
    expect(getPost(q.id)!.score).toBe(0);
    // every effective vote is in the activity log, with the question's tags
    const voteRows = db
      .select()
      .from(activities)
      .where(sql`${activities.postId} = ${q.id} and ${activities.verb} = 'vote'`)
      .all();
    expect(voteRows.map((v) => v.value)).toEqual([1, -1, 0]);
    expect(db.select().from(activityTags).where(eq(activityTags.activityId, voteRows[0].id)).all()).toHaveLength(1);
  });

  it("cannot be cast on comments or deleted posts", async () => {
    const author = await makeUser();
    const voter = await makeUser();
    const q = createQuestion({ authorId: author.id, title: "A question to comment on", body, tags: ["votes"] });
    const { comment } = createComment({ authorId: author.id, postId: q.id, body: "A comment" })!;
    expect(castVote({ userId: voter.id, postId: comment.id, value: 1 }).status).toBe("missing");
    setPostDeleted({ postId: q.id, deleted: true });
    expect(castVote({ userId: voter.id, postId: q.id, value: 1 }).status).toBe("missing");
  });
});

describe("questions and answers", () => {
  it("sort answers accepted first, then score, then age; the asker can switch the accepted answer", async () => {
    const asker = await makeUser();
    const [a, b, c] = [await makeUser(), await makeUser(), await makeUser()];
    const voter = await makeUser();
    const q = createQuestion({ authorId: asker.id, title: "Which answer comes first?", body, tags: ["ordering"] });
    const t0 = Date.now();
    const first = createAnswer({ authorId: a.id, questionId: q.id, body: "First answer, oldest", now: new Date(t0) })!;
    const second = createAnswer({
      authorId: b.id,
      questionId: q.id,
      body: "Second answer, voted",
      now: new Date(t0 + 1000),
    })!;
    const third = createAnswer({
      authorId: c.id,
      questionId: q.id,
      body: "Third answer, newest",
      now: new Date(t0 + 2000),
    })!;
    castVote({ userId: voter.id, postId: second.id, value: 1 });
    expect(getQuestionThread(q.id)!.answers.map((x) => x.id)).toEqual([second.id, first.id, third.id]);

    expect(acceptAnswer({ questionId: q.id, answerId: third.id, askerId: b.id })).toBe("forbidden");
    expect(acceptAnswer({ questionId: q.id, answerId: third.id, askerId: asker.id })).toBe("accepted");
    expect(getQuestionThread(q.id)!.answers.map((x) => x.id)).toEqual([third.id, second.id, first.id]);
    expect(acceptAnswer({ questionId: q.id, answerId: third.id, askerId: asker.id })).toBe("unchanged");
    expect(acceptAnswer({ questionId: q.id, answerId: first.id, askerId: asker.id })).toBe("accepted");
    expect(getQuestionThread(q.id)!.answers[0].id).toBe(first.id);
    expect(verbsOf(third.id)).toEqual(["answer", "answer_accepted", "answer_unaccepted"]);
    const credited = db
      .select()
      .from(activities)
      .where(sql`${activities.postId} = ${first.id} and ${activities.verb} = 'answer_accepted'`)
      .get()!;
    expect(credited.actorId).toBe(a.id);
    expect(credited.targetUserId).toBe(asker.id);
  });

  it("filter by state: unanswered, answered, accepted", async () => {
    const asker = await makeUser();
    const helper = await makeUser();
    const open = createQuestion({ authorId: asker.id, title: "Nobody answered this one", body, tags: ["state-test"] });
    const answered = createQuestion({
      authorId: asker.id,
      title: "Somebody answered this one",
      body,
      tags: ["state-test"],
    });
    const solved = createQuestion({
      authorId: asker.id,
      title: "This one is solved for good",
      body,
      tags: ["state-test"],
    });
    createAnswer({ authorId: helper.id, questionId: answered.id, body: "An answer here" });
    const answer = createAnswer({ authorId: helper.id, questionId: solved.id, body: "The solution here" })!;
    acceptAnswer({ questionId: solved.id, answerId: answer.id, askerId: asker.id });
    const ids = (state?: "unanswered" | "answered" | "accepted") =>
      listQuestions({ tag: "state-test", state, page: 1, perPage: 10 })
        .items.map((q) => q.id)
        .sort();
    expect(ids("unanswered")).toEqual([open.id]);
    expect(ids("answered")).toEqual([answered.id]);
    expect(ids("accepted")).toEqual([solved.id]);
    expect(ids()).toEqual([open.id, answered.id, solved.id].sort());
    // A large tag is filtered by walking the ordered index instead of by a list: same answers.
    db.update(tags).set({ postCount: 5000 }).where(eq(tags.name, "state-test")).run();
    expect(ids("unanswered")).toEqual([open.id]);
    expect(ids("accepted")).toEqual([solved.id]);
    expect(ids()).toEqual([open.id, answered.id, solved.id].sort());
  });

  it("log every contribution in the same transaction, with the root post's tags", async () => {
    const author = await makeUser();
    const article = createArticle({
      authorId: author.id,
      title: "An article with two tags",
      summary: "",
      body,
      tags: ["alpha", "beta"],
    });
    const { comment } = createComment({ authorId: author.id, postId: article.id, body: "A comment on it" })!;
    expect(verbsOf(article.id)).toEqual(["article"]);
    expect(verbsOf(comment.id)).toEqual(["comment"]);
    const row = db.select().from(activities).where(eq(activities.postId, comment.id)).get()!;
    expect(db.select().from(activityTags).where(eq(activityTags.activityId, row.id)).all()).toHaveLength(2);
  });
});

describe("edits and soft delete", () => {
  it("an edit keeps every version as a revision and re-syncs tags", async () => {
    const author = await makeUser();
    const editor = await makeUser({ role: "lead" });
    const article = createArticle({
      authorId: author.id,
      title: "Original title here",
      summary: "s",
      body,
      tags: ["old-tag"],
    });
    editPost({
      postId: article.id,
      editorId: editor.id,
      title: "Edited title here",
      summary: "s2",
      body: "Edited body text.",
      tags: ["new-tag"],
    });
    const revisions = db.select().from(postRevisions).where(eq(postRevisions.postId, article.id)).all();
    expect(revisions.map((r) => [r.editorId, r.title, r.tags])).toEqual([
      [author.id, "Original title here", "old-tag"],
      [editor.id, "Edited title here", "new-tag"],
    ]);
    expect(getPost(article.id)!.bodyHtml).toBe("<p>Edited body text.</p>\n");
    expect(tagCount("old-tag")).toBe(0);
    expect(tagCount("new-tag")).toBe(1);
  });

  it("deleting and restoring keeps tag and answer counts right", async () => {
    const author = await makeUser();
    const helper = await makeUser();
    const q = createQuestion({ authorId: author.id, title: "Delete and restore me", body, tags: ["deletable"] });
    const answer = createAnswer({ authorId: helper.id, questionId: q.id, body: "An answer to delete" })!;
    acceptAnswer({ questionId: q.id, answerId: answer.id, askerId: author.id });
    setPostDeleted({ postId: answer.id, deleted: true });
    expect(getPost(q.id)).toMatchObject({ answerCount: 0, acceptedAnswerId: null });
    setPostDeleted({ postId: answer.id, deleted: false });
    expect(getPost(q.id)!.answerCount).toBe(1);
    setPostDeleted({ postId: q.id, deleted: true });
    expect(tagCount("deletable")).toBe(0);
    expect(createAnswer({ authorId: helper.id, questionId: q.id, body: "Too late now" })).toBeNull();
    setPostDeleted({ postId: q.id, deleted: false });
    expect(tagCount("deletable")).toBe(1);
    expect(db.select().from(posts).where(eq(posts.id, q.id)).get()!.deletedAt).toBeNull();
  });
});
