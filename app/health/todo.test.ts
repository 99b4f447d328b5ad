import { describe, expect, it } from "vitest";
import { suggestedAction, todoTargets } from "./todo";

const meetup = { id: 7, title: "dbt night" };
const question = { id: 9, title: "How do I test a macro?" };

describe("the suggested action for a flagged member", () => {
  it("recognises ignored work, invites to a fitting meetup, asks to answer a waiting question, nudges otherwise", () => {
    expect(suggestedAction([{ kind: "no_response" }, { kind: "no_meetup" }], { meetup, question })).toEqual({
      kind: "recognise",
    });
    // Missing meetups: the fitting meetup first; otherwise the waiting question first.
    expect(suggestedAction([{ kind: "no_meetup" }], { meetup, question })).toEqual({ kind: "invite", target: meetup });
    expect(suggestedAction([{ kind: "unanswered" }], { meetup, question })).toEqual({
      kind: "answer",
      target: question,
    });
    expect(suggestedAction([], { meetup, question: null })).toEqual({ kind: "invite", target: meetup });
    // Nothing that fits them: a nudge, whatever the causes.
    expect(suggestedAction([{ kind: "no_meetup" }], { meetup: null, question: null })).toEqual({ kind: "nudge" });
    expect(suggestedAction([], { meetup: null, question: null })).toEqual({ kind: "nudge" });
  });

  it("finds the meetup in their tags and city and the waiting question in their tags, from the data", () => {
    const members = [
      { userId: 1, location: "Utrecht, NL", tagIds: [10], going: [] },
      { userId: 2, location: "Amsterdam", tagIds: [10, 20], going: [3] },
      { userId: 3, location: "", tagIds: [30], going: [] },
      { userId: 4, location: "Utrecht", tagIds: [], going: [] },
    ];
    const meetups = [
      { id: 1, title: "Rotterdam dbt", city: "Rotterdam", online: false, tagIds: [10] },
      { id: 2, title: "Utrecht dbt", city: "utrecht", online: false, tagIds: [10] },
      { id: 3, title: "Online SQL", city: "", online: true, tagIds: [20] },
      { id: 4, title: "Amsterdam Python", city: "Amsterdam", online: false, tagIds: [20] },
    ];
    const questions = [
      { id: 50, title: "Mine", authorId: 1, tagIds: [10] },
      { id: 51, title: "Waiting longest", authorId: 9, tagIds: [10, 30] },
      { id: 52, title: "Waiting less", authorId: 9, tagIds: [30] },
    ];
    const targets = todoTargets(members, meetups, questions);
    expect(targets.get(1)).toEqual({
      meetup: { id: 2, title: "Utrecht dbt" },
      question: { id: 51, title: "Waiting longest" },
    });
    // Already going to the online one: the one in their city.
    expect(targets.get(2)?.meetup).toEqual({ id: 4, title: "Amsterdam Python" });
    expect(targets.get(3)).toEqual({ meetup: null, question: { id: 51, title: "Waiting longest" } });
    // No tags: nothing fits.
    expect(targets.get(4)).toEqual({ meetup: null, question: null });
  });
});
