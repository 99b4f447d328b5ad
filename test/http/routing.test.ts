/**
 * Question routing over HTTP (docs/routing.md): posting a question makes the server's own job scheduler ask
 * the tag's experts; the question shows who was asked to its asker and the leads only; a member who turns
 * routing off in /settings is not asked again; /health shows the outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, waitFor, type TestServer } from "../server";

let server: TestServer;
let ann: Client;
let bob: Client;
let lea: Client;
const experts: Record<string, Client> = {};

const id = (handle: string) =>
  server.sqlite.prepare("select id from users where handle = ?").pluck().get(handle) as number;
const asked = (questionId: number) =>
  server.sqlite
    .prepare(
      "select u.handle from question_routes r join users u on u.id = r.expert_id where r.question_id = ? order by u.handle",
    )
    .pluck()
    .all(questionId) as string[];

async function ask(title: string) {
  const response = await ann.post("/questions/ask", { title, body: "Our certificates expire unnoticed.", tags: "tls" });
  expect(response.status).toBe(302);
  return Number(/\/questions\/(\d+)/.exec(response.headers.get("location")!)![1]);
}

/** The scheduler runs due jobs every second: wait until the routing job has asked someone. */
async function routed(questionId: number) {
  for (let i = 0; i < 100 && !asked(questionId).length; i++) await new Promise((r) => setTimeout(r, 200));
  return asked(questionId);
}

const sign = (handle: string) =>
  signUp(server, { name: handle, handle, email: `${handle}@example.test`, password: `${handle}-password-1` });

beforeAll(async () => {
  server = await startServer();
  [ann, bob, lea] = [await sign("ann"), await sign("bob"), await sign("lea")];
  for (const handle of ["eva", "edd", "eli"]) experts[handle] = await sign(handle);
  server.exec("update users set role = 'lead' where handle = 'lea'");
  // Past the newcomer's wait between posts (docs/limits.md).
  server.exec("update users set created_at = ? where handle = 'ann'", Date.now() - 40 * 86_400_000);
  // Standing in the tag and a contribution this week, as earned answers would leave them.
  server.exec("insert into tags (name) values ('tls') on conflict do nothing");
  const today = new Date().toISOString().slice(0, 10);
  for (const [i, handle] of ["eva", "edd", "eli"].entries()) {
    server.exec(
      `insert into tag_reputation (user_id, tag_id, points, accepted_answers) values (${id(handle)}, (select id from tags where name = 'tls'), ${100 - i * 10}, 2)`,
    );
    server.exec(
      `insert into member_days (user_id, day, weighted, contributions) values (${id(handle)}, '${today}', 3, 1)`,
    );
  }
});

afterAll(() => server?.stop());

describe("question routing", () => {
  it("asks the tag's experts when a question is posted, and shows them to the asker and leads only", async () => {
    const questionId = await ask("Renewing certificates automatically");
    expect(await routed(questionId)).toEqual(["edd", "eli", "eva"]);
    const notified = server.sqlite
      .prepare("select count(*) from notifications where kind = 'routed_question' and subject = ?")
      .pluck()
      .get(`post:${questionId}`);
    expect(notified).toBe(3);
    for (const [client, sees] of [
      [ann, true],
      [lea, true],
      [bob, false],
      [experts.eva, false],
    ] as const) {
      const page = await (await client.get(`/questions/${questionId}`)).text();
      const line = /<p class="muted small asked-experts">(.*?)<\/p>/.exec(page)?.[1] ?? "";
      expect(line.includes("Experts asked to answer:"), `${sees}`).toBe(sees);
      for (const handle of ["edd", "eli", "eva"]) expect(line.includes(`href="/members/${handle}"`)).toBe(sees);
    }
    const anonymous = await (await new Client(server.url).get(`/questions/${questionId}`)).text();
    expect(anonymous.includes("Experts asked to answer:")).toBe(false);
  });

  it("never asks a member who turned routing off in /settings; a bad value is a 400", async () => {
    const bad = await experts.eli.post("/settings", { intent: "routing", routable: "maybe" });
    expect(bad.status).toBe(400);
    const saved = await experts.eli.post("/settings", { intent: "routing", routable: "off" });
    expect(saved.status).toBe(200);
    const settings = await (await experts.eli.get("/settings")).text();
    expect(settings).toMatch(/<option value="off" selected="">/);
    const questionId = await ask("Which cipher suites today?");
    expect(await routed(questionId)).toEqual(["edd", "eva"]);
  });

  it("shows the routing outcome on /health to leads", async () => {
    // The outcome is computed with the hourly snapshot: the next one, as a page view without a recent one
    // computes it (after the start-up's job, which could otherwise store an older one meanwhile).
    await waitFor(
      () => server.sqlite.prepare("select 1 from jobs where kind = 'health-snapshot' and status = 'done'").get(),
      "the start-up's health snapshot",
    );
    server.exec("delete from health_snapshots");
    const page = await (await lea.get("/health")).text();
    const section = /<h2 id="routing">(.*?)<\/section>/.exec(page)?.[1] ?? "";
    expect(section).toMatch(/^Question routing/);
    expect(section).toContain("2 questions routed");
    expect(section).toContain("3 experts asked; 0 of them answered");
  });
});
