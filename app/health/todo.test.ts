import { describe, expect, it } from "vitest";
import { suggestedAction } from "./todo";

describe("the suggested action for a flagged member", () => {
  it("recognises ignored work, invites those who miss meetups when one is coming, nudges otherwise", () => {
    expect(suggestedAction([{ kind: "no_response" }, { kind: "no_meetup" }], { upcomingMeetup: true })).toBe(
      "recognise",
    );
    expect(suggestedAction([{ kind: "unanswered" }, { kind: "no_meetup" }], { upcomingMeetup: true })).toBe("invite");
    expect(suggestedAction([{ kind: "no_meetup" }], { upcomingMeetup: false })).toBe("nudge");
    expect(suggestedAction([], { upcomingMeetup: true })).toBe("nudge");
  });
});
