import { describe, expect, it } from "vitest";
import {
  concentrationCandidates,
  concentrationRisk,
  coolingMembers,
  flaggedByKey,
  memberCauses,
  namedMembers,
  type RecentPost,
} from "./causes";

const post = (userId: number, id: number, fields: Partial<RecentPost> = {}): RecentPost => ({
  userId,
  id,
  kind: "question",
  slug: null,
  parentId: null,
  title: `Post ${id}`,
  score: 0,
  answers: 0,
  comments: 0,
  ...fields,
});

describe("a flagged member's causes", () => {
  it("names ignored work (linked to the latest), an unanswered question, a declining organisation and no meetup, in that order", () => {
    const causes = memberCauses(
      [1, 2],
      {
        // Newest first: an ignored answer, an answered question, an ignored article.
        recentPosts: [
          post(1, 30, { kind: "answer", parentId: 3, title: "The question" }),
          post(1, 20, { answers: 1 }),
          post(1, 10, { kind: "article", slug: "notes" }),
          post(2, 40, { score: 2 }),
        ],
        unanswered: [post(1, 5, { title: "Still open" }), post(1, 4)],
        memberships: [
          { userId: 1, orgId: 9 },
          { userId: 2, orgId: 8 },
        ],
        meetups: [{ userId: 2, n: 1 }],
      },
      new Set([9]),
    );
    expect(causes.get(1)).toEqual([
      { kind: "no_response", count: 2, url: "/questions/3#post-30", title: "The question" },
      { kind: "unanswered", url: "/questions/5", title: "Still open" },
      { kind: "org_declining" },
      { kind: "no_meetup" },
    ]);
    expect(causes.get(2)).toEqual([]);
  });

  it("needs at least half of the recent posts ignored", () => {
    const rows = { unanswered: [], memberships: [], meetups: [{ userId: 1, n: 2 }] };
    expect(
      memberCauses(
        [1],
        { ...rows, recentPosts: [post(1, 3, { comments: 1 }), post(1, 2, { score: 1 }), post(1, 1)] },
        new Set(),
      ).get(1),
    ).toEqual([]);
    expect(
      memberCauses(
        [1],
        { ...rows, recentPosts: [post(1, 2, { score: 1 }), post(1, 1, { kind: "article", slug: "a" })] },
        new Set(),
      ).get(1),
    ).toEqual([{ kind: "no_response", count: 1, url: "/articles/a", title: "Post 1" }]);
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
  });
});
