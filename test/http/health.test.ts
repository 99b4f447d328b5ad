import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../scripts/seed";
import { Client, startServer, type TestServer } from "../server";

let server: TestServer;
let lead: Client;

beforeAll(async () => {
  server = await startServer({ seed: true });
  lead = new Client(server.url);
  await lead.login(DEMO_ACCOUNTS.find((a) => a.role === "lead")!.email, DEMO_PASSWORD);
}, 150_000);

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

describe("/health", () => {
  it("shows the seeded decline and flagged members; the CSV export has the same rows; members get 403", async () => {
    const page = await (await lead.get("/health")).text();
    expect(page).toContain("Declining");
    const rows = [...page.matchAll(/<tr><td><a[^>]*href="\/members\/([^"]+)"[^>]*>([^<]+)<\/a><\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => [m[2], m[1], m[3], text(m[4])]);
    expect(rows.length).toBeGreaterThan(0);
    const csv = await (await lead.get("/health/export/members")).text();
    const lines = csv.trim().split("\r\n").slice(1).map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"')));
    expect(lines.map((l) => l.slice(0, 4))).toEqual(rows);

    const member = new Client(server.url);
    await member.login(DEMO_ACCOUNTS.find((a) => a.role === "member")!.email, DEMO_PASSWORD);
    expect((await member.get("/health")).status).toBe(403);
    expect((await member.get("/health/export/members")).status).toBe(403);
    expect((await member.post("/health", { intent: "nudge", userId: "1", message: "Hello there" })).status).toBe(403);
  });

  it("a nudge reaches the flagged member as a notification and an email, and is recorded", async () => {
    const page = await (await lead.get("/health")).text();
    const userId = /name="userId" value="(\d+)"/.exec(page)![1];
    const nudge = await lead.post("/health", { intent: "nudge", userId, message: "We miss your answers on dbt, Lucas!" });
    expect(nudge.status).toBe(302);
    const row = server.sqlite.prepare("select kind, message from notifications where user_id = ? and kind = 'nudge'").get(Number(userId));
    expect(row).toEqual({ kind: "nudge", message: "We miss your answers on dbt, Lucas!" });
    expect(server.sqlite.prepare("select kind from health_actions where user_id = ?").pluck().all(Number(userId))).toEqual(["nudge"]);
    const email = server.sqlite.prepare("select email from users where id = ?").pluck().get(Number(userId)) as string;
    const start = Date.now();
    while (!server.outbox().some((raw) => raw.includes(`To: ${email}`)) && Date.now() - start < 15_000) await new Promise((r) => setTimeout(r, 200));
    expect(server.outbox().find((raw) => raw.includes(`To: ${email}`))).toContain("We miss your answers on dbt");
  });

  it("shows every vital sign with its change, by period; invites to a meetup, and mails leads the weekly health digest", async () => {
    const page = await (await lead.get("/health")).text();
    const titles = ["Weighted contributions per week", "Active contributors per week", "New contributors per week", "Returning contributors per week", "Readers per contributor", "DAU/MAU", "Questions still unanswered 48 hours", "Median hours to a first answer", "Meetup check-ins per week"];
    for (const title of titles) expect(page).toContain(title);
    const changes = text(page).match(/-?\d+% over the last 26 weeks against the 26 before\.|Nothing to compare with yet\./g) ?? [];
    expect(changes).toHaveLength(titles.length);
    expect(changes.filter((c) => c.includes("%")).length).toBeGreaterThanOrEqual(6);
    expect(page).toMatch(/<td>Joined<\/td><td class="number">\d+<\/td>/);
    const joined = (html: string) => Number(/<td>Joined<\/td><td class="number">(\d+)<\/td>/.exec(html)![1]);
    const quarter = await (await lead.get("/health?period=4")).text();
    expect(text(quarter)).toContain("Member journey, members who joined in the last 4 weeks");
    expect(text(quarter)).toMatch(/over the last 4 weeks against the 4 before/);
    expect(joined(quarter)).toBeLessThan(joined(page));
    const vitalsCsv = (await (await lead.get("/health/export/vitals")).text()).trim().split("\r\n");
    expect(vitalsCsv).toHaveLength(27);
    expect(vitalsCsv[0]).toContain("Returning contributors per week");
    const funnelCsv = await (await lead.get("/health/export/funnel?period=4")).text();
    expect(funnelCsv).toContain(`"Joined","${joined(quarter)}"`);
    const userId = /name="userId" value="(\d+)"/.exec(page)![1];
    const eventId = /<select id="invite-\d+" name="eventId"><option value="(\d+)"/.exec(page)![1];
    expect((await lead.post("/health", { intent: "invite", userId, eventId })).status).toBe(302);
    const invite = server.sqlite.prepare("select message, url from notifications where user_id = ? and dedupe_key = ?").get(Number(userId), `invite:${eventId}`) as { message: string; url: string };
    expect(invite.url).toBe(`/events/${eventId}`);
    expect((await lead.post("/health", { intent: "invite", userId, eventId: "999999" })).status).toBe(400);

    const leadEmail = DEMO_ACCOUNTS.find((a) => a.role === "lead")!.email;
    const start = Date.now();
    const digest = () => server.outbox().find((raw) => raw.includes(`To: ${leadEmail}`) && raw.includes("Community health"));
    while (!digest() && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 250));
    expect(digest()).toMatch(/Subject: Community health: Declining/);
  });
});
