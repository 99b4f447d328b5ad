import { describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories";
import { createAnswer, createArticle, createQuestion, editPost, setPostDeleted } from "./post.server";
import { highlight, htmlToText, parseSearchQuery, searchPosts } from "./search.server";

const search = (q: string) => searchPosts(parseSearchQuery(q), { page: 1, perPage: 20 }).results;

describe("search", () => {
  it("finds a word from an answer body and links to the answer on its question", async () => {
    const asker = await makeUser();
    const helper = await makeUser();
    const q = createQuestion({
      authorId: asker.id,
      title: "Pipeline keeps failing at night",
      body: "Every night the load stops.",
      tags: ["pipelines"],
    });
    const answer = createAnswer({
      authorId: helper.id,
      questionId: q.id,
      body: "Raise the zeppelinbuffer setting to 512.",
    })!;
    const results = search("zeppelinbuffer");
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      id: answer.id,
      kind: "answer",
      title: "Pipeline keeps failing at night",
      url: `/questions/${q.id}#post-${answer.id}`,
    });
    expect(results[0].snippetHtml).toContain("<mark>zeppelinbuffer</mark>");
  });

  it("ranks a title match above a body match", async () => {
    const author = await makeUser({ role: "expert" });
    const inBody = createArticle({
      authorId: author.id,
      title: "Notes on many things",
      summary: "",
      body: "We also looked at quokkaschema once.",
      tags: ["x"],
    });
    const inTitle = createArticle({
      authorId: author.id,
      title: "Quokkaschema explained",
      summary: "",
      body: "All about the design.",
      tags: ["x"],
    });
    expect(search("quokkaschema").map((r) => r.id)).toEqual([inTitle.id, inBody.id]);
  });

  it("never errors on FTS syntax in the query", () => {
    for (const q of [
      `"foo*(`,
      `NEAR(`,
      `a OR`,
      `***`,
      `"`,
      `(`,
      `tag:`,
      `kind:*`,
      `-x`,
      `foo AND NOT`,
      `^`,
      `{}`,
      "a\u0000b",
    ]) {
      expect(() => search(q), q).not.toThrow();
    }
  });

  it("drops deleted posts at once and shows edits at once", async () => {
    const author = await makeUser();
    const q = createQuestion({
      authorId: author.id,
      title: "Question about wombatcache",
      body: "What is the wombatcache?",
      tags: ["cache"],
    });
    expect(search("wombatcache").map((r) => r.id)).toEqual([q.id]);
    editPost({
      postId: q.id,
      editorId: author.id,
      title: "Question about kiwicache",
      body: "What is the kiwicache?",
      tags: ["cache"],
    });
    expect(search("wombatcache")).toEqual([]);
    expect(search("kiwicache").map((r) => r.id)).toEqual([q.id]);
    setPostDeleted({ postId: q.id, deleted: true });
    expect(search("kiwicache")).toEqual([]);
  });

  it("answers of a deleted question are gone too", async () => {
    const asker = await makeUser();
    const q = createQuestion({
      authorId: asker.id,
      title: "Soon to be deleted question",
      body: "Body of it here.",
      tags: ["gone"],
    });
    createAnswer({ authorId: asker.id, questionId: q.id, body: "The answer mentions platypusqueue." });
    expect(search("platypusqueue")).toHaveLength(1);
    setPostDeleted({ postId: q.id, deleted: true });
    expect(search("platypusqueue")).toEqual([]);
  });

  it("filters by tag:, kind: and author:", async () => {
    const expert = await makeUser({ role: "expert", handle: "filter_expert" });
    const other = await makeUser();
    const article = createArticle({
      authorId: expert.id,
      title: "Emuindex for articles",
      summary: "",
      body: "emuindex body",
      tags: ["emu"],
    });
    const question = createQuestion({
      authorId: other.id,
      title: "Emuindex for questions?",
      body: "emuindex question body",
      tags: ["other"],
    });
    const answer = createAnswer({ authorId: expert.id, questionId: question.id, body: "An emuindex answer." })!;
    expect(search("emuindex kind:article").map((r) => r.id)).toEqual([article.id]);
    expect(search("emuindex kind:question").map((r) => r.id)).toEqual([question.id]); // not its answer
    expect(
      search("emuindex")
        .map((r) => r.id)
        .sort(),
    ).toEqual([article.id, question.id, answer.id].sort());
    expect(search("emuindex tag:emu").map((r) => r.id)).toEqual([article.id]);
    expect(search("emuindex author:@filter_expert").map((r) => r.id)).toEqual([article.id, answer.id]); // the title match first
  });

  it("a query of filters only lists that set, newest first, page by page", async () => {
    const writer = await makeUser({ role: "expert", handle: "list_writer" });
    const other = await makeUser();
    const made: number[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        createArticle({
          authorId: writer.id,
          title: `Listed article number ${i}`,
          summary: "",
          body: "A body for the list.",
          tags: ["listtag"],
        }).id,
      );
      made.push(
        createQuestion({
          authorId: other.id,
          title: `Listed question number ${i}`,
          body: "A question for the list.",
          tags: ["listtag"],
        }).id,
      );
    }
    const deleted = createQuestion({
      authorId: other.id,
      title: "A deleted listed question",
      body: "Gone from every list.",
      tags: ["listtag"],
    });
    setPostDeleted({ postId: deleted.id, deleted: true });
    const answer = createAnswer({
      authorId: writer.id,
      questionId: made[1],
      body: "The writer's answer in the list.",
    })!;
    createArticle({
      authorId: other.id,
      title: "Another tag entirely here",
      summary: "",
      body: "Not in the list tag.",
      tags: ["elsewhere"],
    });
    const newestFirst = [...made].reverse();
    expect(search("tag:listtag").map((r) => r.id)).toEqual(newestFirst);
    const page = (q: string, n: number) => searchPosts(parseSearchQuery(q), { page: n, perPage: 4 });
    expect(page("tag:listtag", 1)).toMatchObject({ hasMore: true });
    expect([1, 2, 3].flatMap((n) => page("tag:listtag", n).results.map((r) => r.id))).toEqual(newestFirst);
    expect(page("tag:listtag", 3).hasMore).toBe(false);
    expect(search("tag:listtag kind:question").map((r) => r.id)).toEqual(newestFirst.filter((_, i) => i % 2 === 0));
    expect(search("tag:listtag kind:article").map((r) => r.id)).toEqual(newestFirst.filter((_, i) => i % 2 === 1));
    // An author's answers are theirs too; a tag belongs to articles and questions.
    expect(search("author:list_writer").map((r) => r.id)).toEqual([
      answer.id,
      ...newestFirst.filter((_, i) => i % 2 === 1),
    ]);
    expect(search("author:list_writer kind:question")).toEqual([]);
    expect(search("author:nobody_by_this_name")).toEqual([]);
    expect(search("tag:nosuchtag")).toEqual([]);
    const listed = search("tag:listtag")[0];
    expect(listed).toMatchObject({ kind: "question", url: `/questions/${newestFirst[0]}` });
    expect(listed.snippetHtml).toBe("A question for the list.");
  });

  it("snippets are plain text: no markdown markers, no link addresses", async () => {
    const author = await makeUser({ role: "expert" });
    createArticle({
      authorId: author.id,
      title: "Markdown in snippets test",
      summary: "",
      body: "## Kiwiheading here\n\nUse **bold** and `code` with [the docs](https://example.com/secret-path) & <b>tags</b> for kiwiheading.\n\n- one\n- two",
      tags: ["x"],
    });
    const [hit] = search("kiwiheading");
    expect(hit.snippetHtml).toBe(
      "<mark>Kiwiheading</mark> here Use bold and code with the docs &amp; tags for <mark>kiwiheading.</mark> one two",
    );
    for (const raw of ["##", "**", "`", "https://", "]("]) expect(hit.snippetHtml).not.toContain(raw);
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

  it("turns stored HTML into its words", () => {
    expect(
      htmlToText("<h2>Title</h2><p>a&amp;b &lt;x&gt; &#39;q&#x27;<br>next</p><pre><code>select 1;</code></pre>"),
    ).toBe("Title a&b <x> 'q' next select 1;");
  });

  it("escapes the snippet before marking matches", () => {
    expect(highlight("<b>\u0002x\u0003</b>")).toBe("&lt;b&gt;<mark>x</mark>&lt;/b&gt;");
  });
});
