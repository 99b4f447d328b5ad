import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories";
import { counted } from "../../test/statements";
import { tags } from "~db/schema";
import type { FlaggedInHistory } from "~/health/history";
import { lastWeeks } from "~/health/series";
import { db } from "~/utils/db.server";
import { DAY_MS } from "~/utils/time";
import { createEvent } from "./event.server";
import { comebackComparison, suggestedActions, waitingQuestions } from "./health-act.server";
import { recordHealthAction } from "./health.server";
import { createAnswer, createQuestion } from "./post.server";
import { rsvp } from "./rsvp.server";

const now = new Date("2028-03-15T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);

describe("act and learn", () => {
  it("suggests the meetup in a member's tags and city, or a question in their tags waiting for an answer, from the data", async () => {
    const lead = await makeUser({ role: "lead" });
    const asker = await makeUser();
    const [ann, bob, cy, dee, eve] = [
      await makeUser({ location: "Utrecht, NL" }),
      await makeUser({ location: "Amsterdam" }),
      await makeUser({ location: "Rotterdam" }),
      await makeUser({ location: "Utrecht" }),
      await makeUser({ location: "utrecht" }),
    ];
    const ask = (authorId: number, title: string, tag: string, days: number) =>
      createQuestion({ authorId, title, body: "What do you think about this?", tags: [tag], now: ago(days) });
    const waiting = ask(asker.id, "How do I test a dbt macro?", "dbt", 5);
    ask(asker.id, "An old python question nobody answered", "python", 40);
    ask(cy.id, "Cy's own python question", "python", 3);
    const meetup = (title: string, city: string, tag: string, inDays: number) =>
      createEvent({
        title,
        description: "Talks and drinks.",
        startsAt: new Date(now.getTime() + inDays * DAY_MS),
        endsAt: new Date(now.getTime() + inDays * DAY_MS + 3 * 3_600_000),
        timezone: "Europe/Amsterdam",
        venue: "",
        address: "",
        city,
        onlineUrl: "",
        capacity: null,
        rsvpDeadline: null,
        tags: [tag],
        hostIds: [lead.id],
        createdBy: lead.id,
        now: ago(30),
      });
    const utrecht = meetup("dbt night Utrecht", "Utrecht", "dbt", 10);
    meetup("dbt night last week", "Utrecht", "dbt", -7);
    meetup("Python Amsterdam", "Amsterdam", "python", 12);
    expect(rsvp({ eventId: utrecht.id, userId: eve.id, status: "going", now }).ok).toBe(true);
    const tagId = new Map(
      db
        .select()
        .from(tags)
        .where(inArray(tags.name, ["dbt", "python"]))
        .all()
        .map((t) => [t.name, t.id]),
    );
    // As the report describes them (health.server.ts): where they live and their strongest tags.
    const listed = (user: { id: number; location: string }, tag: string, kind: "no_meetup" | "no_response") => ({
      userId: user.id,
      location: user.location,
      tagIds: [tagId.get(tag)!],
      causes: [{ kind }],
    });

    const { result: suggestions, statements } = counted(() =>
      suggestedActions(
        [
          listed(ann, "dbt", "no_meetup"),
          listed(bob, "dbt", "no_meetup"),
          listed(cy, "python", "no_meetup"),
          listed(dee, "dbt", "no_response"),
          listed(eve, "dbt", "no_meetup"),
        ],
        now,
      ),
    );
    // Three queries for all listed members: their RSVPs, the meetups, the waiting questions.
    expect(statements).toBe(3);
    const question = { id: waiting.id, title: "How do I test a dbt macro?" };
    expect(suggestions[ann.id]).toEqual({ kind: "invite", target: { id: utrecht.id, title: "dbt night Utrecht" } });
    expect(suggestions[bob.id]).toEqual({ kind: "answer", target: question });
    // Python: the meetup is in another city, the waiting question went cold and the recent one is their own.
    expect(suggestions[cy.id]).toEqual({ kind: "nudge" });
    expect(suggestions[dee.id]).toEqual({ kind: "recognise" });
    // Already going to the meetup: the question instead.
    expect(suggestions[eve.id]).toEqual({ kind: "answer", target: question });
    expect(suggestedActions([], now)).toEqual({});
  });

  it("offers the snapshot's waiting questions only while they still wait, re-checked in one query more at most", async () => {
    const asker = await makeUser();
    const member = await makeUser({ location: "Gent" });
    const ask = (title: string, days: number, tag = "airflow") =>
      createQuestion({
        authorId: asker.id,
        title,
        body: "What do you think about this?",
        tags: [tag],
        now: ago(days),
      });
    const older = ask("Why does my Airflow DAG not start?", 10);
    const luigi = ask("Luigi or Airflow?", 8, "luigi");
    ask("Airflow pools or queues?", 6);
    const tagRows = db
      .select()
      .from(tags)
      .where(inArray(tags.name, ["airflow", "luigi"]))
      .all();
    const tagId = tagRows.find((t) => t.name === "airflow")!.id;
    const listed = [
      {
        userId: member.id,
        location: member.location,
        tagIds: tagRows.map((t) => t.id),
        causes: [{ kind: "no_meetup" as const }],
      },
    ];

    // Found with the snapshot: every tag's longest-waiting questions, the same as a search for the member's tags.
    const waiting = waitingQuestions(now);
    expect(waiting.filter((q) => q.tagIds.includes(tagId)).map((q) => q.title)).toEqual([
      "Why does my Airflow DAG not start?",
      "Airflow pools or queues?",
    ]);
    const { result: first, statements: firstStatements } = counted(() => suggestedActions(listed, now, waiting));
    // RSVPs and meetups, then the chosen questions re-checked.
    expect(firstStatements).toBe(3);
    expect(first).toEqual(suggestedActions(listed, now));
    expect(first[member.id]).toEqual({
      kind: "answer",
      target: { id: older.id, title: "Why does my Airflow DAG not start?" },
    });

    // Gone cold since the snapshot (29 days waiting): seen without a query, the next one is offered and re-checked.
    const nineteenDaysOn = new Date(now.getTime() + 19 * DAY_MS);
    const { result: cooled, statements: cooledStatements } = counted(() =>
      suggestedActions(listed, nineteenDaysOn, waiting),
    );
    expect(cooledStatements).toBe(3);
    expect(cooled[member.id]).toEqual({ kind: "answer", target: { id: luigi.id, title: "Luigi or Airflow?" } });
    expect(cooled).toEqual(suggestedActions(listed, nineteenDaysOn));

    // Answered since the snapshot: the view re-checks all the member's candidates and offers the next one of all
    // their tags, without searching again.
    createAnswer({ authorId: asker.id, questionId: older.id, body: "Check the scheduler's logs first.", now });
    const { result: later, statements } = counted(() => suggestedActions(listed, now, waiting));
    expect(statements).toBe(4);
    expect(later[member.id]).toEqual({ kind: "answer", target: { id: luigi.id, title: "Luigi or Airflow?" } });
    expect(later).toEqual(suggestedActions(listed, now));
    // Waiting longer than 28 days by then: gone cold, not offered.
    expect(suggestedActions(listed, new Date(now.getTime() + 23 * DAY_MS), waiting)[member.id]).toEqual({
      kind: "nudge",
    });
  });

  it("compares nudged members with similar flagged members who were left alone, in two queries", async () => {
    const lead = await makeUser({ role: "lead" });
    const weeks = lastWeeks(now, 12);
    const [nudgedBack, nudgedNot, alone, aloneBack, invited] = [
      await makeUser(),
      await makeUser(),
      await makeUser(),
      await makeUser(),
      await makeUser(),
    ];
    const flagged = (userId: number, first: number, backWeek: string | null = null): FlaggedInHistory => ({
      userId,
      states: "-".repeat(first) + "c".repeat(12 - first),
      since: weeks[first],
      state: "cooling",
      backWeek,
    });
    const history = {
      weeks,
      members: [
        flagged(nudgedBack.id, 4),
        flagged(nudgedNot.id, 4),
        flagged(alone.id, 4),
        flagged(aloneBack.id, 4, weeks[5]),
        flagged(invited.id, 4),
      ],
    };
    // Nudged during the week of their first flag (the verdict's Monday plus two days).
    const nudgedAt = new Date(Date.parse(`${weeks[4]}T12:00:00Z`) + 2 * DAY_MS);
    for (const userId of [nudgedBack.id, nudgedNot.id])
      recordHealthAction({ lead, userId, kind: "nudge", message: "We miss you!", at: nudgedAt });
    recordHealthAction({ lead, userId: invited.id, kind: "invite", at: nudgedAt });
    createQuestion({
      authorId: nudgedBack.id,
      title: "Back with a question about dbt tests",
      body: "What changed while I was away?",
      tags: ["dbt"],
      now: new Date(nudgedAt.getTime() + 3 * DAY_MS),
    });

    const { result: comparison, statements } = counted(() => comebackComparison(history, now));
    expect(statements).toBe(2);
    expect(comparison.cooling).toEqual({
      nudged: { count: 2, back: 1, pending: 0 },
      notNudged: { count: 2, back: 1, pending: 0 },
    });
    expect(comparison.gone_quiet.nudged.count + comparison.gone_quiet.notNudged.count).toBe(0);
  });
});
