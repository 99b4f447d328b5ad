import { describe, expect, it } from "vitest";
import { DAY_MS } from "~/utils/time";
import { addToOrganisation, makeOrganisation, makeUser } from "../../test/factories";
import { createEvent } from "./event.server";
import { journeyFunnel } from "./health-vitals.server";
import { createIdea, setIdeaVote } from "./idea.server";
import { setFollowing } from "./follow.server";
import { checklistOf, dismissChecklist, homeChecklist, suggestedQuestions, suggestedTags } from "./onboarding.server";
import { castVote } from "./post-votes.server";
import { createAnswer, createQuestion } from "./post.server";
import { setExpertise } from "./profile.server";
import { rsvp } from "./rsvp.server";
import { getTagByName } from "./tag.server";
import { updateProfile } from "./user.server";

const stepsDone = (userId: number) =>
  checklistOf(userId)!
    .steps.filter((s) => s.done)
    .map((s) => s.step);

async function meetup() {
  const host = await makeUser({ role: "expert" });
  const startsAt = new Date(Date.now() + 5 * DAY_MS);
  return createEvent({
    title: "Newcomers' evening",
    description: "Meet the community.",
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3_600_000),
    timezone: "Europe/Amsterdam",
    venue: "Hal 3",
    address: "Kade 1",
    city: "Utrecht",
    onlineUrl: "",
    capacity: null,
    rsvpDeadline: null,
    tags: [],
    hostIds: [host.id],
    createdBy: host.id,
  });
}

describe("the newcomer's checklist", () => {
  it("a new member sees it; each step ticks after the real action; it disappears when complete", async () => {
    const other = await makeUser();
    const q = createQuestion({ authorId: other.id, title: "Help with dbt", body: "Body text here", tags: ["dbt"] });
    for (const name of ["airflow", "spark"])
      createQuestion({ authorId: other.id, title: `About ${name}`, body: "Body text here", tags: [name] });
    const event = await meetup();
    const newcomer = await makeUser({ name: "Nina Newcomer" });
    expect(checklistOf(newcomer.id)!.done).toBe(0);
    expect(homeChecklist(newcomer.id)?.total).toBe(5);

    // A headline alone is not a complete profile; expertise tags too.
    updateProfile({
      id: newcomer.id,
      name: "Nina Newcomer",
      headline: "",
      bio: "",
      location: "",
      locale: null,
      theme: "system",
    });
    setExpertise(newcomer.id, ["dbt"]);
    expect(stepsDone(newcomer.id)).toEqual([]);
    updateProfile({
      id: newcomer.id,
      name: "Nina Newcomer",
      headline: "Analytics engineer",
      bio: "",
      location: "",
      locale: null,
      theme: "system",
    });
    expect(stepsDone(newcomer.id)).toEqual(["profile"]);

    for (const name of ["dbt", "airflow"])
      setFollowing({ userId: newcomer.id, kind: "tag", targetId: getTagByName(name)!.id, value: true });
    expect(stepsDone(newcomer.id)).toEqual(["profile"]); // two of three
    setFollowing({ userId: newcomer.id, kind: "tag", targetId: getTagByName("spark")!.id, value: true });
    expect(stepsDone(newcomer.id)).toEqual(["profile", "tags"]);

    castVote({ userId: newcomer.id, postId: q.id, value: 1 });
    expect(stepsDone(newcomer.id)).toContain("vote");

    createAnswer({ authorId: newcomer.id, questionId: q.id, body: "Use incremental models here." });
    expect(stepsDone(newcomer.id)).toContain("contribute");
    expect(homeChecklist(newcomer.id)?.done).toBe(4);

    expect(rsvp({ eventId: event.id, userId: newcomer.id, status: "going" }).ok).toBe(true);
    const list = checklistOf(newcomer.id)!;
    expect(list.complete).toBe(true);
    expect(homeChecklist(newcomer.id)).toBeNull();
  });

  it("a downvote is not 'something useful'; not going is no RSVP; dismissing hides it from the home page", async () => {
    const other = await makeUser();
    const q = createQuestion({ authorId: other.id, title: "Downvoted", body: "Body text here", tags: ["misc"] });
    const event = await meetup();
    const member = await makeUser();
    castVote({ userId: member.id, postId: q.id, value: -1 });
    rsvp({ eventId: event.id, userId: member.id, status: "not_going" });
    expect(stepsDone(member.id)).toEqual([]);
    dismissChecklist(member.id);
    expect(checklistOf(member.id)!.dismissed).toBe(true);
    expect(homeChecklist(member.id)).toBeNull();
  });

  it("counts supporting an idea as voting on something useful", async () => {
    const vendor = await makeOrganisation({ kind: "vendor" });
    const author = await makeUser();
    const idea = createIdea({
      authorId: author.id,
      orgId: vendor.id,
      title: "Dark mode for reports",
      body: "Please.",
      tags: [],
    });
    const member = await makeUser();
    expect(stepsDone(member.id)).toEqual([]);
    setIdeaVote({ ideaId: idea.id, userId: member.id, value: 1 });
    expect(stepsDone(member.id)).toEqual(["vote"]);
  });

  it("is not shown on the home page to members who joined long ago", async () => {
    const old = await makeUser({ createdAt: new Date(Date.now() - 90 * DAY_MS) });
    expect(checklistOf(old.id)!.complete).toBe(false);
    expect(homeChecklist(old.id)).toBeNull();
  });
});

