import { describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories";
import { createAnswer, createArticle, createQuestion, setPostDeleted } from "./post.server";
import { acceptAnswer } from "./post-votes.server";
import { similarQuestions, similarTerms } from "./search.server";

async function ask(title: string, body = "Details follow in the text.") {
  const asker = await makeUser();
  return { asker, question: createQuestion({ authorId: asker.id, title, body, tags: ["kafka"] }) };
}

describe("similar questions", () => {
  it("puts questions with an accepted answer first, shows at most five, with answer counts", async () => {
    const plain: { id: number }[] = [];
    for (let i = 0; i < 6; i++) plain.push((await ask(`Kafka consumer lag grows every night ${i}`)).question);
    // Less relevant (one shared word) but accepted: still shown, and first.
    const { asker, question: solved } = await ask("Why does the consumer restart?");
    const helper = await makeUser();
    const answer = createAnswer({ authorId: helper.id, questionId: solved.id, body: "Raise the session timeout." })!;
    acceptAnswer({ questionId: solved.id, answerId: answer.id, askerId: asker.id });

    const found = similarQuestions("Kafka consumer lag after deploy");
    expect(found).toHaveLength(5);
    expect(found[0]).toEqual({ id: solved.id, title: solved.title, answerCount: 1, accepted: true });
    expect(found.slice(1).every((q) => !q.accepted && plain.some((p) => p.id === q.id))).toBe(true);
    expect(similarQuestions("Kafka consumer lag after deploy", "", { limit: 3 })).toHaveLength(3);
  });

  it("lists only published questions: no articles, answers or deleted questions", async () => {
    const author = await makeUser({ role: "expert" });
    createArticle({ authorId: author.id, title: "Grafana dashboards", summary: "", body: "About grafana.", tags: [] });
    const { question } = await ask("Where is the Grafana login?");
    const { question: gone } = await ask("Grafana shows no data");
    createAnswer({ authorId: author.id, questionId: question.id, body: "Grafana answer about dashboards." });
    setPostDeleted({ postId: gone.id, deleted: true });

    expect(similarQuestions("grafana dashboards").map((q) => q.id)).toEqual([question.id]);
  });

  it("matches the body too and finds an old question by a rare word among many newer matches", async () => {
    const { question: old } = await ask("Broker stalls", "The zookeeperquorum setting is ignored.");
    for (let i = 0; i < 3; i++) await ask(`Timeout question ${i}`);
    // Only the two newest matches are candidates; the rare word's questions are, wherever they are.
    expect(similarQuestions("zookeeperquorum timeout", "", { candidates: 2 }).map((q) => q.id)).toContain(old.id);
    expect(
      similarQuestions("zookeeperquorum timeout", "", { candidates: 2, rareTerm: 0 }).map((q) => q.id),
    ).not.toContain(old.id);
  });

  it("finds an old question with all the title's words among many newer matches of common words", async () => {
    const { question: old } = await ask("Replication stalls after upgrade", "Nothing else to say.");
    for (let i = 0; i < 3; i++) await ask(`Replication upgrade question ${i}`);
    for (let i = 0; i < 3; i++) await ask(`Stalls in question ${i}`);
    // No word counts as rare, and only the two newest matches of any word are candidates.
    const found = similarQuestions("Replication stalls upgrade", "", { candidates: 2, rareTerm: 0 });
    expect(found[0].id).toBe(old.id);
  });

  it("ignores stop words and input with fewer than three meaningful characters", async () => {
    await ask("How to do it in the app");
    expect(similarTerms("how to do it")).toEqual([]);
    expect(similarQuestions("How do I")).toEqual([]);
    expect(similarQuestions("ab")).toEqual([]);
    expect(similarQuestions("")).toEqual([]);
    expect(similarQuestions("hoe doe ik het")).toEqual([]);
    expect(similarTerms("How to configure the app")).toEqual(["configure", "app"]);
  });

  it("never fails on FTS syntax, quotes or unicode in the input", async () => {
    const { question } = await ask("Café tariff “zürich” question");
    const odd = [
      '"',
      '""unterminated',
      "AND OR NOT",
      "NEAR(kafka lag, 2)",
      "kafka* OR",
      "title:kafka body:*",
      "-- ; drop table posts",
      "^caf",
      "😀🙈 ∑∞ ",
      "日本語の質問",
      "\u0000\u0002 cafe\u0301",
      "x".repeat(10_000),
    ];
    for (const input of odd) {
      expect(() => similarQuestions(input, input)).not.toThrow();
    }
    expect(similarQuestions("AND OR NEAR", "")).toEqual([]);
    expect(similarQuestions('"cafe" zurich*').map((q) => q.id)).toEqual([question.id]);
  });
});
