import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, startServer, type TestServer } from "../server";
import { launchBrowser, logIn, openAs, openPage, signUpMembers, waitForHydration } from "./browser";

let server: TestServer;
let browser: Browser;
let existing: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await signUpMembers(server, [["Anna Asker", "anna"]]);
  const erik = await signUp(server, {
    name: "Erik Expert",
    handle: "erik",
    email: "erik@example.test",
    password: "erik-password-1",
  });
  server.exec("update users set created_at = ?", Date.now() - 3 * 24 * 3600_000);
  const asked = await erik.post("/questions/ask", {
    title: "Rotating the webhook signing secret",
    body: "How do we rotate it without dropping events?",
    tags: "webhooks",
  });
  existing = Number(/(\d+)$/.exec(asked.headers.get("location")!)![1]);
});

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("similar questions while asking", () => {
  it("with JavaScript: typing a title shows similar questions as links, without console errors", async () => {
    const { page, problems, close } = await openAs(browser, server, "anna");
    await page.goto(`${server.url}/questions/ask`);
    await waitForHydration(page);
    const list = page.locator(".similar-questions");
    expect(await list.innerText()).toBe("");
    await page.getByLabel("Title").pressSequentially("Webhook secret", { delay: 20 });
    await list.getByRole("heading", { name: "Similar questions already asked" }).waitFor();
    const link = list.getByRole("link", { name: "Rotating the webhook signing secret" });
    expect(await link.getAttribute("href")).toBe(`/questions/${existing}`);
    expect(await list.innerText()).toContain("0 answers");
    // Too short a title: the list goes away.
    await page.getByLabel("Title").fill("We");
    await expect.poll(() => list.innerText()).toBe("");
    expect(page.url()).toBe(`${server.url}/questions/ask`); // nothing navigated or posted
    expect(problems).toEqual([]);
    await close();
  });

  it("without JavaScript, on a phone: the preview shows them", async () => {
    const { page, problems, close } = await openPage(browser, {
      javaScriptEnabled: false,
      locale: "en-GB",
      viewport: { width: 390, height: 844 },
    });
    await logIn(page, server.url, "anna@example.test", "anna-password-1");
    await page.goto(`${server.url}/questions/ask`);
    await page.getByLabel("Title").fill("How to rotate a webhook secret?");
    await page.getByLabel("Text", { exact: true }).fill("Draft");
    await page.getByRole("button", { name: "Preview" }).click();
    const list = page.locator(".similar-questions");
    await list.getByRole("heading", { name: "Similar questions already asked" }).waitFor();
    expect(await list.getByRole("link").getAttribute("href")).toBe(`/questions/${existing}`);
    expect(await page.getByLabel("Title").inputValue()).toBe("How to rotate a webhook secret?");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
    await close();
  });
});