describe("suggestions for newcomers", () => {
  it("suggests the tags of questions from members with the same relation, and open questions in their expertise", async () => {
    const vendor = await makeOrganisation({ kind: "vendor" });
    const client = await makeOrganisation({ kind: "customer" });
    const [customer, employee, newcomer] = [await makeUser(), await makeUser(), await makeUser()];
    addToOrganisation({ orgId: client.id, userId: customer.id, relation: "customer" });
    addToOrganisation({ orgId: vendor.id, userId: employee.id, relation: "employee" });
    addToOrganisation({ orgId: client.id, userId: newcomer.id, relation: "customer" });
    createQuestion({ authorId: customer.id, title: "Licence question", body: "Body text here", tags: ["licensing"] });
    createQuestion({
      authorId: customer.id,
      title: "Billing question",
      body: "Body text here",
      tags: ["billing", "licensing"],
    });
    for (let i = 0; i < 3; i++)
      createQuestion({ authorId: employee.id, title: `Internals ${i}`, body: "Body text here", tags: ["internals"] });
    const suggested = suggestedTags(newcomer.id);
    expect(suggested.relation).toBe("customer");
    expect(suggested.tags.map((t) => t.name)).toEqual(["licensing", "billing"]);
    setFollowing({ userId: newcomer.id, kind: "tag", targetId: getTagByName("licensing")!.id, value: true });
    expect(suggestedTags(newcomer.id).tags.map((t) => t.name)).toEqual(["billing"]);
    // Without an organisation: the community's biggest tags.
    const loner = await makeUser();
    expect(suggestedTags(loner.id).tags[0].name).toBe("internals");

    setExpertise(newcomer.id, ["internals"]);
    const answered = createQuestion({
      authorId: employee.id,
      title: "Answered one",
      body: "Body text",
      tags: ["internals"],
    });
    createAnswer({ authorId: customer.id, questionId: answered.id, body: "Here is the answer." });
    const open = suggestedQuestions(newcomer.id);
    expect(open).toHaveLength(3);
    expect(open.map((q) => q.title)).not.toContain("Answered one");
    expect(open.every((q) => q.title.startsWith("Internals"))).toBe(true);
  });
});

describe("the health funnel", () => {
  it("counts the members who joined in the period and did every step of the checklist", async () => {
    const now = new Date();
    const other = await makeUser({ createdAt: new Date(now.getTime() - 400 * DAY_MS) });
    const q = createQuestion({ authorId: other.id, title: "Funnel question", body: "Body text here", tags: ["f1"] });
    for (const name of ["f2", "f3"])
      createQuestion({ authorId: other.id, title: `About ${name}`, body: "Body text here", tags: [name] });
    const event = await meetup();
    const from = new Date(now.getTime() - 28 * DAY_MS);
    const before = journeyFunnel(from, now);
    async function completeAll(createdAt: Date) {
      const member = await makeUser({ createdAt, headline: "Engineer" });
      setExpertise(member.id, ["f1"]);
      for (const name of ["f1", "f2", "f3"])
        setFollowing({ userId: member.id, kind: "tag", targetId: getTagByName(name)!.id, value: true });
      castVote({ userId: member.id, postId: q.id, value: 1 });
      createAnswer({ authorId: member.id, questionId: q.id, body: "An answer with words." });
      rsvp({ eventId: event.id, userId: member.id, status: "maybe" });
      return member;
    }
    await completeAll(new Date(now.getTime() - 5 * DAY_MS));
    await completeAll(new Date(now.getTime() - 60 * DAY_MS)); // joined before the period
    await makeUser({ createdAt: new Date(now.getTime() - 2 * DAY_MS) }); // joined, did nothing
    const after = journeyFunnel(from, now);
    expect(after.checklist - before.checklist).toBe(1);
    expect(after.joined - before.joined).toBeGreaterThanOrEqual(2);
  });
});
