import { describe, expect, it } from "vitest";
import { translator } from "~/utils/i18n.server";
import { causeText, pct, suggestionText, suggestionUrl } from "./text";

describe("report text", () => {
  it("signs a change as a whole percentage", () => {
    expect([pct(0.254), pct(-0.5), pct(0)]).toEqual(["+25", "-50", "0"]);
  });

  it("words a cause in the lead's language, with its count", () => {
    const t = translator("en");
    expect(causeText(t, { kind: "no_response", count: 3, of: 4, before: 10 })).toBe(
      "3 of their 4 recent posts got no votes, answers or replies within two weeks, against 10% of their earlier posts",
    );
    expect(causeText(t, { kind: "no_meetup", count: 2 })).toBe(
      "No meetup attended in the last 90 days, after 2 in the year before; the last one",
    );
  });

  it("words a suggestion with the meetup or question it names, and links it", () => {
    const t = translator("nl");
    const answer = { kind: "answer" as const, target: { id: 9, title: "Hoe test ik een macro?" } };
    expect(suggestionText(t, answer, "Anna de Vries")).toBe(
      "Voorstel: vraag Anna deze vraag in hun tags te beantwoorden, die nog op een antwoord wacht: Hoe test ik een macro?",
    );
    expect(suggestionUrl(answer)).toBe("/questions/9");
    expect(suggestionUrl({ kind: "invite", target: { id: 7, title: "dbt" } })).toBe("/events/7");
    expect(suggestionText(t, { kind: "nudge" }, "Anna")).toBe("Voorstel: stuur Anna een persoonlijk berichtje.");
    expect(suggestionUrl({ kind: "nudge" })).toBeNull();
  });
});
