import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../server";
import { launchBrowser, openAs, signUpMembers } from "./browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await signUpMembers(server, [
    ["Annet Asker", "annet"],
    ["Bram Helper", "bram"],
  ]);
});

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

const as = (handle: string) => openAs(browser, server, handle);

describe("notifications in a browser", () => {
  it("an answer mentioning the asker notifies once; editing it does not notify again", async () => {
    const annet = await as("annet");
    await annet.page.goto(`${server.url}/questions/ask`);
    await annet.page.getByLabel("Title").fill("How do I export the invoices of one quarter?");
    await annet.page.getByLabel("Text", { exact: true }).fill("Finance needs them as one CSV per quarter.");
    await annet.page.getByLabel("Tags").fill("billing");
    await annet.page.getByRole("button", { name: "Post question" }).click();
    await annet.page.waitForURL(/\/questions\/\d+$/);
    const questionUrl = annet.page.url();

    const bram = await as("bram");
    await bram.page.goto(questionUrl);
    await bram.page.getByLabel("Text", { exact: true }).fill("@annet use Billing → Export and pick the quarter.");
    await bram.page.getByRole("button", { name: "Post answer" }).click();
    await expect.poll(() => bram.page.locator(".answers").innerText()).toContain("use Billing");
    expect(await bram.page.locator('.answers a[href="/members/annet"]').innerText()).toBe("@annet");

    await annet.page.goto(`${server.url}/`);
    expect(await annet.page.locator(".notifications-link").innerText()).toContain("1 unread");
    await annet.page.locator(".notifications-link").click();
    await annet.page.waitForURL(/\/notifications$/);
    const items = annet.page.locator(".notification-list > li");
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().innerText()).toContain(
      "Bram Helper answered your question “How do I export the invoices of one quarter?”",
    );

    await bram.page.locator(".answers").getByRole("link", { name: "Edit" }).click();
    await bram.page.waitForURL(/\/posts\/\d+\/edit$/);
    await bram.page
      .getByLabel("Text", { exact: true })
      .fill("@annet use Billing → Export, pick the quarter, then CSV.");
    await bram.page.getByRole("button", { name: /save/i }).click();
    await bram.page.waitForURL(/\/questions\/\d+/);

    await annet.page.reload();
    expect(await items.count()).toBe(1);
    await items.first().getByRole("link").click();
    await annet.page.waitForURL(/\/questions\/\d+#post-\d+$/);
    expect(await annet.page.locator(".notifications-link").innerText()).not.toContain("unread");
    expect(annet.problems).toEqual([]);
    expect(bram.problems).toEqual([]);
    await annet.close();
    await bram.close();
  });
});
