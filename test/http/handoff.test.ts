import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type Client as C, type TestServer } from "../server";

let server: TestServer;
let asker: C;
let helper: C;
let questionId: number;
const answerText = "Partition the zebrafact table by month";

beforeAll(async () => {
  server = await startServer();
  asker = await signUp(server, {
    name: "Hanna Handoff",
    handle: "hanna",
    email: "hanna@example.test",
    password: "hanna-password-1",
  });
  helper = await signUp(server, {
    name: "Olaf Offer",
    handle: "olaf",
    email: "olaf@example.test",
    password: "olaf-password-1",
  });
  server.exec("update users set created_at = ? where handle in ('hanna', 'olaf')", Date.now() - 3 * 24 * 3600_000);
  const asked = await asker.post("/questions/ask", {
    title: "How do I keep the handoff small?",
    body: "The page shows **every body** twice.",
    tags: "performance",
  });
  questionId = Number(/\/questions\/(\d+)/.exec(asked.headers.get("location")!)![1]);
  const answered = await helper.post(`/questions/${questionId}`, {
    intent: "answer",
    body: `${answerText}, *then* vacuum.`,
  });
  expect(answered.status).toBe(302);
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

/** The page's HTML without the `window.__remixContext = …;` script, and that script's JSON. */
function split(html: string) {
  const match = /window\.__remixContext = (.*?);<\/script>/s.exec(html);
  expect(match).not.toBeNull();
  return { page: html.replace(match![0], ""), context: match![1] };
}

describe("the browser's copy of the loader data (docs/frontend.md)", () => {
  it("an anonymous question page shows the bodies' HTML once: in the page, not in __remixContext", async () => {
    const html = await (await new Client(server.url).get(`/questions/${questionId}`)).text();
    const { page, context } = split(html);
    expect(page).toContain(`<p>${answerText}, <em>then</em> vacuum.</p>`);
    expect(page).toContain("<strong>every body</strong>");
    expect(context).not.toContain(answerText);
    expect(context).not.toContain("every body");
    expect(context).toContain('"bodyHtml":null');
    // The rest of the data is still there: the answer's id and the question's title.
    const data = JSON.parse(context) as { state: { loaderData: Record<string, { answers: { id: number }[] }> } };
    expect(data.state.loaderData["routes/questions.$id"].answers).toHaveLength(1);
  });

  it("a signed-in member's document is trimmed too; a navigation's ?_data request carries every body", async () => {
    const { context } = split(await (await asker.get(`/questions/${questionId}`)).text());
    expect(context).not.toContain(answerText);
    const data = (await (await asker.get(`/questions/${questionId}?_data=routes%2Fquestions.%24id`)).json()) as {
      answers: { bodyHtml: string }[];
      question: { bodyHtml: string };
    };
    expect(data.answers[0].bodyHtml).toContain(answerText);
    expect(data.question.bodyHtml).toContain("<strong>every body</strong>");
  });
});

describe("a document's bytes (app/utils/document-bytes.server.ts)", () => {
  it("are sent whole, at once, with their length, and a HEAD request gets the headers only", async () => {
    const response = await asker.get(`/questions/${questionId}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // Written at once rather than streamed in chunks, so the length is known up front.
    expect(response.headers.get("transfer-encoding")).toBeNull();
    expect(Number(response.headers.get("content-length"))).toBe(bytes.length);
    const html = new TextDecoder().decode(bytes);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    expect(html).toContain(answerText);
    expect(response.headers.get("content-security-policy")).toContain("nonce-");
    const head = await fetch(`${server.url}/questions/${questionId}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});
