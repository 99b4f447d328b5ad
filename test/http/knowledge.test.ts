import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XSS_VECTORS } from "../xss-vectors";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let expert: Client;
let alice: Client;
let bob: Client;
let lead: Client;

const count = (where = "1=1") =>
  server.sqlite.prepare(`select count(*) from posts where ${where}`).pluck().get() as number;
const post = (id: number) =>
  server.sqlite.prepare("select * from posts where id = ?").get(id) as Record<string, unknown>;
const idFrom = (response: Response) => Number(/\/questions\/(\d+)/.exec(response.headers.get("location") ?? "")?.[1]);

beforeAll(async () => {
  server = await startServer();
  expert = await signUp(server, {
    name: "Erik Expert",
    handle: "erik",
    email: "erik@example.test",
    password: "erik-password-1",
  });
  alice = await signUp(server, {
    name: "Alice Asker",
    handle: "alice",
    email: "alice@example.test",
    password: "alice-password-1",
  });
  bob = await signUp(server, {
    name: "Bob Builder",
    handle: "bob",
    email: "bob@example.test",
    password: "bob-password-1",
  });
  lead = await signUp(server, {
    name: "Lena Lead",
    handle: "lena",
    email: "lena@example.test",
    password: "lena-password-1",
  });
  server.exec("update users set role = 'expert' where handle = 'erik'");
  server.grantReputation("bob", 200); // enough to vote both ways and comment anywhere
  server.exec("update users set role = 'lead' where handle = 'lena'");
  // Alice joined days ago: these tests post faster than a new member may (docs/limits.md; test/http/limits.test.ts).
  server.exec("update users set created_at = ? where handle = 'alice'", Date.now() - 3 * 24 * 3600_000);
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("writing articles", () => {
  it("an expert publishes; the redirect goes to the article; a member gets 403", async () => {
    const created = await expert.post("/articles/new", {
      title: "Loading Parquet into Nordlicht",
      summary: "How we load files.",
      body: "Use the **bulk** loader.",
      tags: "Parquet, pipelines",
    });
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/articles/loading-parquet-into-nordlicht");
    const page = await (await new Client(server.url).get("/articles/loading-parquet-into-nordlicht")).text();
    expect(page).toContain("<strong>bulk</strong>");
    expect(page).toContain('href="/tags/parquet"');
    const before = count();
    expect(
      (
        await alice.post("/articles/new", {
          title: "Members cannot publish",
          summary: "",
          body: "Some body text here.",
          tags: "x",
        })
      ).status,
    ).toBe(403);
    expect(count()).toBe(before);
  });

  it("bad input gets 400 with field errors and writes nothing", async () => {
    const before = count();
    const cases: [Record<string, string>, string, string][] = [
      [{ title: "", body: "Long enough body text.", tags: "sql" }, "title", "Write a title of 10 to 150 characters."],
      [
        { title: "A perfectly fine title", body: "Long enough body text.", tags: "a,b,c,d,e,f" },
        "tags",
        "Use at most 5 tags.",
      ],
      [{ title: "A perfectly fine title", body: "x".repeat(20_001), tags: "sql" }, "body", "This text is too long."],
      [
        { title: "A perfectly fine title", body: "Long enough body text.", tags: "c++!, <b>" },
        "tags",
        "Tags use lower-case letters, digits and . + # - only (at most 30 characters).",
      ],
      [
        { title: "A perfectly fine title", body: "Long enough body text.", tags: " , " },
        "tags",
        "Add at least one tag.",
      ],
    ];
    for (const [fields, field, message] of cases) {
      const response = await expert.post("/articles/new", { summary: "", ...fields });
      expect(response.status, field).toBe(400);
      const html = await response.text();
      expect(html).toContain(`<p class="field-error" id="${field}-error" role="alert">${message}</p>`);
    }
    const question = await alice.post("/questions/ask", { title: "", body: "", tags: "" });
    expect(question.status).toBe(400);
    expect(count()).toBe(before);
  });

  it("the preview button renders without publishing, sanitised", async () => {
    const before = count();
    const response = await expert.post("/articles/new", {
      intent: "preview",
      title: "t",
      summary: "",
      body: "Hello <script>alert(1)</script> **world**",
      tags: "",
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<strong>world</strong>");
    expect(html).not.toContain("<script>alert(1)</script>");
    const live = await expert.post("/preview", { body: `<img src=x onerror=alert(1)> _hi_` });
    expect(await live.json()).toEqual({ html: "<p> <em>hi</em></p>\n" });
    expect(count()).toBe(before);
  });
});

describe("permissions on posts", () => {
  it("a member cannot edit or delete another's post (403, nothing changed); a lead can, and only the lead restores it", async () => {
    const asked = await alice.post("/questions/ask", {
      title: "Who may edit this question?",
      body: "Only me and the leads, I hope.",
      tags: "permissions",
    });
    const id = idFrom(asked);
    const before = post(id);
    expect((await bob.get(`/posts/${id}/edit`)).status).toBe(403);
    expect(
      (
        await bob.post(`/posts/${id}/edit`, {
          title: "Hijacked title by bob",
          body: "Hijacked body text.",
          tags: "spam",
        })
      ).status,
    ).toBe(403);
    expect((await bob.post(`/questions/${id}`, { intent: "delete", postId: String(id) })).status).toBe(403);
    expect(post(id)).toEqual(before);

    const edited = await lead.post(`/posts/${id}/edit`, {
      title: "Who may edit this question (edited)?",
      body: "Edited by a lead, for clarity.",
      tags: "permissions",
    });
    expect(edited.status).toBe(302);
    expect(post(id).title).toBe("Who may edit this question (edited)?");
    expect((await lead.post(`/questions/${id}`, { intent: "delete", postId: String(id) })).status).toBe(302);
    expect(post(id).status).toBe("deleted");
    expect((await new Client(server.url).get(`/questions/${id}`)).status).toBe(404);
    expect((await bob.get(`/questions/${id}`)).status).toBe(404);
    const own = await alice.get(`/questions/${id}`);
    expect(own.status).toBe(200);
    const ownPage = await own.text();
    expect(ownPage).toContain("This post is deleted");
    // A lead's removal is not the author's to undo: no Restore control, and a forged restore is 403.
    expect(ownPage).not.toContain('value="restore"');
    expect((await alice.post(`/questions/${id}`, { intent: "restore", postId: String(id) })).status).toBe(403);
    expect(post(id).status).toBe("deleted");
    expect((await lead.post(`/questions/${id}`, { intent: "restore", postId: String(id) })).status).toBe(302);
    expect(post(id).status).toBe("published");
    expect(server.sqlite.prepare("select count(*) from post_revisions where post_id = ?").pluck().get(id)).toBe(2);
    // What the author deleted themselves, they may restore.
    expect((await alice.post(`/questions/${id}`, { intent: "delete", postId: String(id) })).status).toBe(302);
    expect(await (await alice.get(`/questions/${id}`)).text()).toContain('value="restore"');
    expect((await alice.post(`/questions/${id}`, { intent: "restore", postId: String(id) })).status).toBe(302);
    expect(post(id).status).toBe("published");
  });

  it("votes over HTTP: self-vote 403, a double submit counts once, up→down moves the score by 2", async () => {
    const asked = await alice.post("/questions/ask", {
      title: "Is double voting prevented?",
      body: "Let us find out together.",
      tags: "votes",
    });
    const id = idFrom(asked);
    const vote = (client: Client, value: string) =>
      client.post(`/questions/${id}`, { intent: "vote", postId: String(id), value });
    expect((await vote(alice, "1")).status).toBe(403);
    const [first, second] = await Promise.all([vote(bob, "1"), vote(bob, "1")]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(post(id).score).toBe(1);
    expect((await vote(bob, "-1")).status).toBe(303);
    expect(post(id).score).toBe(-1);
    expect(
      (await new Client(server.url).post(`/questions/${id}`, { intent: "vote", postId: String(id), value: "1" }))
        .status,
    ).toBe(302); // to log-in
    expect((await vote(bob, "7")).status).toBe(400);
  });

  it("a vote without JavaScript redirects (303) to the post's anchor; with JavaScript it answers the new score", async () => {
    const asked = await alice.post("/questions/ask", {
      title: "Does voting follow PRG?",
      body: "Refreshing must not vote again.",
      tags: "votes",
    });
    const id = idFrom(asked);
    const answered = await alice.post(`/questions/${id}`, {
      intent: "answer",
      body: "An answer to vote on, long enough.",
    });
    const answerId = Number(/#post-(\d+)$/.exec(answered.headers.get("location")!)![1]);
    const onQuestion = await bob.post(`/questions/${id}`, { intent: "vote", postId: String(id), value: "1" });
    expect(onQuestion.status).toBe(303);
    expect(onQuestion.headers.get("location")).toBe(`/questions/${id}#post-${id}`);
    const onAnswer = await bob.post(`/questions/${id}`, { intent: "vote", postId: String(answerId), value: "1" });
    expect(onAnswer.status).toBe(303);
    expect(onAnswer.headers.get("location")).toBe(`/questions/${id}#post-${answerId}`);
    // What the VoteButtons fetcher sends: Remix adds _data and reads the score from the answer.
    const fetched = await bob.post(`/questions/${id}?_data=routes%2Fquestions.%24id`, {
      intent: "vote",
      postId: String(answerId),
      value: "0",
    });
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toMatchObject({ ok: true, score: 0 });
    const article = await expert.post("/articles/new", {
      title: "An article to vote on",
      summary: "Short.",
      body: "A body that is long enough to count.",
      tags: "votes",
    });
    const slugUrl = article.headers.get("location")!;
    const articleId = Number(/id="post-(\d+)"/.exec(await (await bob.get(slugUrl)).text())![1]);
    const onArticle = await bob.post(slugUrl, { intent: "vote", postId: String(articleId), value: "1" });
    expect(onArticle.status).toBe(303);
    expect(onArticle.headers.get("location")).toBe(`${slugUrl}#post-${articleId}`);
    expect((await bob.post(slugUrl, { intent: "vote", postId: String(articleId), value: "9" })).status).toBe(400);
  });

  it("a form cannot act on a post of another page", async () => {
    const a = idFrom(
      await alice.post("/questions/ask", {
        title: "First question for scoping",
        body: "Body of the first one.",
        tags: "scope",
      }),
    );
    const b = idFrom(
      await alice.post("/questions/ask", {
        title: "Second question for scoping",
        body: "Body of the second one.",
        tags: "scope",
      }),
    );
    expect((await bob.post(`/questions/${a}`, { intent: "vote", postId: String(b), value: "1" })).status).toBe(404);
    expect(post(b).score).toBe(0);
  });
});

describe("article link previews", () => {
  it("an article carries Open Graph article tags with absolute URLs and one description, its summary", async () => {
    const created = await expert.post("/articles/new", {
      title: "Open Graph for articles",
      summary: "What a link preview shows.",
      body: "A body long enough to publish.",
      tags: "sharing, meta",
    });
    const path = created.headers.get("location")!;
    const html = await (
      await new Client(server.url, { "X-Forwarded-Host": "kring.example", "X-Forwarded-Proto": "https" }).get(path)
    ).text();
    const meta = (attr: string, name: string) =>
      [...html.matchAll(new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`, "g"))].map((m) => m[1]);
    const origin = /<meta property="og:url" content="(https?:\/\/[^/"]+)\//.exec(html)?.[1];
    expect(origin).toMatch(/^https?:\/\/[^/]+$/);
    expect(meta("property", "og:type")).toEqual(["article"]);
    expect(meta("property", "og:title")).toEqual(["Open Graph for articles"]);
    expect(meta("property", "og:description")).toEqual(["What a link preview shows."]);
    expect(meta("property", "og:url")).toEqual([`${origin}${path}`]);
    expect(html).toContain(`<link rel="canonical" href="${origin}${path}"/>`);
    expect(meta("property", "article:author")).toEqual([`${origin}/members/erik`]);
    expect(meta("property", "article:tag").sort()).toEqual(["meta", "sharing"]);
    const [published] = meta("property", "article:published_time");
    expect(new Date(published).toISOString()).toBe(published);
    expect(meta("name", "description").filter((d) => d === "What a link preview shows.")).toHaveLength(1);
  });
});

describe("revisions", () => {
  it("a deleted question hides the history of its answers and comments from those who cannot see it", async () => {
    const q = idFrom(
      await alice.post("/questions/ask", {
        title: "A question a lead will remove",
        body: "Its answers' history must go with it.",
        tags: "history",
      }),
    );
    await bob.post(`/questions/${q}`, { intent: "answer", body: "An answer whose history should hide." });
    const answerId = server.sqlite
      .prepare("select id from posts where parent_id = ? and kind = 'answer'")
      .pluck()
      .get(q) as number;
    expect((await new Client(server.url).get(`/posts/${answerId}/revisions`)).status).toBe(200);
    expect((await lead.post(`/questions/${q}`, { intent: "delete", postId: String(q) })).status).toBe(302);
    expect((await new Client(server.url).get(`/posts/${answerId}/revisions`)).status).toBe(404);
    expect((await bob.get(`/posts/${answerId}/revisions`)).status).toBe(404);
    expect((await lead.get(`/posts/${answerId}/revisions`)).status).toBe(200);
  });

  it("show each version as a word diff with <ins>/<del> and words for screen readers", async () => {
    const id = idFrom(
      await alice.post("/questions/ask", {
        title: "Diffing the revisions of a post",
        body: "Use the bulk loader today.",
        tags: "history",
      }),
    );
    await alice.post(`/posts/${id}/edit`, {
      title: "Diffing the revisions of a post",
      body: "Use the fast bulk loader.",
      tags: "history, diff",
    });
    const html = await (await alice.get(`/posts/${id}/revisions`)).text();
    expect(html).toContain(
      '<ins><span class="visually-hidden">[added: </span>fast <span class="visually-hidden">]</span></ins>',
    );
    expect(html).toContain(
      '<del><span class="visually-hidden">[removed: </span> today<span class="visually-hidden">]</span></del>',
    );
    expect(html).toMatch(/Tags: <span><span>history<\/span><ins><span class="visually-hidden">\[added: <\/span>, diff/);
    expect(html).toContain("<span>Use the bulk loader today.</span>"); // version 1, in full
  });

  it("who may edit rolls back to a version: a new revision with its text, re-rendered and sanitised", async () => {
    const id = idFrom(
      await alice.post("/questions/ask", {
        title: "Rolling back a question body",
        body: "First **version** <script>alert(1)</script> here.",
        tags: "history",
      }),
    );
    await alice.post(`/posts/${id}/edit`, {
      title: "Rolling back a question body, edited",
      body: "Second version, worse.",
      tags: "history, worse",
    });
    const revisions = () =>
      server.sqlite.prepare("select id, body, tags from post_revisions where post_id = ? order by id").all(id) as {
        id: number;
        body: string;
        tags: string;
      }[];
    const [first] = revisions();
    const page = await (await alice.get(`/posts/${id}/revisions`)).text();
    expect(page).toContain(`name="revisionId" value="${first.id}"`);
    expect(await (await bob.get(`/posts/${id}/revisions`)).text()).not.toContain('name="revisionId"');
    expect(
      (await bob.post(`/posts/${id}/revisions`, { intent: "rollback", revisionId: String(first.id) })).status,
    ).toBe(403);
    expect((await alice.post(`/posts/${id}/revisions`, { intent: "rollback", revisionId: "x" })).status).toBe(400);
    const otherPost = idFrom(
      await alice.post("/questions/ask", {
        title: "Another question entirely",
        body: "Its own history, long enough.",
        tags: "history",
      }),
    );
    const foreign = server.sqlite
      .prepare("select id from post_revisions where post_id = ?")
      .pluck()
      .get(otherPost) as number;
    expect(
      (await alice.post(`/posts/${id}/revisions`, { intent: "rollback", revisionId: String(foreign) })).status,
    ).toBe(404);
    expect(revisions()).toHaveLength(2);

    const rolled = await alice.post(`/posts/${id}/revisions`, { intent: "rollback", revisionId: String(first.id) });
    expect(rolled.status).toBe(303);
    expect(rolled.headers.get("location")).toBe(`/questions/${id}`);
    expect(post(id)).toMatchObject({ title: "Rolling back a question body", body: first.body });
    expect(post(id).body_html).toBe("<p>First <strong>version</strong>  here.</p>\n");
    expect(revisions().map((r) => r.tags)).toEqual(["history", "history,worse", "history"]);
    const tags = server.sqlite
      .prepare("select t.name from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = ? order by t.name")
      .pluck()
      .all(id);
    expect(tags).toEqual(["history"]);
    // A lead may edit others' posts, so may roll them back too.
    expect(
      (await lead.post(`/posts/${id}/revisions`, { intent: "rollback", revisionId: String(revisions()[1].id) })).status,
    ).toBe(303);
    expect(post(id).body).toBe("Second version, worse.");
  });
});

describe("deleting takes two steps", () => {
  it("the delete control is a link to a confirmation; only the confirmation's form deletes", async () => {
    const id = idFrom(
      await alice.post("/questions/ask", {
        title: "A question to delete carefully",
        body: "Nobody should lose it by one click.",
        tags: "delete",
      }),
    );
    const page = await (await alice.get(`/questions/${id}`)).text();
    expect(page).not.toContain('name="intent" value="delete"');
    expect(page).toContain(`href="/questions/${id}?delete=${id}#delete-${id}"`);
    const confirm = await (await alice.get(`/questions/${id}?delete=${id}`)).text();
    expect(confirm).toContain("Delete this post?");
    expect(confirm).toMatch(
      new RegExp(`<form method="post" action="/questions/${id}\\?delete=${id}"[^>]*id="delete-${id}"`),
    );
    expect(confirm).toContain('name="intent" value="delete"');
    expect(confirm).toContain(`href="/questions/${id}#post-${id}">Cancel</a>`);
    expect(post(id).status).toBe("published");
    expect((await alice.post(`/questions/${id}?delete=${id}`, { intent: "delete", postId: String(id) })).status).toBe(
      302,
    );
    expect(post(id).status).toBe("deleted");
    // A member who may not delete sees neither step.
    expect(await (await bob.get(`/questions/${id}?delete=${id}`)).text()).not.toContain('value="delete"');
  });
});

describe("images in posts", () => {
  it("an https image shows lazy-loaded with its alt, the CSP lets it load, the editor says https only", async () => {
    const created = await expert.post("/articles/new", {
      title: "An article with a chart",
      summary: "",
      body: "Before.\n\n![Load time per week](https://img.example/chart.png)\n\n![](http://img.example/plain.png)",
      tags: "images",
    });
    const response = await new Client(server.url).get(created.headers.get("location")!);
    const html = await response.text();
    expect(html).toContain(
      '<img src="https://img.example/chart.png" alt="Load time per week" loading="lazy" referrerpolicy="no-referrer" />',
    );
    expect(html).not.toContain("http://img.example/plain.png");
    expect(response.headers.get("content-security-policy")).toContain("img-src 'self' data: https:;");
    expect(html).toMatch(/<link rel="stylesheet" href="\/build\/_assets\/content-[\w-]+\.css"/);
    expect(await (await expert.get("/articles/new")).text()).toContain("https links only");
  });
});

describe("search page", () => {
  it("filter controls (labelled, plain GET) combine with the free text and the tag:/kind:/author: syntax", async () => {
    const q = idFrom(
      await alice.post("/questions/ask", {
        title: "Filtering the quagga search",
        body: "A question about quaggafilter.",
        tags: "quagga",
      }),
    );
    await bob.post(`/questions/${q}`, { intent: "answer", body: "An answer that says quaggafilter too." });
    await expert.post("/articles/new", {
      title: "Quagga article for filters",
      summary: "About it.",
      body: "The quaggafilter article body.",
      tags: "quagga",
    });
    const page = await (await new Client(server.url).get("/search")).text();
    for (const [id, name] of [
      ["search-q", "q"],
      ["search-kind", "kind"],
      ["search-tag", "tag"],
      ["search-author", "author"],
    ]) {
      expect(page).toMatch(new RegExp(`<label for="${id}">`));
      expect(page).toMatch(new RegExp(`id="${id}"[^>]* name="${name}"|name="${name}"[^>]* id="${id}"`));
    }
    const titles = async (path: string) =>
      [...(await (await new Client(server.url).get(path)).text()).matchAll(/<h3[^>]*><a[^>]* href="([^"]+)"/g)].map(
        (m) => m[1],
      );
    expect(await titles("/search?q=quaggafilter&kind=question")).toEqual([`/questions/${q}`]);
    expect(await titles("/search?q=&kind=question&tag=quagga")).toEqual([`/questions/${q}`]);
    expect(await titles("/search?q=tag%3Aquagga")).toEqual(["/articles/quagga-article-for-filters", `/questions/${q}`]);
    expect(await titles("/search?q=quaggafilter+kind%3Aarticle")).toEqual(["/articles/quagga-article-for-filters"]);
    expect(await titles("/search?q=quaggafilter&author=bob")).toHaveLength(1);
    expect((await new Client(server.url).get("/search?kind=nonsense&tag=%3Cb%3E")).status).toBe(200);
  });
});

describe("answers, acceptance and comments over HTTP", () => {
  it("answer → accept → accepted answer first; comments are sanitised", async () => {
    const id = idFrom(
      await alice.post("/questions/ask", {
        title: "How do I schedule a nightly load?",
        body: "I need it at 02:00 every night.",
        tags: "pipelines",
      }),
    );
    const first = await bob.post(`/questions/${id}`, {
      intent: "answer",
      body: "Use the scheduler with a cron expression `0 2 * * *`.",
    });
    expect(first.status).toBe(302);
    const second = await expert.post(`/questions/${id}`, {
      intent: "answer",
      body: "Or trigger it from the orchestrator API.",
    });
    const secondId = Number(/#post-(\d+)/.exec(second.headers.get("location")!)![1]);
    expect((await bob.post(`/questions/${id}`, { intent: "accept", answerId: String(secondId) })).status).toBe(403);
    expect((await alice.post(`/questions/${id}`, { intent: "accept", answerId: String(secondId) })).status).toBe(302);
    const html = await (await new Client(server.url).get(`/questions/${id}`)).text();
    expect(html.indexOf("Or trigger it from the orchestrator API.")).toBeLessThan(html.indexOf("Use the scheduler"));
    expect(html).toContain("Accepted answer");

    for (const vector of XSS_VECTORS.slice(0, 12)) {
      expect(
        (await bob.post(`/questions/${id}`, { intent: "comment", postId: String(id), body: vector.slice(0, 600) }))
          .status,
      ).toBe(302);
    }
    const withComments = await (await new Client(server.url).get(`/questions/${id}`)).text();
    const main = withComments.slice(withComments.indexOf("<main"), withComments.indexOf("</main>"));
    expect(main).not.toMatch(/<script|<img|<svg|<iframe|\son\w+=|javascript:/i);
    expect(
      (await bob.post(`/questions/${id}`, { intent: "comment", postId: String(id), body: "x".repeat(601) })).status,
    ).toBe(400);
  });
});

describe("feeds and search over HTTP", () => {
  it("control characters typed into a post are dropped, so /feed.xml stays valid XML", async () => {
    const created = await expert.post("/articles/new", {
      title: "Control\u0000 characters\u0001 in a title",
      summary: "A summary\u0007 with a bell.",
      body: "NUL \u0000, escape \u001b and DEL \u007f never reach the feed.\nTabs\tand lines stay.",
      tags: "xmlsafety",
    });
    expect(created.status).toBe(302);
    const stored = server.sqlite
      .prepare("select title, summary, body from posts where title like 'Control%'")
      .get() as Record<string, string>;
    expect(stored).toEqual({
      title: "Control characters in a title",
      summary: "A summary with a bell.",
      body: "NUL , escape  and DEL  never reach the feed.\nTabs\tand lines stay.",
    });
    const feed = await new Parser().parseString(
      await (await new Client(server.url).get("/tags/xmlsafety/feed.xml")).text(),
    );
    expect(feed.items.map((i) => i.title)).toEqual(["Control characters in a title"]);
  });

  it("/feed.xml parses as Atom with id, title, updated and link per entry", async () => {
    const response = await new Client(server.url).get("/feed.xml");
    expect(response.headers.get("content-type")).toContain("application/atom+xml");
    const feed = await new Parser().parseString(await response.text());
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) {
      expect(item.id).toMatch(/^http:\/\/localhost:\d+\/(articles|questions)\/\d+$/);
      expect(item.title).toBeTruthy();
      expect(item.link).toMatch(/^http:\/\/localhost:\d+\/(articles|questions)\//);
      expect(Number.isNaN(Date.parse(item.pubDate ?? ""))).toBe(false);
    }
    expect(feed.items.map((i) => i.title)).toContain("Loading Parquet into Nordlicht");
    const tagFeed = await new Parser().parseString(
      await (await new Client(server.url).get("/tags/parquet/feed.xml")).text(),
    );
    expect(tagFeed.items.map((i) => i.title)).toEqual(["Loading Parquet into Nordlicht"]);
    expect((await new Client(server.url).get("/tags/no-such-tag/feed.xml")).status).toBe(404);
    expect(await (await new Client(server.url).get("/articles")).text()).toContain(
      'rel="alternate" type="application/atom+xml"',
    );
  });

  it("search answers odd queries without error", async () => {
    for (const q of [`"foo*(`, "NEAR(", "tag:", "***"]) {
      expect((await new Client(server.url).get(`/search?q=${encodeURIComponent(q)}`)).status).toBe(200);
    }
    const html = await (await new Client(server.url).get("/search?q=parquet")).text();
    expect(html).toContain("Loading <mark>Parquet</mark> into Nordlicht");
  });

  it("tag pages list the tag's posts and top experts", async () => {
    const html = await (await new Client(server.url).get("/tags/pipelines")).text();
    expect(html).toContain("How do I schedule a nightly load?");
    expect(html).toContain("Loading Parquet into Nordlicht");
    expect(html).toContain("Top experts");
    expect((await new Client(server.url).get("/tags/unknown-tag")).status).toBe(404);
  });
});
