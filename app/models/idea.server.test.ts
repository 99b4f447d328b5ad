import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ideas, memberWeeks, notifications, reputationEvents, tags, userBadges, users } from "~db/schema";
import { db } from "~/utils/db.server";
import { canSetIdeaStatus } from "~/utils/permissions";
import { makeOrganisation, makeUser } from "../../test/factories";
import { awardBadges } from "./badge.server";
import { follow, followersOf, setAutoFollow } from "./follow.server";
import {
  createIdea,
  getIdea,
  listIdeas,
  mergeIdea,
  roadmap,
  setIdeaStatus,
  setIdeaVote,
  supportedIdeas,
} from "./idea.server";
import { assignMember } from "./organisation.server";
import { editPost, setPostDeleted } from "./post.server";
import { parseSearchQuery, searchPosts } from "./search.server";

const DAY = 24 * 3600_000;
let n = 0;

async function anIdea(input: { orgId?: number; tags?: string[]; title?: string; now?: Date } = {}) {
  const author = await makeUser();
  const orgId = input.orgId ?? (await makeOrganisation({ kind: "vendor" })).id;
  const idea = createIdea({
    authorId: author.id,
    orgId,
    title: input.title ?? `Export dashboards as PDF files ${++n}`,
    body: "We send the monthly figures to our board and need them on paper.",
    tags: input.tags ?? ["reporting"],
    now: input.now,
  });
  return { author, orgId, idea };
}

const votesOf = (id: number) => db.select().from(ideas).where(eq(ideas.postId, id)).get()!.votes;
const reputationOf = (id: number) => db.select({ r: users.reputation }).from(users).where(eq(users.id, id)).get()!.r;
const creditRows = (id: number) =>
  db
    .select()
    .from(reputationEvents)
    .where(and(eq(reputationEvents.userId, id), eq(reputationEvents.reason, "idea_planned")))
    .all();
const notificationsOf = (userId: number, kind: "idea_status" | "idea_merged") =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)))
    .all();

describe("ideas", () => {
  it("are posts of kind idea with an organisation and status new, counted as a contribution of weight 1", async () => {
    const { author, orgId, idea } = await anIdea();
    expect(idea.kind).toBe("idea");
    const shown = getIdea(idea.id)!;
    expect(shown.org.id).toBe(orgId);
    expect(shown.ideaStatus).toBe("new");
    expect(shown.votes).toBe(0);
    const week = db.select().from(memberWeeks).where(eq(memberWeeks.userId, author.id)).get()!;
    expect(week.weighted).toBe(1);
    expect(week.contributions).toBe(1);
  });

  it("are found with kind:idea in search, and kind:question does not find them", async () => {
    await anIdea({ title: "Single sign-on with Zitadel please" });
    const found = searchPosts(parseSearchQuery("zitadel kind:idea"), { page: 1, perPage: 10 }).results;
    expect(found.map((r) => r.kind)).toEqual(["idea"]);
    expect(found[0].url).toMatch(/^\/ideas\/\d+$/);
    expect(searchPosts(parseSearchQuery("zitadel kind:question"), { page: 1, perPage: 10 }).results).toEqual([]);
    expect(searchPosts(parseSearchQuery("kind:idea"), { page: 1, perPage: 50 }).results.length).toBeGreaterThan(0);
  });

  it("list by votes, trending (support in the last 30 days) and newest, filtered by organisation, tag and status", async () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const org = await makeOrganisation({ kind: "vendor", slug: "list-vendor" });
    const old = (await anIdea({ orgId: org.id, tags: ["alpha"], now: new Date(now.getTime() - 90 * DAY) })).idea;
    const fresh = (await anIdea({ orgId: org.id, tags: ["beta"], now: new Date(now.getTime() - DAY) })).idea;
    for (let i = 0; i < 3; i++)
      setIdeaVote({ ideaId: old.id, userId: (await makeUser()).id, value: 1, now: new Date(now.getTime() - 60 * DAY) });
    for (let i = 0; i < 2; i++) setIdeaVote({ ideaId: fresh.id, userId: (await makeUser()).id, value: 1, now });
    const ids = (sort: "votes" | "trending" | "newest", extra = {}) =>
      listIdeas({ sort, orgSlug: "list-vendor", page: 1, perPage: 10, now, ...extra }).items.map((i) => i.id);
    expect(ids("votes")).toEqual([old.id, fresh.id]);
    expect(ids("trending")).toEqual([fresh.id, old.id]);
    expect(ids("newest")).toEqual([fresh.id, old.id]);
    expect(ids("votes", { tag: "alpha" })).toEqual([old.id]);
    expect(ids("votes", { status: "planned" })).toEqual([]);
    expect(listIdeas({ sort: "votes", orgSlug: "nobody", page: 1, perPage: 10 }).items).toEqual([]);
    const page1 = listIdeas({ sort: "votes", orgSlug: "list-vendor", page: 1, perPage: 1 });
    expect(page1.hasMore).toBe(true);
  });
});

