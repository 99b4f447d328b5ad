import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.stop();
});

describe("roles", () => {
  it("an admin changes a member's role (audited); leads, members and the admin on themselves cannot", async () => {
    const admin = await signUp(server, {
      name: "Ada Admin",
      handle: "ada",
      email: "ada@example.test",
      password: "ada-password-1",
    });
    const lead = await signUp(server, {
      name: "Lea Lead",
      handle: "lea",
      email: "lea@example.test",
      password: "lea-password-1",
    });
    await signUp(server, { name: "Max Member", handle: "max", email: "max@example.test", password: "max-password-1" });
    server.exec("update users set role = 'admin' where handle = 'ada'");
    server.exec("update users set role = 'lead' where handle = 'lea'");
    const role = (handle: string) =>
      server.sqlite.prepare("select role from users where handle = ?").pluck().get(handle);

    expect(await (await admin.get("/members/max")).text()).toContain("Change role");
    expect(await (await lead.get("/members/max")).text()).not.toContain("Change role");
    expect((await lead.post("/members/max", { intent: "role", role: "expert" })).status).toBe(403);
    expect((await admin.post("/members/ada", { intent: "role", role: "member" })).status).toBe(403);
    expect((await admin.post("/members/max", { intent: "role", role: "overlord" })).status).toBe(400);
    expect(role("max")).toBe("member");

    expect((await admin.post("/members/max", { intent: "role", role: "lead" })).status).toBe(200);
    expect(role("max")).toBe("lead");
    expect(server.sqlite.prepare("select action, detail from audit_log order by id desc limit 1").get()).toEqual({
      action: "user.role",
      detail: "member → lead",
    });
  });
});

describe("error page titles", () => {
  it("the 404 page has a <title> in the visitor's language; 403 and 500 have theirs", async () => {
    const title = async (response: Response) => /<title>([^<]*)<\/title>/.exec(await response.text())?.[1];
    const visitor = new Client(server.url);
    const missing = await visitor.get("/no/such/page", { "Accept-Language": "en-GB" });
    expect(missing.status).toBe(404);
    expect(await title(missing)).toBe("Page not found · Kring");
    expect(await title(await visitor.get("/no/such/page", { "Accept-Language": "nl-NL" }))).toBe(
      "Pagina niet gevonden · Kring",
    );
    expect(await title(await visitor.get("/questions/987654", { "Accept-Language": "en-GB" }))).toBe(
      "Page not found · Kring",
    ); // a route's own 404
    const member = await signUp(server, {
      name: "Tim Title",
      handle: "tim",
      email: "tim@example.test",
      password: "tim-password-1",
    });
    const forbidden = await member.get("/health", { "Accept-Language": "en-GB" });
    expect(forbidden.status).toBe(403);
    expect(await title(forbidden)).toBe("Not allowed · Kring");
  });
});

describe("unexpected errors", () => {
  it("answer 500 with the friendly page and no stack trace", async () => {
    server.exec("drop table organisations");
    const response = await new Client(server.url).get("/orgs");
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain("Something went wrong");
    expect(html).toContain("<title>Something went wrong · Kring</title>");
    expect(html).not.toMatch(/SqliteError|no such table|at \w+ \(|node_modules/);
    expect(server.stderr()).toContain("no such table"); // logged for the operator, not shown to the visitor
  });
});
