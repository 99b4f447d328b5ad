import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../server";
import { headerAccountText, launchBrowser, openPage } from "./browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("account journey in a browser", () => {
  it("sign up → signed in → log out → log in → switch to Dutch → page in Dutch", async () => {
    const { page, problems, close } = await openPage(browser, { locale: "en-GB" });
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "Join", exact: true }).click();
    await page.waitForURL(/\/join$/);
    await page.getByLabel("Name").fill("Emma de Boer");
    await page.getByLabel("Handle").fill("emma");
    await page.getByLabel("Email").fill("emma@example.test");
    await page.getByLabel("Password").fill("emma-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/members\/emma$/);
    await expect.poll(() => headerAccountText(page)).toContain("Emma de Boer");
    await expect.poll(() => page.locator("h1").innerText()).toBe("Emma de Boer");

    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => headerAccountText(page)).toContain("Log in");

    await page.getByRole("link", { name: "Log in" }).click();
    await page.getByLabel("Email").fill("emma@example.test");
    await page.getByLabel("Password").fill("wrong-password-1");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect.poll(() => page.getByRole("alert").first().innerText()).toBe("Wrong email address or password.");
    await page.getByLabel("Password").fill("emma-password-1");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => headerAccountText(page)).toContain("Emma de Boer");

    await page.getByRole("link", { name: "Settings" }).click();
    await page.waitForURL(/\/settings$/);
    await page.getByRole("combobox", { name: "Language" }).selectOption("nl");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("nl");
    await expect.poll(() => page.locator("h1").innerText()).toBe("Instellingen");
    await page.goto(`${server.url}/members`);
    expect(await page.locator("h1").innerText()).toBe("Leden");
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");

    // The header switch works as well, both ways.
    await page.getByRole("button", { name: "English", exact: true }).click();
    await expect.poll(() => page.locator("h1").innerText()).toBe("Members");
    await page.getByRole("button", { name: "Nederlands", exact: true }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("nl");
    expect(problems).toEqual([]);
    await close();
  });
});

describe("without JavaScript", () => {
  it("sign-up shows field errors and then works; log-in works", async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: false, locale: "en-GB" });
    await page.goto(`${server.url}/join`);
    await page.getByLabel("Name").fill("Daan Jansen");
    await page.getByLabel("Handle").fill("emma"); // taken
    await page.getByLabel("Email").fill("daan@example.test");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForLoadState();
    expect(await page.locator("#handle-error").innerText()).toBe("That handle is already taken.");
    expect(await page.locator("#password-error").innerText()).toBe("Use at least 10 characters.");
    expect(await page.getByLabel("Handle").getAttribute("aria-describedby")).toContain("handle-error");

    await page.getByLabel("Handle").fill("daan");
    await page.getByLabel("Password").fill("daan-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/members\/daan$/);
    expect(await headerAccountText(page)).toContain("Daan Jansen");

    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await headerAccountText(page)).toContain("Log in");

    await page.goto(`${server.url}/login?redirectTo=%2Fsettings`);
    await page.getByLabel("Email").fill("daan@example.test");
    await page.getByLabel("Password").fill("daan-password-1");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/settings$/);
    expect(await page.locator("h1").innerText()).toBe("Settings");
    await close();
  });
});