describe("editing and deleting ideas", () => {
  it("an edit changes the title and tags; a deleted idea leaves its tags' counts", async () => {
    const { author, idea } = await anIdea({ tags: ["count-me"] });
    const count = (name: string) =>
      db.select({ n: tags.postCount }).from(tags).where(eq(tags.name, name)).get()?.n ?? 0;
    expect(count("count-me")).toBe(1);
    editPost({
      postId: idea.id,
      editorId: author.id,
      title: "A better title for this idea",
      body: idea.body,
      tags: ["renamed-tag"],
    });
    expect(getIdea(idea.id)!.title).toBe("A better title for this idea");
    expect([count("count-me"), count("renamed-tag")]).toEqual([0, 1]);
    setPostDeleted({ postId: idea.id, deleted: true, actorId: author.id });
    expect(count("renamed-tag")).toBe(0);
  });
});

describe("support for ideas", () => {
  it("one vote per member, undo, not on one's own idea, shown on the voter's profile", async () => {
    const { author, idea } = await anIdea();
    const voter = await makeUser();
    expect(setIdeaVote({ ideaId: idea.id, userId: voter.id, value: 1 })).toBe("ok");
    expect(setIdeaVote({ ideaId: idea.id, userId: voter.id, value: 1 })).toBe("unchanged");
    expect(votesOf(idea.id)).toBe(1);
    expect(supportedIdeas(voter.id).map((i) => i.id)).toEqual([idea.id]);
    expect(setIdeaVote({ ideaId: idea.id, userId: author.id, value: 1 })).toBe("own");
    expect(votesOf(idea.id)).toBe(1);
    expect(setIdeaVote({ ideaId: idea.id, userId: voter.id, value: 0 })).toBe("ok");
    expect(votesOf(idea.id)).toBe(0);
    expect(supportedIdeas(voter.id)).toEqual([]);
    // Not reputation votes: nobody earned or lost points.
    expect(reputationOf(author.id)).toBe(0);
  });
});

describe("status and official response", () => {
  it("only employees of the addressed organisation and leads may set it", async () => {
    const vendor = await makeOrganisation({ kind: "vendor" });
    const other = await makeOrganisation({ kind: "vendor" });
    const employee = { id: 1, role: "member" as const };
    expect(canSetIdeaStatus(employee, { orgId: vendor.id }, { orgId: vendor.id, relation: "employee" })).toBe(true);
    expect(canSetIdeaStatus(employee, { orgId: vendor.id }, { orgId: vendor.id, relation: "customer" })).toBe(false);
    expect(canSetIdeaStatus(employee, { orgId: vendor.id }, { orgId: other.id, relation: "employee" })).toBe(false);
    expect(canSetIdeaStatus(employee, { orgId: vendor.id }, null)).toBe(false);
    expect(canSetIdeaStatus({ id: 2, role: "lead" }, { orgId: vendor.id }, null)).toBe(true);
    expect(canSetIdeaStatus(null, { orgId: vendor.id }, null)).toBe(false);
  });

  it("a change notifies the author and every voter once; the same status again notifies nobody", async () => {
    const { author, orgId, idea } = await anIdea();
    const voters = [await makeUser(), await makeUser()];
    for (const v of voters) setIdeaVote({ ideaId: idea.id, userId: v.id, value: 1 });
    const employee = await makeUser({ name: "Vera Vendor" });
    assignMember({ actorId: null, orgId, userId: employee.id, relation: "employee" });
    const response = "We will build this in **Q3**.<script>alert(1)</script>";
    expect(setIdeaStatus({ ideaId: idea.id, actorId: employee.id, status: "planned", response })).toBe("ok");
    expect(setIdeaStatus({ ideaId: idea.id, actorId: employee.id, status: "planned", response })).toBe("unchanged");
    for (const member of [author, ...voters]) {
      const told = notificationsOf(member.id, "idea_status");
      expect(told).toHaveLength(1);
      expect(told[0].title).toBe(`planned:${idea.title}`);
    }
    expect(notificationsOf(employee.id, "idea_status")).toHaveLength(0);
    const shown = getIdea(idea.id)!;
    expect(shown.ideaStatus).toBe("planned");
    expect(shown.response!.html).toContain("<strong>Q3</strong>");
    expect(shown.response!.html).not.toContain("<script");
    expect(shown.response!.role).toBe("employee");
    expect(shown.response!.responder!.name).toBe("Vera Vendor");
    expect(
      roadmap(orgId)
        .find((c) => c.status === "planned")!
        .items.map((i) => i.id),
    ).toEqual([idea.id]);
    // Another change tells them again.
    setIdeaStatus({
      ideaId: idea.id,
      actorId: employee.id,
      status: "in_progress",
      response,
      now: new Date(Date.now() + 1000),
    });
    expect(notificationsOf(author.id, "idea_status")).toHaveLength(2);
  });
});

