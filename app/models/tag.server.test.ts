import { describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories";
import { castVote } from "./post-votes.server";
import { createAnswer, createQuestion } from "./post.server";
import { tagExperts } from "./reputation.server";
import { getTagByName } from "./tag.server";

describe("tag experts", () => {
  it("rank members by the reputation they earned in the tag, answers to the tag's questions included", async () => {
    const [asker, expert, voter1, voter2] = [await makeUser(), await makeUser(), await makeUser(), await makeUser()];
    const q = createQuestion({
      authorId: asker.id,
      title: "Which index helps this query?",
      body: "A slow query on a large table.",
      tags: ["indexing"],
    });
    const a = createAnswer({ authorId: expert.id, questionId: q.id, body: "An index on (tag_id, post_id)." })!;
    castVote({ userId: voter1.id, postId: a.id, value: 1 });
    castVote({ userId: voter2.id, postId: a.id, value: 1 });
    castVote({ userId: voter1.id, postId: q.id, value: 1 });
    const top = tagExperts(getTagByName("indexing")!.id);
    expect(top.map((c) => [c.id, c.points])).toEqual([
      [expert.id, 20],
      [asker.id, 5],
    ]);
  });
});
