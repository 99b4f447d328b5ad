import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, waitFor, type TestServer } from "../server";

let server: TestServer;
let author: Client;
let employee: Client;
let outsider: Client;
let lead: Client;

const member = (handle: string) => ({
  name: `Member ${handle}`,
  handle,
  email: `${handle}@example.test`,
  password: `${handle}-password-1`,
});

const one = <T>(sql: string, ...params: unknown[]) => server.sqlite.prepare(sql).get(...params) as T;
const count = (sql: string, ...params: unknown[]) => one<{ n: number }>(sql, ...params).n;

beforeAll(async () => {
  server = await startServer();
  author = await signUp(server, member("cora"));
  employee = await signUp(server, member("vince"));
  outsider = await signUp(server, member("otto"));
  lead = await signUp(server, member("lena"));
  server.exec("update users set created_at = ?", Date.now() - 3 * 24 * 3600_000);
  server.exec("update users set role = 'lead' where handle = 'lena'");
  server.exec("insert into organisations (slug, name, kind) values ('acme', 'Acme Cloud', 'vendor')");
  server.exec("insert into organisations (slug, name, kind) values ('globex', 'Globex', 'vendor')");
  server.exec("insert into organisations (slug, name, kind) values ('initech', 'Initech', 'customer')");
  const org = (slug: string) => one<{ id: number }>("select id from organisations where slug = ?", slug).id;
  const user = (handle: string) => one<{ id: number }>("select id from users where handle = ?", handle).id;
  server.exec(
    "insert into memberships (user_id, org_id, relation) values (?, ?, 'employee'), (?, ?, 'customer'), (?, ?, 'employee')",
    user("vince"),
    org("acme"),
    user("cora"),
    org("initech"),
    user("otto"),
    org("globex"),
  );
}, 120_000);

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

let proposed = 0;
async function propose(title = "Export dashboards as PDF for the board") {
  const response = await author.post("/ideas/new", {
    title: `${title} (${++proposed})`,
    body: `Our board reads the monthly figures on paper; a PDF export would save us an hour (${proposed}).`,
    tags: "reporting, dashboards",
    orgSlug: "acme",
  });
  expect(response.status).toBe(302);
  const url = response.headers.get("location")!;
  expect(url).toMatch(/^\/ideas\/\d+$/);
  return { url, id: Number(url.split("/").pop()) };
}

