/**
 * Query hygiene for the main pages, measured on the demo community: every query a page runs must use
 * an index for posts, votes and activities (no full scans), and the number of queries must not grow
 * with the number of items shown (no N+1).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { bumpCacheTags } from "~/utils/page-cache.server";
import { loader as home } from "~/routes/_index";
import { loader as articles } from "~/routes/articles._index";
import { loader as article } from "~/routes/articles.$slug";
import { loader as eventPage } from "~/routes/events.$id";
import { loader as eventsList } from "~/routes/events._index";
import { loader as leaderboard } from "~/routes/leaderboard";
import { loader as profile } from "~/routes/members.$handle";
import { loader as members } from "~/routes/members._index";
import { loader as questions } from "~/routes/questions._index";
import { loader as question } from "~/routes/questions.$id";
import { loader as search } from "~/routes/search";
import { loader as tag } from "~/routes/tags.$tag";
import { loader as health } from "~/routes/health";
import { listNotifications, unreadCount } from "~/models/notification.server";
import { createQuestion } from "~/models/post.server";
import { recordHealthAction } from "~/models/health.server";
import { createUserSession } from "~/utils/auth.server";
import { healthSnapshots } from "~db/schema";
import { addToOrganisation, makeOrganisation, makeUser } from "./factories";
import { DEMO_ACCOUNTS, seed } from "../scripts/seed";
import { capture, type Captured } from "./statements";

const args = (path: string, params: Record<string, string> = {}) =>
  ({
    request: new Request(`http://localhost${path}`),
    params,
    context: { clientIp: "127.0.0.1", cspNonce: "" },
  }) as unknown as LoaderFunctionArgs;

let ids: {
  question: number;
  bigQuestion: number;
  smallQuestion: number;
  slug: string;
  tag: string;
  notified: number;
  topHandle: string;
  event: number;
};

beforeAll(async () => {
  await seed();
  const one = <T>(sql: string) => db.$client.prepare(sql).pluck().get() as T;
  ids = {
    question: one<number>("select id from posts where kind = 'question' order by answer_count desc limit 1"),
    bigQuestion: one<number>("select id from posts where kind = 'question' and answer_count >= 4 limit 1"),
    smallQuestion: one<number>("select id from posts where kind = 'question' and answer_count = 1 limit 1"),
    slug: one<string>("select slug from posts where kind = 'article' limit 1"),
    tag: one<string>("select name from tags order by post_count desc limit 1"),
    notified: one<number>("select user_id from notifications group by user_id order by count(*) desc limit 1"),
    topHandle: one<string>("select handle from users order by reputation desc limit 1"),
    event: one<number>("select event_id from rsvps group by event_id order by count(*) desc limit 1"),
  };
});

const pages = () =>
  [
    ["home", () => home(args("/"))],
    ["articles", () => articles(args("/articles"))],
    ["articles by tag", () => articles(args(`/articles?tag=${ids.tag}`))],
    ["questions", () => questions(args("/questions"))],
    ["unanswered questions by tag", () => questions(args(`/questions?tag=${ids.tag}&state=unanswered`))],
    ["question", () => question(args(`/questions/${ids.question}`, { id: String(ids.question) }))],
    ["article", () => article(args(`/articles/${ids.slug}`, { slug: ids.slug }))],
    ["tag", () => tag(args(`/tags/${ids.tag}`, { tag: ids.tag }))],
    ["search", () => search(args("/search?q=pipeline"))],
    ["search: a tag only, newest first", () => search(args(`/search?q=tag:${ids.tag}`))],
    ["search: questions of a tag, by the controls", () => search(args(`/search?kind=question&tag=${ids.tag}&page=2`))],
    ["search: an author's posts", () => search(args(`/search?author=${ids.topHandle}`))],
    ["search: articles only", () => search(args("/search?q=kind:article"))],
    ["members", () => members(args("/members"))],
    ["members by expertise, active first", () => members(args(`/members?tag=${ids.tag}&sort=active`))],
    ["profile", () => profile(args(`/members/${ids.topHandle}`, { handle: ids.topHandle }))],
    ["leaderboard this month", () => leaderboard(args("/leaderboard?period=month"))],
    ["upcoming meetups", () => eventsList(args("/events"))],
    ["past meetups in a city", () => eventsList(args("/events?when=past&city=Utrecht"))],
    ["meetup", () => eventPage(args(`/events/${ids.event}`, { id: String(ids.event) }))],
    ["leaderboard of a tag", () => leaderboard(args(`/leaderboard?period=year&tag=${ids.tag}`))],
    // Signed-in only: the models behind /notifications and the header's unread count.
    ["notifications", async () => [listNotifications(ids.notified), unreadCount(ids.notified)]],
  ] as const;

/** The steps of the statements' query plans that scan a big table without an index, each with its statement. */
function unindexedScans(statements: Captured[]) {
  return statements.flatMap(({ sql, params }) => {
    const plan = db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    const scans = plan
      .map((p) => p.detail)
      .filter(
        (d) =>
          /^SCAN (posts|votes|activities|notifications|reputation_events|tag_reputation|events|rsvps|attendance)\b/.test(
            d,
          ) && !/USING (COVERING )?INDEX/.test(d),
      );
    return scans.map((scan) => `${scan}: ${sql}`);
  });
}

