import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { cacheTags, events, posts } from "~db/schema";
import { makeUser } from "../../test/factories";
import { createEvent } from "~/models/event.server";
import { createAnswer, createQuestion } from "~/models/post.server";
import { db } from "~/utils/db.server";
import { MARKDOWN_VERSION } from "~/utils/markdown.server";
import { rebakeBatch } from "./rebake.server";

const HOUR = 60 * 60 * 1000;
const version = (tag: string) => db.select().from(cacheTags).where(eq(cacheTags.tag, tag)).get()?.version ?? 0;

describe("rebake", () => {
  it("renders posts and meetups of an older markdown version again, invalidates their pages, and leaves current ones alone", async () => {
    const author = await makeUser({ handle: "rebake_author" });
    const question = createQuestion({
      authorId: author.id,
      title: "Which markdown do we render?",
      body: "Some **bold** words.",
      tags: ["markdown"],
    });
    const answer = createAnswer({ authorId: author.id, questionId: question.id, body: "An answer with `code`." });
    if (!answer) throw new Error("the answer was not created");
    const current = createQuestion({
      authorId: author.id,
      title: "A question rendered today",
      body: "Plain text.",
      tags: ["markdown"],
    });
    const event = createEvent({
      title: "Markdown meetup",
      description: "Talks about *markdown*.",
      startsAt: new Date(Date.now() + 72 * HOUR),
      endsAt: new Date(Date.now() + 75 * HOUR),
      timezone: "Europe/Amsterdam",
      venue: "",
      address: "",
      city: "Gent",
      onlineUrl: "",
      capacity: 10,
      rsvpDeadline: null,
      tags: ["markdown"],
      hostIds: [author.id],
      createdBy: author.id,
    });
    expect(db.select({ v: posts.htmlVersion }).from(posts).where(eq(posts.id, question.id)).get()?.v).toBe(
      MARKDOWN_VERSION,
    );

    // As if rendered by an older pipeline: stale HTML and version.
    for (const id of [question.id, answer.id])
      db.update(posts)
        .set({ bodyHtml: "<p>old</p>", htmlVersion: MARKDOWN_VERSION - 1 })
        .where(eq(posts.id, id))
        .run();
    db.update(posts).set({ bodyHtml: "<p>kept as is</p>" }).where(eq(posts.id, current.id)).run();
    db.update(events)
      .set({ descriptionHtml: "<p>old</p>", htmlVersion: MARKDOWN_VERSION - 1 })
      .where(eq(events.id, event.id))
      .run();
    const before = { question: version(`post:${question.id}`), event: version(`event:${event.id}`) };

    expect(rebakeBatch()).toBe(3);
    const html = (id: number) => db.select().from(posts).where(eq(posts.id, id)).get()!;
    expect(html(question.id)).toMatchObject({
      bodyHtml: "<p>Some <strong>bold</strong> words.</p>\n",
      htmlVersion: MARKDOWN_VERSION,
    });
    expect(html(answer.id)).toMatchObject({
      bodyHtml: "<p>An answer with <code>code</code>.</p>\n",
      htmlVersion: MARKDOWN_VERSION,
    });
    expect(html(current.id).bodyHtml).toBe("<p>kept as is</p>");
    expect(db.select().from(events).where(eq(events.id, event.id)).get()).toMatchObject({
      descriptionHtml: "<p>Talks about <em>markdown</em>.</p>\n",
      htmlVersion: MARKDOWN_VERSION,
    });
    expect(version(`post:${question.id}`)).toBeGreaterThan(before.question);
    expect(version(`event:${event.id}`)).toBeGreaterThan(before.event);
    expect(rebakeBatch()).toBe(0);
  });

  it("works in batches of the given size, oldest first, until none is left", async () => {
    const author = await makeUser({ handle: "rebake_batches" });
    const ids = Array.from(
      { length: 5 },
      (_, i) =>
        createQuestion({
          authorId: author.id,
          title: `Batch question number ${i}`,
          body: `Body ${i}.`,
          tags: ["batch"],
        }).id,
    );
    for (const id of ids)
      db.update(posts)
        .set({ htmlVersion: MARKDOWN_VERSION - 1 })
        .where(eq(posts.id, id))
        .run();
    expect(rebakeBatch(2)).toBe(2);
    expect(rebakeBatch(2)).toBe(2);
    expect(rebakeBatch(2)).toBe(1);
    expect(rebakeBatch(2)).toBe(0);
  });
});
