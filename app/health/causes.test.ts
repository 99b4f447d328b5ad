import { describe, expect, it } from "vitest";
import {
  concentrationCandidates,
  concentrationRisk,
  coolingMembers,
  flaggedByKey,
  memberCauses,
  namedMembers,
  type CauseRows,
  type MemberPost,
} from "./causes";

const post = (userId: number, id: number, fields: Partial<MemberPost> = {}): MemberPost => ({
  userId,
  id,
  kind: "question",
  slug: null,
  parentId: null,
  title: `Post ${id}`,
  recent: 1,
  reacted: 0,
  ...fields,
});
/** `n` posts of member 1, newest first from id `from` down, the first `ignored` of them without a reaction. */
const posts = (n: number, ignored: number, recent: number, from: number) =>
  Array.from({ length: n }, (_, i) => post(1, from - i, { recent, reacted: i < ignored ? 0 : 1 }));
const noRows = { posts: [], unanswered: [], memberships: [], meetups: [] };
const causesOf = (rows: Partial<CauseRows>) => memberCauses([1], { ...noRows, ...rows }, new Set()).get(1);

describe("a flagged member's causes", () => {
  it("names ignored work (linked to the latest), an unanswered question, a declining organisation and no meetup, in that order", () => {
    const causes = memberCauses(
      [1, 2],
      {
        // Newest first: recently an ignored answer, an answered question, an ignored article; earlier all answered.
        posts: [
          post(1, 30, { kind: "answer", parentId: 3, title: "The question" }),
          post(1, 20, { reacted: 1 }),
          post(1, 10, { kind: "article", slug: "notes" }),
          ...posts(5, 0, 0, 9),
          post(2, 40, { reacted: 1 }),
        ],
        unanswered: [
          { userId: 1, id: 5, title: "Still open" },
          { userId: 1, id: 4, title: "Older" },
        ],
        memberships: [
          { userId: 1, orgId: 9 },
          { userId: 2, orgId: 8 },
        ],
        meetups: [
          { userId: 1, recent: 0, before: 3, eventId: 77, title: "Lakehouse night" },
          { userId: 2, recent: 1, before: 4, eventId: 78, title: "Borrel" },
        ],
      },
      new Set([9]),
    );
    expect(causes.get(1)).toEqual([
      { kind: "no_response", count: 2, of: 3, before: 0, url: "/questions/3#post-30", title: "The question" },
      { kind: "unanswered", url: "/questions/5", title: "Still open" },
      { kind: "org_declining" },
      { kind: "no_meetup", count: 3, url: "/events/77", title: "Lakehouse night" },
    ]);
    expect(causes.get(2)).toEqual([]);
  });

  it("calls work ignored only when it is a change: a member whose posts never got reactions is not ignored lately", () => {
    // Earlier 10 posts, all reacted to; the 4 recent ones all ignored.
    expect(causesOf({ posts: [...posts(4, 4, 1, 20), ...posts(10, 0, 0, 10)] })).toMatchObject([
      { kind: "no_response", count: 4, of: 4, before: 0 },
    ]);
    // Never any reaction, then or now: nothing changed.
    expect(causesOf({ posts: [...posts(4, 4, 1, 20), ...posts(10, 10, 0, 10)] })).toEqual([]);
    // A few ignored before as now (1 of 4 then, 2 of 4 now): not a change worth a cause.
    expect(causesOf({ posts: [...posts(4, 2, 1, 20), ...posts(4, 1, 0, 10)] })).toEqual([]);
    // No earlier posts to compare with (a newcomer): no cause either.
    expect(causesOf({ posts: posts(6, 6, 1, 20) })).toEqual([]);
  });

  it("needs at least half of the recent posts ignored and enough posts on both sides", () => {
    // 1 of 3 recent ignored, against none earlier: most of their work still gets a reaction.
    expect(causesOf({ posts: [...posts(3, 1, 1, 20), ...posts(10, 0, 0, 10)] })).toEqual([]);
    // 2 recent posts, both ignored: too few to tell.
    expect(causesOf({ posts: [...posts(2, 2, 1, 20), ...posts(10, 0, 0, 10)] })).toEqual([]);
    // 2 of 3 recent ignored against 0 of 3 earlier: e^1.9 is not enough evidence; 3 of 3 is (e^4.2).
    expect(causesOf({ posts: [...posts(3, 2, 1, 20), ...posts(3, 0, 0, 10)] })).toEqual([]);
    expect(causesOf({ posts: [...posts(3, 3, 1, 20), ...posts(3, 0, 0, 10)] })).toMatchObject([
      { kind: "no_response", count: 3 },
    ]);
  });

  it("names no meetup in 90 days only for members who used to come: two check-ins in the year before", () => {
    const meetup = (recent: number, before: number) => ({ userId: 1, recent, before, eventId: 5, title: "Meetup" });
    // Never came (no row), came once, or still comes: no cause.
    expect(causesOf({})).toEqual([]);
    expect(causesOf({ meetups: [meetup(0, 1)] })).toEqual([]);
    expect(causesOf({ meetups: [meetup(1, 6)] })).toEqual([]);
    expect(causesOf({ meetups: [meetup(0, 2)] })).toEqual([
      { kind: "no_meetup", count: 2, url: "/events/5", title: "Meetup" },
    ]);
  });
});

