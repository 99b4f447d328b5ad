import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../scripts/seed";
import { startServer, type TestServer } from "../server";
import { launchBrowser, logIn, openPage } from "./browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

async function as(email: string) {
  const session = await openPage(browser, { locale: "en-GB" });
  await logIn(session.page, server.url, email, DEMO_PASSWORD);
  return session;
}

describe("community health in a browser", () => {
  it("a lead sees the decline and a flagged member, nudges them, and the member reads it; a member gets 403", async () => {
    const lead = await as(DEMO_ACCOUNTS.find((a) => a.role === "lead")!.email);
    await lead.page.goto(`${server.url}/health`);
    expect(await lead.page.locator(".health-status").innerText()).toContain("Declining");
    const row = lead.page.locator(".health-members tbody tr").first();
    const name = await row.locator("td").first().innerText();
    expect(await row.innerText()).toMatch(/in the 12 weeks before, \d+ in the last 4: -\d+%/);
    await row.locator("summary", { hasText: "Nudge" }).click();
    await row.getByRole("textbox").fill(`Hi ${name}, we would love your view on this week's dbt questions.`);
    await row.getByRole("button", { name: "Nudge" }).click();
    await expect.poll(() => lead.page.locator("[role=status].notice").innerText()).toBe("Your nudge was sent.");

    const email = server.sqlite.prepare("select email from users where name = ?").pluck().get(name) as string;
    const member = await as(email);
    await member.page.goto(`${server.url}/notifications`);
    expect(await member.page.locator(".notification-list").innerText()).toContain("we would love your view on this week's dbt questions");

    const plain = await as(DEMO_ACCOUNTS.find((a) => a.role === "member")!.email);
    const response = await plain.page.goto(`${server.url}/health`);
    expect(response?.status()).toBe(403);
    for (const session of [lead, member]) {
      expect(session.problems).toEqual([]);
      await session.close();
    }
    await plain.close();
  });
});
