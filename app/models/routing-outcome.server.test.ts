/**
 * Routing's outcome on /health and in the leads' digest (docs/routing.md, "Outcome"), on a hand-built week:
 * each number is worked out by hand below.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { sendHealthDigest } from "~/jobs/health-digest.server";
import { outboxDir } from "~/utils/mail.server";
import { makeUser } from "../../test/factories";
import { acceptAnswer } from "./post-votes.server";
import { createAnswer, createQuestion } from "./post.server";
import { overdueRoutedQuestions, routingOutcome } from "./routing-outcome.server";
import { routeQuestion } from "./routing.server";

const HOUR = 3_600_000;
const now = new Date("2027-03-10T12:00:00Z");
const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
const member = (role: "member" | "lead" = "member") => makeUser({ passwordHash: "not-used", role });

describe("routing outcome", () => {
  it("counts answered within target, medians routed vs not, experts asked vs answered, overload, and overdue questions", async () => {
    const asker = await member();
    const [fast, slow, silent] = [await member(), await member(), await member()];
    // Standing in the tag, a day's activity each: one accepted answer apiece, before the period.
    for (const expert of [fast, slow, silent]) {
      const q = createQuestion({
        authorId: asker.id,
        title: "Old one",
        body: "From before the period",
        tags: ["tls"],
        now: at(24 * 40),
      });
      const a = createAnswer({ authorId: expert.id, questionId: q.id, body: "Old answer", now: at(24 * 40 - 1) })!;
      acceptAnswer({ questionId: q.id, answerId: a.id, askerId: asker.id, now: at(24 * 40 - 1) });
    }
    const routed = (hoursAgo: number, title: string) => {
      const q = createQuestion({
        authorId: asker.id,
        title,
        body: "Certificate question",
        tags: ["tls"],
        now: at(hoursAgo),
      });
      expect(
        routeQuestion(q.id, 1, at(hoursAgo))
          .map((e) => e.userId)
          .sort(),
      ).toEqual([fast.id, slow.id, silent.id].sort());
      return q;
    };
    // Q1 answered after 2 h (within 24 h), Q2 after 30 h (missed), Q3 unanswered for 60 h (missed, and past
    // twice the target: overdue), Q4 unanswered for 5 h (target not passed: not counted either way).
    const q1 = routed(100, "Q1 renew");
    createAnswer({ authorId: fast.id, questionId: q1.id, body: "Use certbot.", now: at(98) });
    const q2 = routed(90, "Q2 chain");
    createAnswer({ authorId: slow.id, questionId: q2.id, body: "Add the intermediate.", now: at(60) });
    const q3 = routed(60, "Q3 pinning");
    routed(5, "Q4 ciphers");
    // Not routed (its tag has no experts): answered after 10 h and after 20 h.
    for (const hours of [10, 20]) {
      const q = createQuestion({
        authorId: fast.id,
        title: `Other ${hours}`,
        body: "Not routed",
        tags: ["misc"],
        now: at(200),
      });
      // The job ran and found nobody to ask: the question counts as not routed.
      expect(routeQuestion(q.id, 1, at(200))).toEqual([]);
      createAnswer({ authorId: slow.id, questionId: q.id, body: "Answer", now: at(200 - hours) });
    }

    const outcome = routingOutcome(now, 4);
    expect(outcome.routed).toBe(4);
    expect(outcome.decided).toBe(3);
    expect(outcome.within).toBe(1);
    expect(outcome.medianHours.routed).toBeCloseTo((2 + 30) / 2);
    expect(outcome.medianHours.unrouted).toBeCloseTo(15);
    expect(outcome.expertsAsked).toBe(3);
    expect(outcome.expertsAnswered).toBe(2);
    // Asked four times each: fast and slow answered one each (under a third), silent none.
    expect(outcome.overloaded.map((e) => e.handle).sort()).toEqual([fast.handle, slow.handle, silent.handle].sort());
    expect(outcome.overloaded.find((e) => e.handle === silent.handle)).toMatchObject({ asked: 4, answered: 0 });
    expect(overdueRoutedQuestions(now).map((q) => q.id)).toEqual([q3.id]);

    // The lead's weekly digest lists the overdue question.
    const lead = await member("lead");
    await sendHealthDigest(
      { userId: lead.id, at: now.getTime() },
      { id: 1, key: `health-digest-email:test:${lead.id}` },
    );
    const mail = fs
      .readFileSync(`${outboxDir()}/health-digest-email-test-${lead.id}.eml`, "utf8")
      .replace(/=\r\n/g, "");
    expect(mail).toContain("Q3 pinning");
    expect(mail).not.toContain("Q4 ciphers");
  });
});
