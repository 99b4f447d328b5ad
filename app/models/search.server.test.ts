import { describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories";
import { createAnswer, createArticle, createQuestion, editPost, setPostDeleted } from "./post.server";
import { highlight, parseSearchQuery, searchPosts } from "./search.server";

const search = (q: string) => searchPosts(parseSearchQuery(q), { page: 1, perPage: 20 }).results;

describe("search", () => {
  it("finds a word from an answer body and links to the answer on its question", async () => {
    const asker = await makeUser();
    const helper = await makeUser();
    const q = createQuestion({ authorId: asker.id, title: "Pipeline keeps failing at night", body: "Every night the load stops.", tags: ["pipelines"] });
    const answer = createAnswer({ authorId: helper.id, questionId: q.id, body: "Raise the zeppelinbuffer setting to 512." })!;
    const results = search("zeppelinbuffer");
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ id: answer.id, kind: "answer", title: "Pipeline keeps failing at night", url: `/questions/${q.id}#post-${answer.id}` });
    expect(results[0].snippetHtml).toContain("<mark>zeppelinbuffer</mark>");
  });

  it("ranks a title match above a body match", async () => {
    const author = await makeUser({ role: "expert" });
    const inBody = createArticle({ authorId: author.id, title: "Notes on many things", summary: "", body: "We also looked at quokkaschema once.", tags: ["x"] });
    const inTitle = createArticle({ authorId: author.id, title: "Quokkaschema explained", summary: "", body: "All about the design.", tags: ["x"] });
    expect(search("quokkaschema").map((r) => r.id)).toEqual([inTitle.id, inBody.id]);
  });

  it("never errors on FTS syntax in the query", () => {
    for (const q of [`"foo*(`, `NEAR(`, `a OR`, `***`, `"`, `(`, `tag:`, `kind:*`, `-x`, `foo AND NOT`, `^`, `{}`, "a\u0000b"]) {
      expect(() => search(q), q).not.toThrow();
    }
  });

  it("drops deleted posts at once and shows edits at once", async () => {
    const author = await makeUser();
    const q = createQuestion({ authorId: author.id, title: "Question about wombatcache", body: "What is the wombatcache?", tags: ["cache"] });
    expect(search("wombatcache").map((r) => r.id)).toEqual([q.id]);
    editPost({ postId: q.id, editorId: author.id, title: "Question about kiwicache", body: "What is the kiwicache?", tags: ["cache"] });
    expect(search("wombatcache")).toEqual([]);
    expect(search("kiwicache").map((r) => r.id)).toEqual([q.id]);
    setPostDeleted({ postId: q.id, deleted: true });
    expect(search("kiwicache")).toEqual([]);
  });

  it("answers of a deleted question are gone too", async () => {
    const asker = await makeUser();
    const q = createQuestion({ authorId: asker.id, title: "Soon to be deleted question", body: "Body of it here.", tags: ["gone"] });
    createAnswer({ authorId: asker.id, questionId: q.id, body: "The answer mentions platypusqueue." });
    expect(search("platypusqueue")).toHaveLength(1);
    setPostDeleted({ postId: q.id, deleted: true });
    expect(search("platypusqueue")).toEqual([]);
  });

  it("filters by tag:, kind: and author:", async () => {
    const expert = await makeUser({ role: "expert", handle: "filter_expert" });
    const other = await makeUser();
    const article = createArticle({ authorId: expert.id, title: "Emuindex for articles", summary: "", body: "emuindex body", tags: ["emu"] });
    const question = createQuestion({ authorId: other.id, title: "Emuindex for questions?", body: "emuindex question body", tags: ["other"] });
    expect(search("emuindex kind:article").map((r) => r.id)).toEqual([article.id]);
    expect(search("emuindex kind:question").map((r) => r.id)).toEqual([question.id]);
    expect(search("emuindex tag:emu").map((r) => r.id)).toEqual([article.id]);
    expect(search("emuindex author:@filter_expert").map((r) => r.id)).toEqual([article.id]);
  });
});

describe("query parsing and highlighting", () => {
  it("separates filters from words and keeps only letters and digits", () => {
    expect(parseSearchQuery(`tag:SQL kind:article author:@Sanne "slow* (join)`)).toEqual({
      tag: "sql",
      kind: "article",
      author: "sanne",
      terms: ["slow", "join"],
    });
  });

  it("escapes the snippet before marking matches", () => {
    expect(highlight("<b>\u0002x\u0003</b>")).toBe("&lt;b&gt;<mark>x</mark>&lt;/b&gt;");
  });
});
