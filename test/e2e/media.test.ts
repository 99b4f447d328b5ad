/**
 * The profile photo and the expert card in a phone-sized browser (issue 20, points 8 and 9): /settings
 * with its upload form at 390 px, a refused file's message beside the field, an accepted photo shown in
 * settings and on the profile, and the card's preview.
 */
import AxeBuilder from "@axe-core/playwright";
import sharp from "sharp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../server";
import { launchBrowser, logIn, openPage, signUpMembers, waitForHydration } from "./browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await signUpMembers(server, [["Pia Photo", "pia"]]);
});

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

const loaded = (page: Page, selector: string) =>
  page.locator(selector).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
/** Serious and critical axe violations, as the page matrix counts them (test/e2e/pages.test.ts). */
async function axeProblems(page: Page) {
  const axe = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .analyze();
  return axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("profile photo and expert card in a browser", () => {
  it("uploads a photo from /settings at 390 px: a text file is refused beside the field, a photo is shown", async () => {
    const pia = await openPage(browser, { locale: "en-GB", viewport: { width: 390, height: 844 } });
    await logIn(pia.page, server.url, "pia@example.test", "pia-password-1");
    await pia.page.goto(`${server.url}/settings`);
    await waitForHydration(pia.page);
    expect(await noSidewaysScroll(pia.page)).toBe(true);
    await expect.poll(() => loaded(pia.page, "img.card-preview")).toBe(true);

    const file = pia.page.getByLabel("Photo", { exact: true });
    await file.setInputFiles({ name: "me.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not a picture at all") });
    await pia.page.getByRole("button", { name: "Upload photo" }).click();
    await expect.poll(() => pia.page.locator("#photo-error").textContent()).toBe("This file is not an image.");
    expect(await file.getAttribute("aria-describedby")).toContain("photo-error");
    expect(await axeProblems(pia.page)).toEqual([]);

    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#2a7" } })
      .png()
      .toBuffer();
    await file.setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
    await pia.page.getByRole("button", { name: "Upload photo" }).click();
    await pia.page.getByText("Your photo is saved.").waitFor();
    await expect.poll(() => loaded(pia.page, ".photo-settings img.avatar")).toBe(true);
    expect(await noSidewaysScroll(pia.page)).toBe(true);
    expect(await axeProblems(pia.page)).toEqual([]);

    await pia.page.goto(`${server.url}/members/pia`);
    await waitForHydration(pia.page);
    await expect.poll(() => loaded(pia.page, ".profile-header img.avatar")).toBe(true);

    await pia.page.goto(`${server.url}/settings`);
    await waitForHydration(pia.page);
    await pia.page.getByRole("button", { name: "Remove photo" }).click();
    await pia.page.getByText("Your photo is removed").waitFor();
    await expect.poll(() => pia.page.locator(".photo-settings svg.avatar").count()).toBe(1);
    expect(pia.problems).toEqual([]);
    await pia.close();
  });
});
