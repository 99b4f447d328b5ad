import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { posts } from "~db/schema";
import { db } from "~/utils/db.server";
import { makeUser } from "../../test/factories";
import { createEvent } from "./event.server";
import {
  countLinks,
  editRefusal,
  linkRefusal,
  NEW_MEMBER_LINKS_PER_POST,
  NEW_MEMBER_MIN_INTERVAL_MS,
  NEW_MEMBER_PERIOD_MS,
  NEW_MEMBER_POSTS_FIRST_DAY,
  NEW_MEMBER_POSTS_PER_HOUR,
  NEW_MEMBER_REPUTATION,
  postingRefusal,
  POSTS_PER_WINDOW,
  POSTS_WINDOW_MS,
  tierOf,
  withPostingLimits,
  type Poster,
} from "./post-limits.server";
import { createComment, createQuestion } from "./post.server";

const now = 1_800_000_000_000;
const MIN = 60_000;
const HOUR = 60 * MIN;
const newcomer: Poster = { id: 1, role: "member", reputation: 0, createdAt: new Date(now - 2 * HOUR) };
const regular: Poster = { ...newcomer, createdAt: new Date(now - 30 * 24 * HOUR) };
/** `n` writes, `gap` ms apart, the newest `newest` ms ago; newest first. */
const writes = (n: number, gap: number, newest = gap) => Array.from({ length: n }, (_, i) => now - newest - i * gap);

describe("who is new", () => {
  it("a member in their first day without reputation; not after a day, with reputation, as expert or lead", () => {
    expect(tierOf(newcomer, now)).toBe("new");
    expect(tierOf({ ...newcomer, createdAt: new Date(now - NEW_MEMBER_PERIOD_MS) }, now)).toBe("established");
    expect(tierOf({ ...newcomer, reputation: NEW_MEMBER_REPUTATION }, now)).toBe("established");
    expect(tierOf({ ...newcomer, role: "expert" }, now)).toBe("established");
    expect(tierOf({ ...newcomer, role: "lead" }, now)).toBe("exempt");
    expect(tierOf({ ...regular, role: "admin" }, now)).toBe("exempt");
  });
});

describe("rate limits", () => {
  it("a new member waits a minute between posts, told the seconds left", () => {
    expect(postingRefusal(newcomer, [], now)).toBeNull();
    const refusal = postingRefusal(newcomer, [now - 15_000], now);
    expect(refusal).toMatchObject({
      error: "error.postLimit.interval",
      status: 429,
      retryAfter: 45,
      vars: { limit: 60, wait: 45 },
    });
    expect(postingRefusal(newcomer, [now - NEW_MEMBER_MIN_INTERVAL_MS], now)).toBeNull();
  });

  it("a new member posts 3 times an hour; the wait is until the oldest of them is an hour old", () => {
    expect(postingRefusal(newcomer, writes(NEW_MEMBER_POSTS_PER_HOUR - 1, 10 * MIN), now)).toBeNull();
    const refusal = postingRefusal(newcomer, writes(NEW_MEMBER_POSTS_PER_HOUR, 10 * MIN), now);
    expect(refusal).toMatchObject({ error: "error.postLimit.hour", retryAfter: 30 * 60, vars: { limit: 3, wait: 30 } });
  });

  it("a new member posts 10 times in their first day, told when the day ends", () => {
    const joined: Poster = { ...newcomer, createdAt: new Date(now - 20 * HOUR) };
    expect(postingRefusal(joined, writes(NEW_MEMBER_POSTS_FIRST_DAY - 1, 2 * HOUR), now)).toBeNull();
    const refusal = postingRefusal(joined, writes(NEW_MEMBER_POSTS_FIRST_DAY, 100 * MIN), now);
    expect(refusal).toMatchObject({
      error: "error.postLimit.firstDay",
      retryAfter: 4 * 3600,
      vars: { limit: 10, wait: 4, reputation: 15 },
    });
  });

  it("when several limits apply, the message names the one that lifts last", () => {
    const refusal = postingRefusal(newcomer, writes(NEW_MEMBER_POSTS_PER_HOUR, 5_000), now);
    expect(refusal?.error).toBe("error.postLimit.hour");
  });

  it("everyone else posts 30 times in 10 minutes, and is not held by the new-member limits", () => {
    expect(postingRefusal(regular, writes(POSTS_PER_WINDOW - 1, 1_000), now)).toBeNull();
    const refusal = postingRefusal(regular, writes(POSTS_PER_WINDOW, 1_000), now);
    expect(refusal).toMatchObject({
      error: "error.postLimit.general",
      retryAfter: 9 * 60 + 30,
      vars: { limit: 30, minutes: 10, wait: 10 },
    });
    expect(
      postingRefusal(regular, writes(POSTS_PER_WINDOW, POSTS_WINDOW_MS / POSTS_PER_WINDOW + 1_000), now),
    ).toBeNull();
    expect(postingRefusal({ ...regular, role: "lead" }, writes(100, 100), now)).toBeNull();
  });
});

