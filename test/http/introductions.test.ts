/**
 * People you should meet over HTTP (issue 19, points 5 and 7): the home page lists the suggestions the daily job
 * left in `member_matches` with their reasons; "Say hello" (`intent=hello`, `userId`, no JavaScript) tells the
 * other member with an `introduction` notification, once per 30 days, and answers 403 for oneself, a suspended
 * member or anyone not suggested; leads see a member's suggestions on their page and the hello rate on /health.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, signUp, startServer, waitFor, type TestServer } from "../server";

let server: TestServer;
let ann: Client;
let bob: Client;
let lead: Client;

const id = (handle: string) =>
  server.sqlite.prepare("select id from users where handle = ?").pluck().get(handle) as number;
const suggest = (from: string, to: string, reasons: unknown[]) =>
  server.exec(
    "insert into member_matches (user_id, other_id, rank, score, reasons, computed_at) values (?, ?, 1, 4, ?, ?)",
    id(from),
    id(to),
    JSON.stringify(reasons),
    Date.now(),
  );
const hellos = (handle: string) =>
  server.sqlite
    .prepare("select count(*) from notifications where user_id = ? and kind = 'introduction'")
    .pluck()
    .get(id(handle)) as number;

beforeAll(async () => {
  server = await startServer();
  const member = (name: string, handle: string) =>
    signUp(server, { name, handle, email: `${handle}@example.test`, password: `${handle}-password-1` });
  ann = await member("Ann Analyst", "ann");
  bob = await member("Bob Builder", "bob");
  await member("Sue Spammer", "sue");
  await member("Carl Stranger", "carl");
  lead = await member("Lena Lead", "lena");
  server.exec("update users set role = 'lead' where handle = 'lena'");
  // The day's job ran at start-up on an empty community; the suggestions below stand in for its result.
  await waitFor(
    () => server.sqlite.prepare("select 1 from jobs where kind = 'member-matches' and status = 'done'").get(),
    "the matching job",
  );
  suggest("ann", "bob", [{ code: "know", tags: ["postgres", "kubernetes"] }]);
  suggest("ann", "sue", [{ code: "follow", tags: ["postgres"] }]);
  suggest("bob", "ann", [{ code: "know", tags: ["postgres", "kubernetes"] }]);
});

afterAll(async () => {
  await server.stop();
});

describe("people you should meet", () => {
  it("shows the suggestions with their reasons on the home page and says hello without JavaScript", async () => {
    let home = await (await ann.get("/")).text();
    expect(home).toContain("People you should meet");
    expect(home).toContain("You both know postgres and kubernetes");
    expect(home).toContain('name="intent" value="hello"');
    const said = await ann.post("/?index", { intent: "hello", userId: String(id("bob")) });
    expect(said.status).toBe(302);
    expect(said.headers.get("location")).toBe("/#people-to-meet");
    expect(hellos("bob")).toBe(1);
    const notifications = await (await bob.get("/notifications")).text();
    expect(notifications).toContain("Ann Analyst says hello. You both know postgres and kubernetes");
    home = await (await ann.get("/")).text();
    expect(home).toContain("You said hello");
    // Once per 30 days: a second hello is refused with the reason, and tells nobody.
    const again = await ann.post("/?index", { intent: "hello", userId: String(id("bob")) });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("less than 30 days ago");
    expect(hellos("bob")).toBe(1);
    // Bob says hello back: a reply, counted as contact on /health.
    expect((await bob.post("/?index", { intent: "hello", userId: String(id("ann")) })).status).toBe(302);
    // /health shows introductions as of its hourly snapshot: the next hour's, as a page view without a recent one
    // computes it (after the start-up's job, which could otherwise store an older one meanwhile).
    await waitFor(
      () => server.sqlite.prepare("select 1 from jobs where kind = 'health-snapshot' and status = 'done'").get(),
      "the start-up's health snapshot",
    );
    server.exec("delete from health_snapshots");
    const health = await (await lead.get("/health")).text();
    expect(health).toContain("Introductions");
    expect(health).toMatch(/Hellos in the last 26 weeks: 1 of 1 led to contact within 30 days \(100%\); 0 still/);
  });

  it("answers 403 for oneself, a suspended member and anyone not suggested, 400 for a bad form", async () => {
    server.exec("update users set suspended_at = ? where handle = 'sue'", Date.now());
    for (const handle of ["ann", "sue", "carl"]) {
      const response = await ann.post("/?index", { intent: "hello", userId: String(id(handle)) });
      expect(response.status, handle).toBe(403);
    }
    expect(hellos("sue")).toBe(0);
    expect(hellos("carl")).toBe(0);
    expect((await ann.post("/?index", { intent: "hello", userId: "nope" })).status).toBe(400);
    // A suspended member is no longer suggested.
    const section = /<section[^>]*id="people-to-meet"[\s\S]*?<\/section>/.exec(await (await ann.get("/")).text());
    expect(section?.[0]).toContain("Bob Builder");
    expect(section?.[0]).not.toContain("Sue Spammer");
  });

  it("shows a member's suggestions to leads on the member's page, not to other members", async () => {
    expect(await (await lead.get("/members/ann")).text()).toContain("People Ann Analyst should meet");
    expect(await (await bob.get("/members/ann")).text()).not.toContain("People Ann Analyst should meet");
  });
});
