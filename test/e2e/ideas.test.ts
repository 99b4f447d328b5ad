import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../server";
import { launchBrowser, openAs, signUpMembers } from "./browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await signUpMembers(server, [
    ["Cora Customer", "cora"],
    ["Vince Vendor", "vince"],
    ["Wim Voter", "wim"],
    ["Wanda Voter", "wanda"],
  ]);
  server.exec("update users set created_at = ?", Date.now() - 3 * 24 * 3600_000);
  server.exec("insert into organisations (slug, name, kind) values ('acme', 'Acme Cloud', 'vendor')");
  server.exec("insert into organisations (slug, name, kind) values ('initech', 'Initech', 'customer')");
  server.exec(`insert into memberships (user_id, org_id, relation)
    select u.id, o.id, 'employee' from users u, organisations o where u.handle = 'vince' and o.slug = 'acme'`);
  server.exec(`insert into memberships (user_id, org_id, relation)
    select u.id, o.id, 'customer' from users u, organisations o where u.handle = 'cora' and o.slug = 'initech'`);
});

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

const as = (handle: string) => openAs(browser, server, handle);
const TITLE = "Export dashboards as branded PDF files";

describe("co-creation in a browser", () => {
  it("propose → two votes → an employee sets planned with a response → all told once → roadmap → credit", async () => {
    const cora = await as("cora");
    await cora.page.goto(`${server.url}/ideas/new`);
    await cora.page.getByLabel("Title").fill(TITLE);
    await cora.page
      .getByLabel("Text", { exact: true })
      .fill("Our board reads the monthly figures on paper, with our logo on every page.");
    await cora.page.getByLabel("Tags").fill("dashboards, reporting");
    await cora.page.getByLabel("Organisation").selectOption({ label: "Acme Cloud" });
    await cora.page.getByRole("button", { name: "Propose idea" }).click();
    await cora.page.waitForURL(/\/ideas\/\d+$/);
    const ideaUrl = cora.page.url();
    await expect.poll(() => cora.page.locator("main").innerText()).toContain("You cannot support your own idea.");

    const voters = [await as("wim"), await as("wanda")];
    for (const [index, voter] of voters.entries()) {
      await voter.page.goto(ideaUrl);
      await voter.page.getByRole("button", { name: "Support this idea" }).click();
      await expect
        .poll(() => voter.page.locator(".idea-count").innerText())
        .toBe(index === 0 ? "1 supporter" : "2 supporters");
      expect(await voter.page.getByRole("button", { name: "Withdraw my support" }).count()).toBe(1);
    }

    const vince = await as("vince");
    await vince.page.goto(ideaUrl);
    await vince.page.getByLabel("Status", { exact: true }).selectOption("planned");
    await vince.page.getByLabel("Official response (markdown, public)").fill("Planned for the **spring** release.");
    await vince.page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => vince.page.locator(".official-response").count()).toBe(1);
    const response = await vince.page.locator(".official-response").innerText();
    expect(response).toContain("Planned for the spring release.");
    expect(response).toContain("Vince Vendor, Employee of Acme Cloud");
    expect(await vince.page.locator(".idea-meta .idea-status").innerText()).toBe("Planned");

    for (const member of [cora, ...voters]) {
      await member.page.goto(`${server.url}/notifications`);
      const items = member.page.locator(".notification-list > li");
      await expect.poll(() => items.count()).toBe(1);
      expect(await items.first().innerText()).toContain(`Vince Vendor set the idea “${TITLE}” to Planned`);
    }

    await cora.page.goto(`${server.url}/orgs/acme`);
    await cora.page.getByRole("link", { name: "Roadmap: ideas for Acme Cloud" }).click();
    await cora.page.waitForURL(/\/orgs\/acme\/roadmap$/);
    const planned = cora.page.locator('section[aria-labelledby="roadmap-planned"]');
    expect(await planned.locator("h2").innerText()).toContain("(1 idea)");
    expect(await planned.getByRole("link", { name: TITLE }).count()).toBe(1);

    const credit = server.sqlite
      .prepare(
        "select sum(r.points) from reputation_events r join users u on u.id = r.user_id where u.handle = 'cora' and r.reason = 'idea_planned'",
      )
      .pluck()
      .get();
    expect(credit).toBe(10);

    for (const session of [cora, vince, ...voters]) {
      expect(session.problems).toEqual([]);
      await session.close();
    }
  });
});