describe("query plans", () => {
  it("no main page scans posts, votes or activities without an index", async () => {
    for (const [name, load] of pages()) {
      const statements = await capture(load);
      expect(statements.length, name).toBeGreaterThan(0);
      expect(unindexedScans(statements), name).toEqual([]);
    }
  });
});

describe("N+1", () => {
  it("a page's query count does not depend on how many items it shows", async () => {
    const count = async (load: () => Promise<unknown>) => (await capture(load)).length;
    // A thread kept in the process cache would run no thread queries at all: count fresh loads.
    const uncached = (id: number) => {
      db.transaction((tx) => bumpCacheTags(tx, [`post:${id}`]));
      return () => question(args(`/questions/${id}`, { id: String(id) }));
    };
    const big = await count(uncached(ids.bigQuestion));
    const small = await count(uncached(ids.smallQuestion));
    expect(big).toBeGreaterThan(3);
    expect(big).toBe(small);
    expect(await count(() => questions(args("/questions")))).toBe(
      await count(() => questions(args("/questions?state=accepted"))),
    );
    for (const [name, load] of pages()) expect(await count(load), name).toBeLessThanOrEqual(12);
  });
});

describe("/health", () => {
  const WEEK = 7 * 24 * 60 * 60 * 1000;

  /** `count` more members of one organisation who asked a question a week for 12 weeks, then stopped; a lead nudged each. */
  async function fade(count: number, orgId: number, lead: { id: number; name: string }) {
    const now = Date.now();
    for (let i = 0; i < count; i++) {
      const member = await makeUser({ passwordHash: "unused", createdAt: new Date(now - 30 * WEEK) });
      addToOrganisation({ orgId, userId: member.id, relation: "employee" });
      for (let w = 16; w >= 5; w--)
        createQuestion({
          authorId: member.id,
          title: `Fading question ${i}, week ${w}: how do we load this?`,
          body: "Nobody answered this one.",
          tags: ["fading"],
          now: new Date(now - w * WEEK),
        });
      recordHealthAction({
        lead,
        userId: member.id,
        kind: "nudge",
        message: "We miss you!",
        at: new Date(now - 3 * 24 * 3_600_000),
      });
    }
  }

  it("a lead's view runs as many statements with 40 flagged and nudged members as with 5, each using its indexes", async () => {
    const lead = db.$client
      .prepare("select id, name from users where email = ?")
      .get(DEMO_ACCOUNTS.find((a) => a.role === "lead")!.email) as { id: number; name: string };
    const cookie = (await createUserSession(new Request("http://localhost/login"), lead.id)).split(";")[0];
    const view = (path: string) => () =>
      health({
        request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }),
        params: {},
        context: { clientIp: "127.0.0.1", cspNonce: "" },
      } as unknown as LoaderFunctionArgs);
    const org = makeOrganisation({ slug: "fading-co" });
    const statements: Captured[] = [];
    const count = async (path: string) => {
      const seen = await capture(view(path));
      statements.push(...seen);
      return seen.length;
    };
    const counts = async () => {
      db.delete(healthSnapshots).run();
      const first = await count("/health"); // computes the hourly snapshot
      const later = await count("/health"); // reads it
      const filtered = await count("/health?org=fading-co"); // the organisation's flagged members, described now
      const listed = ((await (await view("/health?org=fading-co")()).json()) as { report: { members: unknown[] } })
        .report.members.length;
      return { first, later, filtered, listed };
    };
    await view("/health")(); // the lead's first request of the day records their visit: not a /health statement
    await fade(5, org.id, lead);
    const few = await counts();
    await fade(35, org.id, lead);
    const many = await counts();
    console.info(`/health statements with 5 and 40 flagged members: ${JSON.stringify(few)} ${JSON.stringify(many)}`);
    expect([few.listed, many.listed]).toEqual([5, 40]);
    expect(many).toEqual({ ...few, listed: 40 });
    expect(unindexedScans(statements)).toEqual([]);
  });
});
