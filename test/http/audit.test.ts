import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let admin: Client;
let lead: Client;
let member: Client;
const ids: Record<string, number> = {};

beforeAll(async () => {
  server = await startServer({ env: { WEB_CONCURRENCY: "1" } });
  const join = (handle: string, name: string) =>
    signUp(server, { name, handle, email: `${handle}@example.test`, password: `${handle}-password-1` });
  admin = await join("ada", "Ada Admin");
  lead = await join("lea", "Lea Lead");
  member = await join("max", "Max Member");
  await join("ruben", "Ruben Dekker");
  server.exec("update users set role = 'admin' where handle = 'ada'");
  server.exec("update users set role = 'lead' where handle = 'lea'");
  for (const handle of ["ada", "lea", "max", "ruben"])
    ids[handle] = server.sqlite.prepare("select id from users where handle = ?").pluck().get(handle) as number;
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

/** The rows of the audit table on a page: action, subject and detail as text. */
function tableRows(html: string) {
  return [...html.matchAll(/<tr><td><time[^>]*>.*?<\/tr>/g)].map((row) => {
    const cells = [...row[0].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, ""));
    const action = /data-action="([^"]+)"/.exec(row[0])![1];
    return { action, subject: cells[3], detail: cells[4].replace(/&gt;/g, ">") };
  });
}

