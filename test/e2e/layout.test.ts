/**
 * The layout on a 390 px phone and on a desktop: a compact header whose menu works without JavaScript, wide
 * code and tables scrolling in their own box, radios beside their labels, visible focus, form controls that
 * can be seen (3:1 against the page). docs/frontend.md
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amsterdamLocal } from "../factories";
import { startServer, type TestServer } from "../server";
import { launchBrowser, logIn, openPage, signUpMembers } from "./browser";

let server: TestServer;
let browser: Browser;
let questionUrl: string;
let eventUrl: string;
const PHONE = { viewport: { width: 390, height: 844 }, locale: "en-GB" };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await signUpMembers(server, [
    ["Wide Writer", "wide"],
    ["Lena Lead", "lena"],
  ]);
  server.exec("update users set role = 'lead' where handle = 'lena'");
  const { page, close } = await openPage(browser);
  await logIn(page, server.url, "lena@example.test", "lena-password-1");
  await page.goto(`${server.url}/questions/ask`);
  await page.getByLabel("Title").fill("Why does this very long query overflow the page?");
  const longLine = `select ${Array.from({ length: 40 }, (_, i) => `column_number_${i}`).join(", ")} from a_table;`;
  const wideTable = `| ${Array.from({ length: 14 }, (_, i) => `heading${i}`).join(" | ")} |\n|${" --- |".repeat(14)}\n| ${Array.from({ length: 14 }, (_, i) => `value-${i}-long`).join(" | ")} |`;
  await page
    .getByLabel("Text", { exact: true })
    .fill(`Here:\n\n\`\`\`sql\n${longLine}\n\`\`\`\n\n${wideTable}\n\nAn_unbroken_identifier_${"x".repeat(120)}`);
  await page.getByLabel("Tags").fill("sql");
  await page.getByRole("button", { name: "Post question" }).click();
  await page.waitForURL(/\/questions\/\d+$/);
  questionUrl = page.url();
  await page.goto(`${server.url}/events/new`);
  await page.getByLabel("Title").fill("Phone-sized meetup");
  await page.getByLabel("Description (markdown)").fill("Check the radios.");
  await page.getByLabel("Starts").fill(amsterdamLocal(72));
  await page.getByLabel("Ends").fill(amsterdamLocal(74));
  await page.getByLabel("Venue").fill("Office");
  await page.getByLabel("Address").fill("Oudegracht 1, Utrecht");
  await page.getByLabel("City").fill("Utrecht");
  await page.getByLabel("Topics").fill("data");
  await page.getByRole("button", { name: "Create the meetup" }).click();
  await page.waitForURL(/\/events\/\d+$/);
  eventUrl = page.url();
  await close();
});

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

function contrast(a: number[], b: number[]) {
  const lum = (rgb: number[]) => {
    const [r, g, bl] = rgb.map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe("layout on a phone", () => {
  it("a question with a wide code block, table and word fits 390 px; they scroll in their own box", async () => {
    const { page, problems, close } = await openPage(browser, PHONE);
    await page.goto(questionUrl);
    expect(await overflow(page)).toBe(0);
    const pre = await page
      .locator(".prose pre")
      .first()
      .evaluate((el) => ({
        scroll: el.scrollWidth,
        client: el.clientWidth,
        overflowX: getComputedStyle(el).overflowX,
      }));
    expect(pre.scroll).toBeGreaterThan(pre.client);
    expect(pre.overflowX).toBe("auto");
    const table = await page
      .locator(".prose table")
      .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(table.scroll).toBeGreaterThan(table.client);
    expect(problems).toEqual([]);
    await close();
  });

  it("the header is compact, and its menu opens without JavaScript", async () => {
    const { page, close } = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${server.url}/`);
    const header = await page.locator("header.site-header").boundingBox();
    expect(header!.height).toBeLessThan(844 * 0.1);
    const articles = page.locator(".main-nav").getByRole("link", { name: "Articles" });
    expect(await articles.isVisible()).toBe(false);
    await page.locator(".menu-toggle summary").click();
    expect(await articles.isVisible()).toBe(true);
    expect(await page.locator("#site-search").isVisible()).toBe(true);
    expect(await overflow(page)).toBe(0);
    await close();
  });

  it("with JavaScript, following a menu link navigates and closes the menu", async () => {
    const { page, problems, close } = await openPage(browser, PHONE);
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.locator(".menu-toggle summary").click();
    await page.locator(".main-nav").getByRole("link", { name: "Questions" }).click();
    await page.waitForURL(`${server.url}/questions`);
    await expect.poll(() => page.locator(".menu-toggle").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(problems).toEqual([]);
    await close();
  });

  it("the RSVP radios sit beside their labels, not stretched across the form", async () => {
    const { page, close } = await openPage(browser, PHONE);
    await logIn(page, server.url, "wide@example.test", "wide-password-1");
    await page.goto(eventUrl);
    const radio = page.getByLabel("Maybe", { exact: true });
    const box = (await radio.boundingBox())!;
    expect(box.width).toBeLessThan(32);
    const label = (await page.locator("label", { has: radio }).boundingBox())!;
    expect(label.width).toBeLessThan(200);
    await close();
  });
});

describe("language", () => {
  it("logging in with JavaScript, a member's saved language arrives with its dictionary (and leaves on log out)", async () => {
    server.exec("update users set locale = 'nl' where handle = 'wide'");
    const { page, problems, close } = await openPage(browser, {
      viewport: { width: 1280, height: 800 },
      locale: "en-GB",
    });
    await page.goto(`${server.url}/login`);
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.getByLabel("Email").fill("wide@example.test");
    await page.getByLabel("Password").fill("wide-password-1");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${server.url}/`);
    await page.waitForFunction(() => "__remixRouter" in window);
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");
    expect(await page.locator(".main-nav").innerText()).toContain("Vragen");
    await page.goto(`${server.url}/questions`);
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.waitForURL(/\/questions|\/$/);
    await page.waitForFunction(() => "__remixRouter" in window);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator(".main-nav").innerText()).toContain("Questions");
    expect(problems).toEqual([]);
    server.exec("update users set locale = null where handle = 'wide'");
    await close();
  });
});

describe("controls on a desktop", () => {
  for (const theme of ["light", "dark"] as const) {
    it(`form controls have 3:1 contrast against the page (${theme})`, async () => {
      const { page, close } = await openPage(browser, { viewport: { width: 1280, height: 800 }, colorScheme: theme });
      await page.goto(`${server.url}/login`);
      const colours = await page.getByLabel("Email").evaluate((input) => {
        const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
        return {
          border: rgb(getComputedStyle(input).borderTopColor),
          page: rgb(getComputedStyle(document.body).backgroundColor),
        };
      });
      expect(contrast(colours.border, colours.page)).toBeGreaterThanOrEqual(3);
      await close();
    });
  }

  it("the language and theme switches show their focus ring (nothing clips it)", async () => {
    const { page, close } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/`);
    const button = page.locator(".switch button").first();
    await button.focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Shift+Tab");
    const style = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return {
        tag: el.tagName,
        outline: getComputedStyle(el).outlineStyle,
        width: getComputedStyle(el).outlineWidth,
        clip: getComputedStyle(el.parentElement!).overflow,
      };
    });
    expect(style).toEqual({ tag: "BUTTON", outline: "solid", width: "3px", clip: "visible" });
    await close();
  });

  it("leads find /health in the header; members do not", async () => {
    const lead = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await logIn(lead.page, server.url, "lena@example.test", "lena-password-1");
    await lead.page.locator(".main-nav").getByRole("link", { name: "Community health" }).click();
    await lead.page.waitForURL(`${server.url}/health`);
    await lead.close();
    const member = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await logIn(member.page, server.url, "wide@example.test", "wide-password-1");
    expect(await member.page.locator(".main-nav").getByRole("link", { name: "Community health" }).count()).toBe(0);
    await member.close();
  });
});
