import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let member: Client;

beforeAll(async () => {
  server = await startServer();
  member = await signUp(server, {
    name: "Nina Dekker",
    handle: "nina",
    email: "nina@example.test",
    password: "nina-password-1",
  });
  // Nina joined days ago: these tests post faster than a new member may (docs/limits.md; test/http/limits.test.ts).
  server.exec("update users set created_at = ? where handle = 'nina'", Date.now() - 3 * 24 * 3600_000);
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

const langOf = (id: number) => server.sqlite.prepare("select lang from posts where id = ?").pluck().get(id);

describe("language of content (WCAG 3.1.2)", () => {
  it('a Dutch question on an English page carries lang="nl" on its title and body, in lists and on its page; an English answer lang="en"', async () => {
    const asked = await member.post("/questions/ask", {
      title: "Waarom faalt de nachtelijke refresh van onze dataset?",
      body: "Sinds vorige week faalt de geplande refresh elke nacht, terwijl hij handmatig gewoon werkt. Wie herkent dit?",
      tags: "dashboards",
    });
    expect(asked.status).toBe(302);
    const id = Number(/\/questions\/(\d+)/.exec(asked.headers.get("location")!)![1]);
    expect(langOf(id)).toBe("nl");
    await member.post(`/questions/${id}`, {
      intent: "answer",
      body: "Check the credentials of the gateway: the service account password probably expired last week.",
    });

    const page = await (await new Client(server.url).get(`/questions/${id}`)).text();
    expect(page).toMatch(/<html[^>]* lang="en"/);
    expect(page).toMatch(/<h1 lang="nl">Waarom faalt de nachtelijke refresh/);
    expect(page).toMatch(/<div class="prose" lang="nl" id="[^"]+"><p>Sinds vorige week/);
    expect(page).toMatch(/<div class="prose" lang="en" id="[^"]+"><p>Check the credentials/);

    const list = await (await new Client(server.url).get("/questions")).text();
    expect(list).toMatch(/<h3 lang="nl"><a [^>]*href="\/questions\/\d+">Waarom faalt/);
  });

  it("an edit detects again; text too short to judge takes the author's language, and unknown marks nothing", async () => {
    const created = await member.post("/questions/ask", {
      title: "How do I schedule a refresh of the dataset?",
      body: "We want the refresh to run every night at two o'clock, after the loads.",
      tags: "dashboards",
    });
    const id = Number(/\/questions\/(\d+)/.exec(created.headers.get("location")!)![1]);
    expect(langOf(id)).toBe("en");
    await member.post(`/posts/${id}/edit`, {
      title: "Hoe plan ik een nachtelijke refresh van de dataset?",
      body: "We willen dat de refresh elke nacht om twee uur draait, na de loads.",
      tags: "dashboards",
    });
    expect(langOf(id)).toBe("nl");

    // "Goed punt!" is too short to judge: Nina has not chosen a language, so it stays unknown and unmarked.
    await member.post(`/questions/${id}`, { intent: "answer", body: "Goed punt!" });
    const unknown = server.sqlite.prepare("select id, lang from posts where body = 'Goed punt!'").get() as {
      id: number;
      lang: string | null;
    };
    expect(unknown.lang).toBeNull();
    const page = await (await new Client(server.url).get(`/questions/${id}`)).text();
    expect(page).toMatch(/<div class="prose" id="[^"]+"><p>Goed punt!/);
  });
});