/** The CSV's rows without its header: action, subject and detail. */
async function csvRows(response: Response) {
  const lines = (await response.text()).trim().split("\r\n").slice(1);
  return lines.map((line) => {
    const cells = [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
    return { action: cells[2], subject: cells[4], detail: cells[5] };
  });
}

describe("the audit log", () => {
  it("is for leads and admins only: a member gets 403 on the page and the CSV, a visitor is sent to log in", async () => {
    expect((await member.get("/admin/audit")).status).toBe(403);
    expect((await member.get("/admin/audit.csv")).status).toBe(403);
    expect((await member.get("/admin/audit.csv?action=user.role")).status).toBe(403);
    const visitor = await new Client(server.url).get("/admin/audit");
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/login/);
  });

  it("shows what admins and leads did, with actor, translated action, linked subject and the change", async () => {
    // An admin changes a role, creates an organisation and assigns a member; a lead deletes a member's question.
    expect((await admin.post("/members/ruben", { intent: "role", role: "expert" })).status).toBe(200);
    const created = await admin.post("/orgs/new", {
      name: "Acme Audits",
      slug: "acme-audits",
      kind: "vendor",
      website: "",
      description: "",
    });
    expect(created.status).toBe(302);
    expect(
      (await admin.post("/orgs/acme-audits", { intent: "assign", handle: "max", relation: "customer" })).status,
    ).toBe(200);
    const asked = await member.post("/questions/ask", {
      title: "How do I export the audit trail of our warehouse?",
      body: "We need every change of the last year for the auditors, with who did it and when.",
      tags: "audit",
    });
    const questionId = Number(/\/questions\/(\d+)/.exec(asked.headers.get("location")!)![1]);
    expect((await lead.post(`/questions/${questionId}`, { intent: "delete", postId: String(questionId) })).status).toBe(
      302,
    );
    const orgId = server.sqlite.prepare("select id from organisations where slug = 'acme-audits'").pluck().get();

    const response = await lead.get("/admin/audit");
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(tableRows(page)).toEqual([
      { action: "post.delete", subject: `post:${questionId}`, detail: "" },
      { action: "org.member", subject: `user:${ids.max}`, detail: `org:${orgId} customer` },
      { action: "org.create", subject: `org:${orgId}`, detail: "Acme Audits" },
      { action: "user.role", subject: `user:${ids.ruben}`, detail: "member → expert" },
    ]);
    expect(page).toContain("Changed a role");
    expect(page).toContain("Deleted a post");
    expect(page).toContain('href="/members/ada">Ada Admin</a>');
    expect(page).toContain('href="/members/lea">Lea Lead</a>');
    // Subjects and ids in the detail link to what they name.
    expect(page).toContain(`href="/members/ruben">user:${ids.ruben}</a>`);
    expect(page).toContain(`href="/questions/${questionId}">post:${questionId}</a>`);
    expect(page).toContain(`href="/orgs/acme-audits">org:${orgId}</a>`);
    expect(page).toContain('href="/admin"');

    const dutch = await (await lead.get("/admin/audit", { "Accept-Language": "nl" })).text();
    expect(dutch).toContain("Rol gewijzigd");
    expect(dutch).toContain("Bericht verwijderd");
  });

  it("narrows by action, by actor and by subject with a GET form, and the CSV has the same rows", async () => {
    const check = async (query: string, expected: { action: string; subject: string }[]) => {
      const page = await lead.get(`/admin/audit?${query}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const rows = tableRows(html);
      expect(rows).toEqual(expected.map((e) => expect.objectContaining(e)));
      // The download link carries the same filters.
      expect(html).toContain(`href="/admin/audit.csv?${query.replace(/&/g, "&amp;")}"`);
      const csv = await lead.get(`/admin/audit.csv?${query}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toContain("text/csv");
      expect(await csvRows(csv)).toEqual(rows);
    };
    await check("action=user.role", [{ action: "user.role", subject: `user:${ids.ruben}` }]);
    await check("actor=lea", [{ action: "post.delete", subject: expect.stringMatching(/^post:/) }]);
    await check("actor=%40ADA&action=org.member", [{ action: "org.member", subject: `user:${ids.max}` }]);
    await check(`subject=user%3A${ids.max}`, [{ action: "org.member", subject: `user:${ids.max}` }]);
    await check("from=2001-01-01&to=2001-12-31", []);
    // The form works without JavaScript: a plain GET form with the filters as named fields.
    const html = await (await lead.get("/admin/audit")).text();
    expect(html).toMatch(/<form method="get" action="\/admin\/audit" class="filters"/);
    for (const name of ["action", "actor", "subject", "from", "to"]) expect(html).toContain(`name="${name}"`);
  });

  it("answers a bad filter with 400 and the reason, on the page and the CSV", async () => {
    const page = await lead.get("/admin/audit?subject=Ruben&from=2030-02-30");
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain("Write the subject as user:12, post:40 or org:3.");
    expect(html).toContain("Enter a date as YYYY-MM-DD.");
    const csv = await lead.get("/admin/audit.csv?action=everything");
    expect(csv.status).toBe(400);
    expect(await csv.text()).toContain("This value is not valid.");
    expect((await lead.get("/admin/audit?actor=nobody")).status).toBe(400);
  });

  it("pages through a long log, 50 to a page, while the CSV has every matching row", async () => {
    for (let i = 0; i < 60; i++)
      server.exec(
        "insert into audit_log (actor_id, action, subject, detail, created_at) values (?, 'user.silence', ?, 'spam', ?)",
        ids.lea,
        `user:${1000 + i}`,
        Date.parse("2020-06-01T12:00:00Z") + i * 60_000,
      );
    const first = await (await lead.get("/admin/audit?action=user.silence")).text();
    expect(tableRows(first)).toHaveLength(50);
    expect(tableRows(first)[0].subject).toBe("user:1059");
    expect(first).toContain('href="/admin/audit?action=user.silence&amp;page=2">Next</a>');
    const second = await (await lead.get("/admin/audit?action=user.silence&page=2")).text();
    expect(tableRows(second).map((r) => r.subject)).toEqual(Array.from({ length: 10 }, (_, i) => `user:${1009 - i}`));
    const csv = await csvRows(await lead.get("/admin/audit.csv?action=user.silence&page=2"));
    expect(csv).toHaveLength(60);
    expect(csv.map((r) => r.subject)).toEqual([...tableRows(first), ...tableRows(second)].map((r) => r.subject));
  });
});
