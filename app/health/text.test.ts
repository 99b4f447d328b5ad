import { describe, expect, it } from "vitest";
import { translator } from "~/utils/i18n.server";
import { causeText, pct } from "./text";

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
});