describe("following ideas", () => {
  it("proposing or supporting follows the idea (unless auto-follow is off), and a status change tells its followers once", async () => {
    const { author, orgId, idea } = await anIdea();
    const supporter = await makeUser();
    const optedOut = await makeUser();
    const watcher = await makeUser();
    setAutoFollow(optedOut.id, false);
    for (const v of [supporter, optedOut]) setIdeaVote({ ideaId: idea.id, userId: v.id, value: 1 });
    db.transaction((tx) => follow(tx, { userId: watcher.id, kind: "idea", targetId: idea.id }));
    expect(db.transaction((tx) => followersOf(tx, "idea", idea.id)).sort()).toEqual(
      [author.id, supporter.id, watcher.id].sort(),
    );
    const employee = await makeUser();
    assignMember({ actorId: null, orgId, userId: employee.id, relation: "employee" });
    setIdeaStatus({ ideaId: idea.id, actorId: employee.id, status: "under_review", response: "Looking into it." });
    for (const member of [author, supporter, optedOut, watcher])
      expect(notificationsOf(member.id, "idea_status"), `member ${member.id}`).toHaveLength(1);
  });

  it("a new idea in a followed tag reaches the tag's followers in the app", async () => {
    const follower = await makeUser();
    const tagged = await anIdea({ tags: ["followed-tag"] });
    const tagId = db.$client.prepare("select id from tags where name = 'followed-tag'").pluck().get() as number;
    db.transaction((tx) => follow(tx, { userId: follower.id, kind: "tag", targetId: tagId }));
    const { idea } = await anIdea({ tags: ["followed-tag"], orgId: tagged.orgId });
    const told = db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, follower.id), eq(notifications.kind, "following")))
      .all();
    expect(told.map((t) => t.url)).toEqual([`/ideas/${idea.id}`]);
  });
});

describe("credit for planned ideas", () => {
  it("+10 once when planned, kept through in progress and done, reversed when it goes back, never twice", async () => {
    const { author, idea } = await anIdea();
    const lead = await makeUser({ role: "lead" });
    let at = Date.now();
    const set = (status: "new" | "planned" | "in_progress" | "done" | "declined" | "under_review") =>
      setIdeaStatus({ ideaId: idea.id, actorId: lead.id, status, response: "", now: new Date((at += 1000)) });
    set("planned");
    expect(reputationOf(author.id)).toBe(10);
    set("in_progress");
    set("done");
    expect(reputationOf(author.id)).toBe(10);
    set("declined");
    expect(reputationOf(author.id)).toBe(0);
    set("under_review");
    expect(reputationOf(author.id)).toBe(0);
    set("planned");
    set("planned");
    expect(reputationOf(author.id)).toBe(10);
    expect(creditRows(author.id).map((r) => r.points)).toEqual([10, -10, 10]);
  });

  it("a planned idea earns its author the Co-creator badge", async () => {
    const { author, idea } = await anIdea();
    const lead = await makeUser({ role: "lead" });
    awardBadges();
    const has = () =>
      !!db
        .select()
        .from(userBadges)
        .where(and(eq(userBadges.userId, author.id), eq(userBadges.badge, "co_creator")))
        .get();
    expect(has()).toBe(false);
    setIdeaStatus({ ideaId: idea.id, actorId: lead.id, status: "planned", response: "" });
    awardBadges();
    expect(has()).toBe(true);
  });
});