describe("a declining tag's or organisation's cooling members", () => {
  it("counts its flagged members and names the three who lost most", () => {
    // Flagged members in order of what they lost; 99 is not flagged.
    const byKey = flaggedByKey(
      [5, 1, 99, 4, 2, 3].map((userId) => ({ key: 7, userId })).concat([{ key: 8, userId: 99 }]),
      [1, 2, 3, 4, 5],
    );
    expect([...byKey]).toEqual([[7, [1, 2, 3, 4, 5]]]);
    expect(namedMembers(byKey)).toEqual([1, 2, 3]);
    const people = new Map([1, 2, 3].map((id) => [id, { name: `Member ${id}`, handle: `m${id}` }]));
    expect(coolingMembers(byKey, people).get(7)).toEqual({
      count: 5,
      named: [1, 2, 3].map((id) => ({ name: `Member ${id}`, handle: `m${id}` })),
    });
  });
});

describe("concentration risk", () => {
  it("looks at tags with 10 to 2,000 contributions in the last 12 weeks", () => {
    const series = (perWeek: number) => ({ counts: [100, 100, 100, 100, ...Array<number>(12).fill(perWeek)] });
    expect(
      concentrationCandidates(
        new Map([
          [1, series(0.5)],
          [2, series(1)],
          [3, series(200)],
        ]),
      ),
    ).toEqual([2]);
  });

  it("keeps tags resting on one or two members, those on flagged members first, then the biggest", () => {
    const rows = [
      { tagId: 1, userId: 10, contributions: 8 },
      { tagId: 1, userId: 11, contributions: 4 },
      { tagId: 2, userId: 12, contributions: 20 },
      { tagId: 3, userId: 13, contributions: 3 },
      ...[14, 15, 16, 17].map((userId) => ({ tagId: 4, userId, contributions: 5 })),
    ];
    const risk = concentrationRisk(
      rows,
      new Map([
        [1, "dbt"],
        [2, "sql"],
        [3, "tiny"],
        [4, "shared"],
      ]),
      new Set([10]),
    );
    expect(risk).toEqual([
      { tagId: 1, name: "dbt", factor: 1, carriers: [10], total: 12, carriersCooling: true },
      { tagId: 2, name: "sql", factor: 1, carriers: [12], total: 20, carriersCooling: false },
      { tagId: 4, name: "shared", factor: 2, carriers: [14, 15], total: 20, carriersCooling: false },
    ]);
    // The model reads only each tag's top two members and its total: the same tags come out.
    const top = [...new Set(rows.map((r) => r.tagId))].flatMap((tagId) => {
      const own = rows.filter((r) => r.tagId === tagId);
      const total = own.reduce((n, r) => n + r.contributions, 0);
      return own.slice(0, 2).map((r) => ({ ...r, total }));
    });
    const spread = [7, 8, 9, 10].map((userId) => ({ tagId: 5, userId, contributions: 6, total: 24 + 6 }));
    expect(concentrationRisk([...top, ...spread.slice(0, 2)], new Map(), new Set([10]))).toEqual(
      risk.map((r) => ({ ...r, name: "" })),
    );
  });
});
