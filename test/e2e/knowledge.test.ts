import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../server";
import { XSS_VECTORS } from "../xss-vectors";
import { launchBrowser, logIn, openAs, openPage, signUpMembers } from "./browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await signUpMembers(server, [
    ["Erik Expert", "erik"],
    ["Anna Asker", "anna"],
    ["Ben Helper", "ben"],
    ["Cas Helper", "cas"],
  ]);
  server.exec("update users set role = 'expert' where handle = 'erik'");
  // Members of some days: the journeys post faster than new members may (docs/limits.md).
  server.exec("update users set created_at = ? where handle in ('anna', 'ben', 'cas')", Date.now() - 3 * 24 * 3600_000);
});

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

const as = (handle: string) => openAs(browser, server, handle);

describe("knowledge journeys in a browser", () => {
  it("an expert's article appears on /articles, its tag page, in search and in /feed.xml", async () => {
    const { page, problems, close } = await as("erik");
    await page.goto(`${server.url}/articles/new`);
    await page.getByLabel("Title").fill("Partitioning warehouse tables by month");
    await page.getByLabel("Summary").fill("Why and how we partition the big fact tables.");
    await page
      .getByLabel("Text", { exact: true })
      .fill("## Why\n\nQueries on **recent** data got slow. We used `PARTITION BY` on the *zebrafactkey*.");
    await expect.poll(() => page.locator(".preview").innerHTML()).toContain("<strong>recent</strong>"); // live preview
    await page.getByLabel("Tags").fill("warehouse, performance");
    await page.getByRole("button", { name: "Publish article" }).click();
    await page.waitForURL(/\/articles\/partitioning-warehouse-tables-by-month$/);
    await expect.poll(() => page.locator("h1").innerText()).toBe("Partitioning warehouse tables by month");

    await page.goto(`${server.url}/articles`);
    expect(await page.locator(".post-list").innerText()).toContain("Partitioning warehouse tables by month");
    await page.goto(`${server.url}/tags/warehouse`);
    expect(await page.locator("main").innerText()).toContain("Partitioning warehouse tables by month");
    await page.locator("#site-search").fill("zebrafactkey");
    await page.locator("#site-search").press("Enter");
    await page.waitForURL(/\/search\?q=zebrafactkey/);
    await expect
      .poll(() => page.locator(".search-results").innerText())
      .toContain("Partitioning warehouse tables by month");
    const feed = await (await page.request.get(`${server.url}/feed.xml`)).text();
    expect(feed).toContain('<title type="html"><![CDATA[Partitioning warehouse tables by month]]></title>');
    expect(problems).toEqual([]);
    await close();
  });

  it("a member asks, two others answer, the asker accepts the second: it shows first", async () => {
    const anna = await as("anna");
    await anna.page.goto(`${server.url}/questions/ask`);
    await anna.page.getByLabel("Title").fill("How do I rotate the API key of a connector?");
    await anna.page.getByLabel("Text", { exact: true }).fill("Our security team wants keys rotated every 90 days.");
    await anna.page.getByLabel("Tags").fill("security, connectors");
    await anna.page.getByRole("button", { name: "Post question" }).click();
    await anna.page.waitForURL(/\/questions\/\d+$/);
    const questionUrl = anna.page.url();

    for (const [handle, text] of [
      ["ben", "Open the connector settings and press Rotate."],
      ["cas", "Use the admin API: POST /connectors/:id/rotate-key."],
    ]) {
      const helper = await as(handle);
      await helper.page.goto(questionUrl);
      await helper.page.getByLabel("Text", { exact: true }).fill(text);
      await helper.page.getByRole("button", { name: "Post answer" }).click();
      await expect.poll(() => helper.page.locator(".answers").innerText()).toContain(text);
      expect(helper.problems).toEqual([]);
      await helper.close();
    }

    await anna.page.goto(questionUrl);
    const answers = anna.page.locator(".answers > li");
    expect(await answers.first().innerText()).toContain("Open the connector settings");
    await answers.nth(1).getByRole("button", { name: "Accept this answer" }).click();
    await expect.poll(() => anna.page.locator(".answers > li").first().innerText()).toContain("Use the admin API");
    expect(await anna.page.locator(".answers > li").first().innerText()).toContain("Accepted answer");

    // Only the post whose "Add a comment" was followed gets a comment form.
    expect(await anna.page.locator(".answers textarea[name=body]").count()).toBe(0);
    await answers.first().getByRole("link", { name: "Add a comment" }).click();
    await anna.page.getByLabel("Add a comment").fill("Thanks, that worked for us.");
    expect(await anna.page.locator("textarea[name=body]").count()).toBe(2); // this comment and the answer form
    await anna.page.getByRole("button", { name: "Comment", exact: true }).click();
    await expect
      .poll(() => anna.page.locator(".answers > li").first().locator(".comments").innerText())
      .toContain("Thanks, that worked for us.");

    // Links in answers are plain anchors (app/components/PageLink.tsx): with JavaScript they navigate inside the app,
    // without a document load, and back again.
    await anna.page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await anna.page
      .locator(".answers > li")
      .first()
      .locator(".byline")
      .getByRole("link", { name: "Cas Helper" })
      .click();
    await anna.page.waitForURL(/\/members\/cas$/);
    await expect.poll(() => anna.page.locator("h1").innerText()).toContain("Cas Helper");
    expect(await anna.page.evaluate(() => "sameDocument" in window)).toBe(true);
    await anna.page.goBack();
    await expect.poll(() => anna.page.locator(".answers > li").first().innerText()).toContain("Use the admin API");
    expect(await anna.page.evaluate(() => "sameDocument" in window)).toBe(true);
    expect(anna.problems).toEqual([]);
    await anna.close();
  });

  it("a post and comments full of XSS vectors fire no dialog and run no script", async () => {
    const erik = await as("erik");
    let dialogs = 0;
    erik.page.on("dialog", async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
    await erik.page.goto(`${server.url}/articles/new`);
    await erik.page.getByLabel("Title").fill("A collection of dangerous strings");
    await erik.page.getByLabel("Text", { exact: true }).fill(XSS_VECTORS.join("\n\n"));
    await erik.page.getByRole("button", { name: "Preview" }).click();
    await erik.page.getByLabel("Tags").fill("security");
    await erik.page.getByRole("button", { name: "Publish article" }).click();
    await erik.page.waitForURL(/\/articles\/a-collection-of-dangerous-strings$/);
    for (const vector of XSS_VECTORS.slice(0, 8)) {
      await erik.page.locator(".comments textarea[name=body]").first().fill(vector);
      await erik.page.getByRole("button", { name: "Comment", exact: true }).first().click();
      await expect.poll(() => erik.page.locator(".comments li").count()).toBeGreaterThan(XSS_VECTORS.indexOf(vector));
    }
    await erik.page.reload();
    await erik.page.waitForTimeout(300);
    expect(dialogs).toBe(0);
    expect(
      await erik.page.evaluate(() => document.querySelectorAll("main script, main iframe, main img, main svg").length),
    ).toBe(0);
    await erik.close();
  });

  it("voting works with JavaScript (in place) and without it (Post/Redirect/Get: a reload does not vote again)", async () => {
    server.grantReputation("cas", 15); // the upvote privilege
    const anna = await as("anna");
    await anna.page.goto(`${server.url}/questions/ask`);
    await anna.page.getByLabel("Title").fill("Which vote survives a page reload?");
    await anna.page.getByLabel("Text", { exact: true }).fill("Checking that a refresh after a vote posts nothing.");
    await anna.page.getByLabel("Tags").fill("votes");
    await anna.page.getByRole("button", { name: "Post question" }).click();
    await anna.page.waitForURL(/\/questions\/\d+$/);
    const questionUrl = anna.page.url();
    const id = Number(/(\d+)$/.exec(questionUrl)![1]);
    await anna.close();
    const score = () => server.sqlite.prepare("select score from posts where id = ?").pluck().get(id);

    const withJs = await as("cas");
    await withJs.page.goto(questionUrl);
    await withJs.page.locator(`#post-${id} .votes button[value="1"]`).click();
    await expect.poll(() => withJs.page.locator(`#post-${id} .votes .score`).innerText()).toBe("1");
    await expect.poll(score).toBe(1);
    expect(withJs.page.url()).toBe(questionUrl); // the fetcher kept the page in place
    await withJs.page.locator(`#post-${id} .votes button[value="0"]`).first().click(); // undo
    await expect.poll(score).toBe(0);
    expect(withJs.problems).toEqual([]);
    await withJs.close();

    const noJs = await openPage(browser, { locale: "en-GB", javaScriptEnabled: false });
    await logIn(noJs.page, server.url, "cas@example.test", "cas-password-1");
    await noJs.page.goto(questionUrl);
    await noJs.page.locator(`#post-${id} .votes button[value="1"]`).click();
    await noJs.page.waitForURL(`${questionUrl}#post-${id}`);
    expect(score()).toBe(1);
    expect(await noJs.page.locator(`#post-${id} .votes .score`).innerText()).toBe("1");
    const reload = await noJs.page.reload(); // a GET: no "resubmit the form?" and no second vote
    expect(reload?.request().method()).toBe("GET");
    expect(score()).toBe(1);
    await noJs.close();
  });

  it("deleting asks first, with JavaScript as without", async () => {
    const anna = await as("anna");
    await anna.page.goto(`${server.url}/questions/ask`);
    await anna.page.getByLabel("Title").fill("A question that asks before it goes");
    await anna.page.getByLabel("Text", { exact: true }).fill("Deleting this takes a confirmation step.");
    await anna.page.getByLabel("Tags").fill("delete");
    await anna.page.getByRole("button", { name: "Post question" }).click();
    await anna.page.waitForURL(/\/questions\/\d+$/);
    const id = Number(/(\d+)$/.exec(anna.page.url())![1]);
    const status = () => server.sqlite.prepare("select status from posts where id = ?").pluck().get(id);
    await anna.page.getByRole("link", { name: "Delete", exact: true }).click();
    await anna.page.getByRole("button", { name: "Yes, delete" }).waitFor();
    expect(status()).toBe("published");
    await anna.page.getByRole("link", { name: "Cancel" }).click();
    await expect.poll(() => anna.page.getByRole("button", { name: "Yes, delete" }).count()).toBe(0);
    expect(status()).toBe("published");
    await anna.page.getByRole("link", { name: "Delete", exact: true }).click();
    await anna.page.getByRole("button", { name: "Yes, delete" }).click();
    await expect.poll(status).toBe("deleted");
    await expect.poll(() => anna.page.getByText("This post is deleted").count()).toBe(1);
    expect(anna.problems).toEqual([]);
    await anna.close();
  });
});