describe("merging duplicates", () => {
  it("moves votes without counting a member twice, redirects, and tells the duplicate's author and voters", async () => {
    const { orgId, idea: target, author: targetAuthor } = await anIdea();
    const { author: dupAuthor, idea: duplicate } = await anIdea({ orgId });
    const both = await makeUser();
    const onlyDuplicate = await makeUser();
    const onlyTarget = await makeUser();
    setIdeaVote({ ideaId: target.id, userId: both.id, value: 1 });
    setIdeaVote({ ideaId: target.id, userId: onlyTarget.id, value: 1 });
    setIdeaVote({ ideaId: duplicate.id, userId: both.id, value: 1 });
    setIdeaVote({ ideaId: duplicate.id, userId: onlyDuplicate.id, value: 1 });
    // The target's author supported the duplicate: their own idea does not count their vote.
    setIdeaVote({ ideaId: duplicate.id, userId: targetAuthor.id, value: 1 });
    const lead = await makeUser({ role: "lead" });
    expect(mergeIdea({ sourceId: duplicate.id, targetId: duplicate.id, actorId: lead.id })).toBe("invalid");
    expect(mergeIdea({ sourceId: duplicate.id, targetId: target.id, actorId: lead.id })).toBe("ok");
    expect(votesOf(target.id)).toBe(3);
    expect(votesOf(duplicate.id)).toBe(0);
    expect(getIdea(duplicate.id)!.mergedIntoId).toBe(target.id);
    for (const member of [dupAuthor, both, onlyDuplicate])
      expect(notificationsOf(member.id, "idea_merged")).toHaveLength(1);
    expect(notificationsOf(onlyTarget.id, "idea_merged")).toHaveLength(0);
    expect(listIdeas({ sort: "votes", page: 1, perPage: 100 }).items.map((i) => i.id)).not.toContain(duplicate.id);
    // A merged idea merges no further and takes no votes.
    expect(mergeIdea({ sourceId: duplicate.id, targetId: target.id, actorId: lead.id })).toBe("invalid");
    expect(setIdeaVote({ ideaId: duplicate.id, userId: (await makeUser()).id, value: 1 })).toBe("invalid");
  });

  it("moves the duplicate's followers and takes back its credit; a duplicate taken down cannot be merged", async () => {
    const { orgId, idea: target } = await anIdea();
    const { author: dupAuthor, idea: duplicate } = await anIdea({ orgId });
    const watcher = await makeUser();
    db.transaction((tx) => follow(tx, { userId: watcher.id, kind: "idea", targetId: duplicate.id }));
    const employee = await makeUser();
    assignMember({ actorId: null, orgId, userId: employee.id, relation: "employee" });
    setIdeaStatus({ ideaId: duplicate.id, actorId: employee.id, status: "planned", response: "" });
    expect(reputationOf(dupAuthor.id)).toBe(10);
    const lead = await makeUser({ role: "lead" });
    expect(mergeIdea({ sourceId: duplicate.id, targetId: target.id, actorId: lead.id })).toBe("ok");
    expect(reputationOf(dupAuthor.id)).toBe(0);
    const followers = db.transaction((tx) => followersOf(tx, "idea", target.id));
    expect(followers).toEqual(expect.arrayContaining([watcher.id, dupAuthor.id]));
    expect(db.transaction((tx) => followersOf(tx, "idea", duplicate.id))).toEqual([]);

    const { idea: hidden } = await anIdea({ orgId });
    setPostDeleted({ postId: hidden.id, deleted: true, actorId: lead.id });
    expect(mergeIdea({ sourceId: hidden.id, targetId: target.id, actorId: lead.id })).toBe("invalid");
  });
});