describe("links", () => {
  it("counts the links a reader sees: addresses, autolinks, mail and images; not site links or plain text", () => {
    expect(countLinks("See [docs](https://a.example/x), www.b.example and <mailto:c@d.example>.")).toBe(3);
    expect(countLinks("![logo](https://img.example/l.png) and [a question](/questions/3)")).toBe(1);
    expect(countLinks("example.com is not a link, and `https://in.code/` neither")).toBe(0);
  });

  it("a new member's post takes 2 links; more is a 400 saying when the limit lifts", () => {
    const two = "https://one.example and https://two.example";
    expect(linkRefusal(newcomer, two, now)).toBeNull();
    const refusal = linkRefusal(newcomer, `${two} https://three.example`, now);
    expect(refusal).toEqual({
      error: "error.postLimit.links",
      status: 400,
      vars: { limit: NEW_MEMBER_LINKS_PER_POST, count: 3, wait: 22, reputation: 15 },
    });
    expect(linkRefusal(regular, "https://a.example https://b.example https://c.example", now)).toBeNull();
  });
});

describe("withPostingLimits", () => {
  const body = "A body that is long enough to be a real post.";

  it("counts the member's own posts and meetups in the database, and writes nothing when refused", async () => {
    const member = await makeUser({ createdAt: new Date(Date.now() - 2 * 24 * HOUR) });
    const other = await makeUser();
    const question = createQuestion({ authorId: other.id, title: "A question to comment on", body, tags: ["limits"] });
    // Others' posts do not count; the member's own do, whether written through the limits or not.
    for (let i = 0; i < 40; i++) createComment({ authorId: other.id, postId: question.id, body });
    for (let i = 0; i < POSTS_PER_WINDOW - 2; i++) createComment({ authorId: member.id, postId: question.id, body });
    const start = new Date(Date.now() + 24 * HOUR);
    createEvent({
      title: "A meetup",
      description: "Come along.",
      startsAt: start,
      endsAt: new Date(start.getTime() + HOUR),
      timezone: "Europe/Amsterdam",
      venue: "Hall",
      address: "Street 1",
      city: "Utrecht",
      onlineUrl: "",
      capacity: null,
      rsvpDeadline: null,
      orgId: null,
      tags: [],
      hostIds: [member.id],
      createdBy: member.id,
    });
    const last = withPostingLimits({ userId: member.id, text: body }, (guard) =>
      createComment({ authorId: member.id, postId: question.id, body, guard }),
    );
    expect(last.ok).toBe(true);
    const refused = withPostingLimits({ userId: member.id, text: body }, (guard) =>
      createComment({ authorId: member.id, postId: question.id, body, guard }),
    );
    expect(refused).toMatchObject({ ok: false, refusal: { error: "error.postLimit.general", status: 429 } });
    const mine = db
      .select({ n: sql<number>`count(*)` })
      .from(posts)
      .where(and(eq(posts.authorId, member.id)))
      .get()!.n;
    expect(mine).toBe(POSTS_PER_WINDOW - 1);
  });

  it("counts in the transaction that inserts: a post written meanwhile (another process) is seen", async () => {
    const member = await makeUser({ createdAt: new Date(Date.now() - 2 * 24 * HOUR) });
    const question = createQuestion({
      authorId: member.id,
      title: "A question to answer often",
      body,
      tags: ["limits"],
    });
    for (let i = 0; i < POSTS_PER_WINDOW - 2; i++) createComment({ authorId: member.id, postId: question.id, body });
    // One place is left when withPostingLimits starts; another request takes it before this one inserts.
    const result = withPostingLimits({ userId: member.id, text: body }, (guard) => {
      createComment({ authorId: member.id, postId: question.id, body });
      return createComment({ authorId: member.id, postId: question.id, body, guard });
    });
    expect(result.ok).toBe(false);
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(posts)
        .where(eq(posts.authorId, member.id))
        .get()!.n,
    ).toBe(POSTS_PER_WINDOW);
  });

  it("a lead is not counted at all", async () => {
    const lead = await makeUser({ role: "lead" });
    for (let i = 0; i < POSTS_PER_WINDOW + 5; i++) {
      expect(
        withPostingLimits({ userId: lead.id, text: body }, (guard) =>
          createQuestion({ authorId: lead.id, title: `Lead question ${i}`, body, tags: ["limits"], guard }),
        ).ok,
      ).toBe(true);
    }
  });

  it("a write that does not run the guard is an error, not a post without limits", async () => {
    const member = await makeUser();
    expect(() =>
      withPostingLimits({ userId: member.id, text: body }, () =>
        createQuestion({ authorId: member.id, title: "Posted without its guard", body, tags: ["limits"] }),
      ),
    ).toThrow(/guard/);
  });

  it("an edit is held to the link cap of a new member only", async () => {
    const fresh = await makeUser();
    const links = "https://a.example https://b.example https://c.example";
    expect(editRefusal({ userId: fresh.id, text: links })?.error).toBe("error.postLimit.links");
    const expert = await makeUser({ role: "expert" });
    expect(editRefusal({ userId: expert.id, text: links })).toBeNull();
  });
});
