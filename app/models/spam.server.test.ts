import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { flags, notifications, tags, users } from "~db/schema";
import { db } from "~/utils/db.server";
import { translator } from "~/utils/i18n.server";
import { DAY_MS } from "~/utils/time";
import { flagNoteText } from "~/utils/spam-note";
import { makeUser } from "../../test/factories";
import { joinLimits, reserveAttempt } from "./login-throttle.server";
import { decide, reviewQueue } from "./moderation.server";
import { getPost, listQuestions } from "./post-queries.server";
import { createAnswer, createComment, createQuestion, setPostDeleted } from "./post.server";
import { isBusySignUpAddress } from "./spam.server";

const now = new Date();
const LONG = "Where can I find the installation guide for the connector on Windows?";

/** A member who joined a month ago with some reputation: past every new-member rule. */
const established = () => makeUser({ createdAt: new Date(now.getTime() - 30 * DAY_MS) });
/** A member who joined `days` ago. */
const joined = (days: number, role: "member" | "expert" | "lead" = "member") =>
  makeUser({ role, createdAt: new Date(now.getTime() - days * DAY_MS) });

let n = 0;
const ask = (authorId: number, body: string, at = now) =>
  createQuestion({ authorId, title: `Question number ${++n} here`, body, tags: ["spam-rules"], now: at, screen: true });
const noteOf = (postId: number) =>
  db.select({ note: flags.note }).from(flags).where(eq(flags.postId, postId)).get()?.note;
const notificationsOf = (userId: number) =>
  db.select().from(notifications).where(eq(notifications.userId, userId)).all();

describe("the same text posted several times", () => {
  it("holds the second copy on, whitespace and case aside, with the count in the note and the post in the queue", async () => {
    const author = await established();
    const copies = [LONG, `  ${LONG.toUpperCase()}\n`, LONG.replace(/ /g, "  ")].map((body, i) =>
      ask(author.id, body, new Date(now.getTime() + i * 60_000)),
    );
    expect(copies.map((p) => getPost(p.id)!.status)).toEqual(["published", "held", "held"]);
    expect(copies.map((p) => noteOf(p.id))).toEqual([undefined, "spam:duplicate:2", "spam:duplicate:3"]);
    const queued = reviewQueue().items.map((i) => i.post.id);
    expect(queued).toEqual(expect.arrayContaining([copies[1].id, copies[2].id]));
    expect(queued).not.toContain(copies[0].id);
  });

  it("does not catch short replies said again, nor the same text from different authors", async () => {
    const asker = await established();
    const question = ask(asker.id, "A question of its own, long enough to post here.");
    for (const member of [await established(), await joined(1)]) {
      for (const body of ["thanks!", "Thanks!", "+1, same problem here", "+1, same problem here"]) {
        const { comment } = createComment({ authorId: member.id, postId: question.id, body, screen: true })!;
        expect(getPost(comment.id)!.status).toBe("published");
      }
    }
    const [a, b] = [await established(), await established()];
    expect(getPost(ask(a.id, LONG).id)!.status).toBe("published");
    expect(getPost(ask(b.id, LONG).id)!.status).toBe("published");
  });

  it("counts copies of the last 24 hours only, and not those the author deleted themselves", async () => {
    const author = await established();
    ask(author.id, LONG, new Date(now.getTime() - DAY_MS - 60_000));
    const afterADay = ask(author.id, LONG);
    expect(getPost(afterADay.id)!.status).toBe("published");
    setPostDeleted({ postId: afterADay.id, deleted: true, actorId: author.id });
    expect(getPost(ask(author.id, LONG).id)!.status).toBe("published");
  });

  it("counts a copy a lead deleted", async () => {
    const [author, lead] = [await established(), await joined(100, "lead")];
    setPostDeleted({ postId: ask(author.id, LONG).id, deleted: true, actorId: lead.id });
    expect(getPost(ask(author.id, LONG).id)!.status).toBe("held");
  });
});

describe("links from new members", () => {
  const threeLinks = "See https://a.example, https://b.example and https://c.example for all the details you need.";
  const twoLinks = "Cheap https://spam.example/a https://spam.example/b";

  it("hold 3 links, or 2 that are most of the text, from a member of this week", async () => {
    const member = await joined(3);
    const many = ask(member.id, threeLinks);
    expect([getPost(many.id)!.status, noteOf(many.id)]).toEqual(["held", "spam:links:3"]);
    const mostly = ask(member.id, twoLinks);
    expect([getPost(mostly.id)!.status, noteOf(mostly.id)]).toEqual(["held", "spam:linkText:2"]);
    const fresh = await joined(0);
    expect(getPost(ask(fresh.id, "[buy now](https://x.example) [cheap](https://y.example)").id)!.status).toBe("held");
  });

  it("publish one link, 2 links within a real text, and links from older, reputable or vouched members", async () => {
    const member = await joined(3);
    expect(getPost(ask(member.id, "https://docs.example/a/very/long/path/to/the/guide").id)!.status).toBe("published");
    const prose =
      "I followed https://docs.example/install and then https://docs.example/configure but the connector still fails with a timeout after ten minutes.";
    expect(getPost(ask(member.id, prose).id)!.status).toBe("published");
    const older = await joined(8);
    const reputable = await joined(3);
    db.update(users).set({ reputation: 15 }).where(eq(users.id, reputable.id)).run();
    const expert = await joined(1, "expert");
    for (const author of [older, reputable, expert])
      expect(getPost(ask(author.id, threeLinks).id)!.status).toBe("published");
  });
});

