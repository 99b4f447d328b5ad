import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, startServer, type TestServer } from "../server";
import { launchBrowser, openAs, openPage, waitForHydration } from "./browser";

/**
 * A document's __remixContext leaves out the bodies' HTML (app/utils/handoff.server.ts): the page must still
 * hydrate without a warning, keep its bodies through navigations, and update in place when a member votes or
 * comments (docs/frontend.md).
 */
let server: TestServer;
let browser: Browser;
let first: number;
let second: number;
let articlePath: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const anna = await signUp(server, {
    name: "Anna Asker",
    handle: "anna",
    email: "anna@example.test",
    password: "anna-password-1",
  });
  const ben = await signUp(server, {
    name: "Ben Helper",
    handle: "ben",
    email: "ben@example.test",
    password: "ben-password-1",
  });
  server.exec("update users set created_at = ? where handle in ('anna', 'ben')", Date.now() - 3 * 24 * 3600_000);
  server.exec("update users set role = 'expert' where handle = 'anna'");
  server.grantReputation("ben", 60); // upvote and comment
  const ask = async (title: string, body: string) => {
    const asked = await anna.post("/questions/ask", { title, body, tags: "handoff" });
    return Number(/\/questions\/(\d+)/.exec(asked.headers.get("location")!)![1]);
  };
  first = await ask("Does the first question keep its body?", "The first question's **own body** text.");
  second = await ask("Does the second question keep its body?", "The second question's *own body* text.");
  await ben.post(`/questions/${first}`, { intent: "answer", body: "An answer with a `code span` in it." });
  const posted = await anna.post("/articles/new", {
    title: "Bodies that hydrate from the page",
    summary: "How a page reads its own HTML.",
    body: "The article's **body** is not sent twice.",
    tags: "handoff",
  });
  articlePath = new URL(posted.headers.get("location")!, server.url).pathname;
});

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

const answerBody = async (page: Page) => (await page.locator("ol.answers .prose").first().innerHTML()).trim();

describe("pages hydrate from their own HTML", () => {
  it("an anonymous question page hydrates without warnings and keeps its bodies through client-side navigations", async () => {
    const { page, problems, close } = await openPage(browser, { locale: "en-GB" });
    await page.goto(`${server.url}/questions/${first}`);
    await waitForHydration(page);
    const handed = await page.evaluate(() => {
      const data = (window as unknown as { __remixContext: { state: { loaderData: Record<string, unknown> } } })
        .__remixContext.state.loaderData["routes/questions.$id"] as {
        answers: { id: number; bodyHtml: string | null }[];
      };
      return data.answers[0];
    });
    expect(handed.id).toBeGreaterThan(0);
    expect(handed.bodyHtml).toBeNull(); // the page carried it, the handoff did not
    expect(await answerBody(page)).toBe("<p>An answer with a <code>code span</code> in it.</p>");
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    await page.locator(".tag-list a", { hasText: "handoff" }).first().click();
    await page.waitForURL(/\/tags\/handoff$/);
    await page.getByRole("link", { name: "Does the second question keep its body?" }).click();
    await page.waitForURL(new RegExp(`/questions/${second}$`));
    await expect.poll(() => page.locator(`#post-${second} .prose`).innerHTML()).toContain("<em>own body</em>");
    await page.goBack();
    await page.goBack();
    await page.waitForURL(new RegExp(`/questions/${first}$`));
    await expect.poll(() => answerBody(page)).toBe("<p>An answer with a <code>code span</code> in it.</p>");
    expect(await page.locator(`#post-${first} .prose`).first().innerHTML()).toContain("<strong>own body</strong>");
    // Client-side all along: the window is the one the test marked.
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

    await page.goto(`${server.url}${articlePath}`);
    await waitForHydration(page);
    expect(await page.locator(".prose").first().innerHTML()).toContain("<strong>body</strong> is not sent twice");
    expect(problems).toEqual([]);
    await close();
  });

  it("a member votes and comments with JavaScript: the page updates in place and keeps every body", async () => {
    const { page, problems, close } = await openAs(browser, server, "ben");
    const url = `${server.url}/questions/${first}`;
    await page.goto(url);
    await waitForHydration(page);
    // The body's nodes are the page's own: the data that comes back after the vote has the same HTML, so React keeps them.
    await page.evaluate(
      () => ((document.querySelector("ol.answers .prose p") as unknown as { kept: boolean }).kept = true),
    );
    const revalidated = page.waitForResponse(
      (r) => r.request().method() === "GET" && decodeURIComponent(r.url()).includes("_data=routes/questions.$id"),
    );
    await page.locator(`#post-${first} .votes button[value="1"]`).first().click();
    await revalidated;
    await expect.poll(() => page.locator(`#post-${first} .votes .score`).first().innerText()).toBe("1");
    expect(page.url()).toBe(url);
    await expect.poll(() => answerBody(page)).toBe("<p>An answer with a <code>code span</code> in it.</p>");
    expect(
      await page.evaluate(() => (document.querySelector("ol.answers .prose p") as unknown as { kept?: boolean }).kept),
    ).toBe(true);

    await page.locator(`#post-${first} > div > .comments`).getByRole("link", { name: "Add a comment" }).click();
    await page.locator(`#comment-body-${first}`).fill("A comment posted after hydration.");
    await page.locator(`#comment-${first}`).getByRole("button", { name: "Comment" }).click();
    await expect
      .poll(() => page.locator(`#post-${first} .comments`).first().innerText())
      .toContain("A comment posted after hydration.");
    expect(await page.locator(`#post-${first} .prose`).first().innerHTML()).toContain("<strong>own body</strong>");
    await expect.poll(() => answerBody(page)).toBe("<p>An answer with a <code>code span</code> in it.</p>");
    expect(problems).toEqual([]);
    await close();
  });
});