describe("proposing ideas", () => {
  it("a member proposes an idea to an organisation; it is listed, searchable, in the feed and on the roadmap", async () => {
    const { url, id } = await propose("Zitadel single sign-on for the console");
    const page = await (await new Client(server.url).get(url)).text();
    expect(page).toContain("Zitadel single sign-on");
    expect(page).toContain("Acme Cloud");
    const list = await (await new Client(server.url).get("/ideas?org=acme&sort=newest")).text();
    expect(list).toContain(`href="/ideas/${id}"`);
    const search = await (await new Client(server.url).get("/search?q=zitadel+kind%3Aidea")).text();
    expect(search).toContain(`/ideas/${id}`);
    const feed = await new Client(server.url).get("/ideas/feed.xml");
    expect(feed.headers.get("content-type")).toContain("application/atom+xml");
    expect(await feed.text()).toContain("Zitadel single sign-on");
    const roadmap = await (await new Client(server.url).get("/orgs/acme/roadmap")).text();
    expect(roadmap).toContain(`href="/ideas/${id}"`);
    expect(await (await new Client(server.url).get("/orgs/acme")).text()).toContain('href="/orgs/acme/roadmap"');
  });

  it("answers 400 with the field's error without an organisation, and 404 for a missing idea", async () => {
    const response = await author.post("/ideas/new", {
      title: "An idea without an organisation",
      body: "It should not be posted, because nobody would read it.",
      tags: "misc",
      orgSlug: "",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('aria-describedby="orgSlug-error"');
    expect((await new Client(server.url).get("/ideas/999999")).status).toBe(404);
  });
});

describe("an idea is a post", () => {
  it("others flag it from its page; its author deletes it, and it leaves the list and the roadmap", async () => {
    const { url, id } = await propose("A short-lived idea about exports");
    const flagged = await outsider.post(url, { intent: "flag", postId: String(id), reason: "off_topic", note: "" });
    expect(flagged.status).toBe(303);
    expect(count("select count(*) as n from flags where post_id = ?", id)).toBe(1);
    const deleted = await author.post(url, { intent: "delete", postId: String(id) });
    expect(deleted.status).toBe(302);
    expect(one<{ status: string }>("select status from posts where id = ?", id).status).toBe("deleted");
    expect(await (await new Client(server.url).get("/ideas?sort=newest")).text()).not.toContain(`href="/ideas/${id}"`);
    expect(await (await new Client(server.url).get("/orgs/acme/roadmap")).text()).not.toContain(`href="/ideas/${id}"`);
    expect((await new Client(server.url).get(url)).status).toBe(404);
  });
});

describe("supporting ideas", () => {
  it("members cannot support their own idea (403 with a message)", async () => {
    const { url } = await propose();
    const response = await author.post(url, { intent: "vote", value: "1" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("You cannot support your own idea.");
  });

  it("50 concurrent votes from 50 members count exactly 50, and undo takes one back", async () => {
    const { url, id } = await propose("Concurrent support for a popular idea");
    const voters: Client[] = [];
    for (let i = 0; i < 50; i++) voters.push(await signUp(server, member(`voter${i}`)));
    const answers = await Promise.all(voters.map((v) => v.post(url, { intent: "vote", value: "1" })));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 302));
    expect(one<{ votes: number }>("select votes from ideas where post_id = ?", id).votes).toBe(50);
    expect(count("select count(*) as n from idea_votes where idea_id = ?", id)).toBe(50);
    // Votes on ideas are not reputation votes.
    expect(count("select count(*) as n from reputation_events where post_id = ?", id)).toBe(0);
    // Twice is once; 0 undoes.
    await voters[0].post(url, { intent: "vote", value: "1" });
    await voters[1].post(url, { intent: "vote", value: "0" });
    expect(one<{ votes: number }>("select votes from ideas where post_id = ?", id).votes).toBe(49);
    expect(await (await new Client(server.url).get(url)).text()).toContain("49 supporters");
    // Their support is theirs: in the export of their data (docs/privacy.md).
    const exported = (await (await voters[0].get("/settings/export.json")).json()) as {
      tables: Record<string, { ideaId: number }[]>;
    };
    expect(exported.tables.idea_votes.map((v) => v.ideaId)).toEqual([id]);
    const profile = await (await new Client(server.url).get("/members/voter0")).text();
    expect(profile).toContain("Supported ideas");
    expect(profile).toContain(`href="/ideas/${id}"`);
  }, 120_000);
});

describe("status and official response", () => {
  it("a member who is not an employee of the addressed organisation (nor a lead) gets 403 and nothing is written", async () => {
    const { url, id } = await propose();
    const before = JSON.stringify(one("select * from ideas where post_id = ?", id));
    const notificationsBefore = count("select count(*) as n from notifications");
    for (const client of [outsider, author]) {
      const response = await client.post(url, { intent: "status", status: "planned", response: "We do it." });
      expect(response.status).toBe(403);
    }
    expect(JSON.stringify(one("select * from ideas where post_id = ?", id))).toBe(before);
    expect(count("select count(*) as n from notifications")).toBe(notificationsBefore);
    expect(count("select count(*) as n from reputation_events where reason = 'idea_planned'")).toBe(0);
  });

  it("an employee sets planned with a response: shown with their organisation, voters and author told once, credit in the ledger", async () => {
    const { url, id } = await propose("Planned: audit log export to S3");
    const voter = await signUp(server, member("wendy"));
    await voter.post(url, { intent: "vote", value: "1" });
    const fields = { intent: "status", status: "planned", response: "Planned for **Q3**, thanks for the detail." };
    const [first, second] = [await employee.post(url, fields), await employee.post(url, fields)];
    expect([first.status, second.status]).toEqual([302, 302]);
    const page = await (await new Client(server.url).get(url)).text();
    expect(page).toContain("Official response");
    expect(page).toContain("<strong>Q3</strong>");
    expect(page).toContain("Member vince, Employee of Acme Cloud");
    for (const handle of ["cora", "wendy"])
      expect(
        count(
          "select count(*) as n from notifications n join users u on u.id = n.user_id where u.handle = ? and n.kind = 'idea_status'",
          handle,
        ),
      ).toBe(1);
    // By email too (idea_status emails by default): quoted-printable undone before reading.
    const email = await waitFor(
      () =>
        server
          .outbox()
          .map((text) => text.replace(/=\r?\n/g, "").replace(/=3D/g, "="))
          .find((text) => text.includes("wendy@example.test") && text.includes("Planned: audit log export")),
      "the status email to a supporter",
    );
    expect(email).toContain("/ideas/");
    const credit = one<{ points: number; handle: string }>(
      "select sum(points) as points, u.handle from reputation_events r join users u on u.id = r.user_id where r.reason = 'idea_planned' and r.post_id = ?",
      id,
    );
    expect(credit).toEqual({ points: 10, handle: "cora" });
    const roadmap = await (await new Client(server.url).get("/orgs/acme/roadmap")).text();
    const planned = roadmap.slice(roadmap.indexOf('id="roadmap-planned"'), roadmap.indexOf('id="roadmap-in_progress"'));
    expect(planned).toContain(`href="/ideas/${id}"`);
    // A lead may too; back to under review takes the credit back.
    expect((await lead.post(url, { intent: "status", status: "under_review", response: "" })).status).toBe(302);
    expect(count("select coalesce(sum(points), 0) as n from reputation_events where post_id = ?", id)).toBe(0);
  });
});

describe("merging duplicates", () => {
  it("a lead merges a duplicate: votes move without double counting, the duplicate redirects, its people are told", async () => {
    const target = await propose("Dark mode for the admin console");
    const duplicate = await propose("Dark theme in the admin console");
    const both = await signUp(server, member("bart"));
    const onlyDuplicate = await signUp(server, member("dora"));
    await both.post(target.url, { intent: "vote", value: "1" });
    await both.post(duplicate.url, { intent: "vote", value: "1" });
    await onlyDuplicate.post(duplicate.url, { intent: "vote", value: "1" });
    expect((await employee.post(duplicate.url, { intent: "merge", target: String(target.id) })).status).toBe(403);
    const merged = await lead.post(duplicate.url, { intent: "merge", target: String(target.id) });
    expect(merged.status).toBe(302);
    expect(merged.headers.get("location")).toBe(target.url);
    expect(one<{ votes: number }>("select votes from ideas where post_id = ?", target.id).votes).toBe(2);
    const redirect = await new Client(server.url).get(duplicate.url);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get("location")).toBe(target.url);
    expect(
      count(
        "select count(*) as n from notifications where kind = 'idea_merged' and subject = ?",
        `post:${duplicate.id}`,
      ),
    ).toBe(3);
    const bad = await lead.post(target.url, { intent: "merge", target: String(target.id) });
    expect(bad.status).toBe(400);
  });
});
