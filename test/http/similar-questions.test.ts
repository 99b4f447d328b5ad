import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let alice: Client;
let erik: Client;
const ids: Record<string, number> = {};

const member = (handle: string) => ({
  name: `Member ${handle}`,
  handle,
  email: `${handle}@example.test`,
  password: `${handle}-password-1`,
});
const count = () => server.sqlite.prepare("select count(*) from posts where kind = 'question'").pluck().get() as number;

async function ask(client: Client, title: string) {
  const response = await client.post("/questions/ask", { title, body: `Some context for ${title}.`, tags: "kafka" });
  expect(response.status).toBe(302);
  return Number(/\/questions\/(\d+)$/.exec(response.headers.get("location")!)![1]);
}

beforeAll(async () => {
  server = await startServer();
  alice = await signUp(server, member("alice"));
  erik = await signUp(server, member("erik"));
  // Members of some days: these tests post faster than a new member may (docs/limits.md).
  server.exec("update users set created_at = ?", Date.now() - 3 * 24 * 3600_000);
  ids.open = await ask(erik, "Kafka consumer lag keeps growing");
  ids.solved = await ask(alice, "Consumer group rebalances in a loop with Kafka");
  ids.other = await ask(erik, "Grafana dashboard shows no data");
  const answer = await erik.post(`/questions/${ids.solved}`, { intent: "answer", body: "Raise max.poll.interval.ms." });
  expect(answer.status).toBe(302);
  const answerId = server.sqlite
    .prepare("select id from posts where parent_id = ? and kind = 'answer'")
    .pluck()
    .get(ids.solved) as number;
  const accept = await alice.post(`/questions/${ids.solved}`, { intent: "accept", answerId: String(answerId) });
  expect(accept.status).toBe(302);
}, 60_000);

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("similar questions on the ask page", () => {
  it("the no-JavaScript preview lists similar questions, accepted first, with answer counts, and saves nothing", async () => {
    const before = count();
    const response = await alice.post("/questions/ask", {
      intent: "preview",
      title: "Why is my Kafka consumer so slow?",
      body: "It lags behind.",
      tags: "",
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Similar questions already asked");
    const section = html.slice(
      html.indexOf('id="similar-heading"'),
      html.indexOf("</section>", html.indexOf('id="similar-heading"')),
    );
    const linked = [...section.matchAll(/href="\/questions\/(\d+)"/g)].map((m) => Number(m[1]));
    expect(linked).toEqual([ids.solved, ids.open]);
    expect(section).toContain("1 answer");
    expect(section).toContain("answer accepted");
    expect(section).toContain("0 answers");
    expect(html).toMatch(/<div class="similar-questions" aria-live="polite"><section/);
    expect(count()).toBe(before);
  });

  it("the preview in Dutch, and none for a title of stop words", async () => {
    server.exec("update users set locale = 'nl' where handle = 'alice'");
    try {
      const dutch = await alice.post("/questions/ask", {
        intent: "preview",
        title: "Kafka consumer",
        body: "",
        tags: "",
      });
      const html = await dutch.text();
      expect(html).toContain("Vergelijkbare vragen die al gesteld zijn");
      expect(html).toContain("antwoord geaccepteerd");
      const none = await alice.post("/questions/ask", {
        intent: "preview",
        title: "Hoe doe ik dat?",
        body: "",
        tags: "",
      });
      expect(await none.text()).not.toContain("Vergelijkbare vragen");
    } finally {
      server.exec("update users set locale = null where handle = 'alice'");
    }
  });

  it("the JSON route answers anyone with the same list and never fails on odd input", async () => {
    const visitor = new Client(server.url);
    const response = await visitor.get(`/questions/similar?q=${encodeURIComponent("kafka consumer")}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const { questions } = (await response.json()) as { questions: { id: number; accepted: boolean }[] };
    expect(questions.map((q) => q.id)).toEqual([ids.solved, ids.open]);
    expect(questions[0].accepted).toBe(true);
    for (const q of ['"', "AND OR NEAR(", "kafka*", "^x", "😀 日本語", "%", "a".repeat(5000), ""]) {
      const odd = await visitor.get(`/questions/similar?q=${encodeURIComponent(q)}`);
      expect(odd.status).toBe(200);
      expect(await odd.json()).toHaveProperty("questions");
    }
  });
});