describe("held posts", () => {
  it("are never leads' or admins', whatever they post", async () => {
    const lead = await joined(0, "lead");
    db.update(users).set({ reviewPosts: true }).where(eq(users.id, lead.id)).run();
    const twoLinks = "Cheap https://spam.example/a https://spam.example/b";
    expect([ask(lead.id, twoLinks), ask(lead.id, twoLinks)].map((p) => getPost(p.id)!.status)).toEqual([
      "published",
      "published",
    ]);
  });

  it("are only judged when the route asks (the seed and tests write freely)", async () => {
    const member = await joined(0);
    const twice = [1, 2].map(() =>
      createQuestion({ authorId: member.id, title: "Unscreened question", body: LONG, tags: ["spam-rules"] }),
    );
    expect(twice.map((p) => getPost(p.id)!.status)).toEqual(["published", "published"]);
  });

  it("tell nobody but their author, stay out of counts and lists, and notify when a lead approves them", async () => {
    const [asker, reviewed, lead] = [await established(), await joined(0), await joined(100, "lead")];
    const question = ask(asker.id, "Which connector version works with the new gateway release?");
    const before = getPost(question.id)!;
    db.update(users).set({ reviewPosts: true }).where(eq(users.id, reviewed.id)).run();
    const answer = createAnswer({
      authorId: reviewed.id,
      questionId: question.id,
      body: `Version 4.2 works, @${asker.handle}.`,
      now: new Date(now.getTime() + 60_000),
      screen: true,
    })!;
    expect(answer.status).toBe("held");
    expect(noteOf(answer.id)).toBe("spam:review");
    const after = getPost(question.id)!;
    expect([after.answerCount, after.lastActivityAt, after.firstAnswerAt]).toEqual([0, before.lastActivityAt, null]);
    expect(notificationsOf(asker.id)).toEqual([]);
    expect(notificationsOf(reviewed.id).map((x) => x.title)).toEqual([`postHeld:Version 4.2 works, @${asker.handle}.`]);
    const tagCount = () => db.select({ n: tags.postCount }).from(tags).where(eq(tags.name, "spam-rules")).get()!.n;
    const count = tagCount();
    const own = ask(reviewed.id, "My own question, which waits for a lead too.");
    expect(own.status).toBe("held");
    expect(tagCount()).toBe(count);
    expect(listQuestions({ page: 1, perPage: 100 }).items.map((q) => q.id)).not.toContain(own.id);

    decide({ postId: answer.id, moderatorId: lead.id, decision: "restore" });
    expect(getPost(question.id)!.answerCount).toBe(1);
    expect(notificationsOf(asker.id).map((x) => x.kind)).toEqual(["answer"]);
    expect(db.select({ r: users.reviewPosts }).from(users).where(eq(users.id, reviewed.id)).get()!.r).toBe(false);
    expect(ask(reviewed.id, "Another question, now that a lead approved one.").status).toBe("published");
  });
});

describe("busy sign-up addresses", () => {
  it("put accounts under review from the fourth sign-up attempt of an address within the hour", () => {
    const at = Date.now();
    const verdicts = [1, 2, 3, 4, 5].map((i) => {
      reserveAttempt(joinLimits({ ip: "192.0.2.7" }), at + i);
      return isBusySignUpAddress("192.0.2.7", at + i);
    });
    expect(verdicts).toEqual([false, false, false, true, true]);
    expect(isBusySignUpAddress("192.0.2.8", at)).toBe(false);
    expect(isBusySignUpAddress("192.0.2.7", at + 61 * 60_000)).toBe(false);
  });
});

describe("the queue's note", () => {
  it("reads a rule's note in the lead's language, and a member's note as written", () => {
    const [en, nl] = [translator("en"), translator("nl")];
    expect(flagNoteText(en, { note: "spam:duplicate:3", flaggerName: null })).toBe("Same text posted 3 times in 24 h");
    expect(flagNoteText(nl, { note: "spam:duplicate:3", flaggerName: null })).toBe(
      "Dezelfde tekst 3 keer geplaatst in 24 uur",
    );
    expect(flagNoteText(en, { note: "spam:links:4", flaggerName: "Ann" })).toBe("spam:links:4");
  });
});
