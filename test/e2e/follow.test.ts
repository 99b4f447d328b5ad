/**
 * A newcomer's first steps in a phone-sized browser (issue 18, points 7–9): the checklist on the home page,
 * the suggested tags on /welcome followed with their buttons, the step ticking, the follow button on a tag
 * page, and /settings listing what they follow.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type TestServer } from "../server";
import { launchBrowser, logIn, openPage, signUpMembers, waitForHydration } from "./browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await signUpMembers(server, [
    ["Annet Asker", "annet"],
    ["Nina Newcomer", "nina"],
  ]);
  server.exec("update users set created_at = ? where handle = 'annet'", Date.now() - 40 * 86_400_000);
  const annet = new Client(server.url);
  await annet.login("annet@example.test", "annet-password-1");
  const asked = await annet.post("/questions/ask", {
    title: "How do we rotate the API keys of a tenant?",
    body: "Every quarter, without downtime.",
    tags: "security, api, tenants",
  });
  expect(asked.status).toBe(302);
});

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("a newcomer's first steps in a browser", () => {
  it("follows the suggested tags from /welcome, sees the step tick, and finds them in /settings", async () => {
    const nina = await openPage(browser, { locale: "en-GB", viewport: { width: 390, height: 844 } });
    await logIn(nina.page, server.url, "nina@example.test", "nina-password-1");
    await waitForHydration(nina.page);
    const checklist = nina.page.locator(".welcome-box");
    expect(await checklist.getByRole("heading").innerText()).toBe("Your first steps");
    expect(await checklist.innerText()).toContain("Progress: 0/5");

    await checklist.getByRole("link", { name: "Follow three tags" }).click();
    await nina.page.waitForURL(/\/welcome#suggested-tags$/);
    await waitForHydration(nina.page);
    for (const tag of ["api", "security", "tenants"]) {
      await nina.page.getByRole("button", { name: `Follow the tag ${tag}` }).click();
      await expect.poll(() => nina.page.getByRole("button", { name: `Follow the tag ${tag}` }).count()).toBe(0);
    }
    expect(await nina.page.locator('.checklist li[data-step="tags"]').getAttribute("class")).toBe("done");
    expect(await nina.page.locator(".welcome-box").innerText()).toContain("Progress: 1/5");

    await nina.page.goto(`${server.url}/tags/api`);
    await waitForHydration(nina.page);
    await nina.page.getByRole("button", { name: "Unfollow: api" }).click();
    await nina.page.getByRole("button", { name: "Follow the tag api" }).waitFor();

    await nina.page.goto(`${server.url}/settings#following`);
    const following = nina.page.locator(".following-list");
    expect(await following.innerText()).toContain("security");
    expect(await following.innerText()).not.toContain("api");
    const overflow = await nina.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(nina.problems).toEqual([]);
    await nina.close();
  });
});
