import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { signUp, type TestServer } from "../server";

/** Debian's Chromium, headless, with the flags this machine needs (no network beyond localhost). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

/**
 * A page that records console errors and uncaught exceptions, so a journey can assert there were none.
 * `expectedStatuses`: answers the journey provokes on purpose (400 for a form with errors by default; a
 * suspended member's log-in answers 403), which Chromium logs as console errors anyway.
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}, expectedStatuses = [400]) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  // Fail a step with its own message well before the test's timeout.
  page.setDefaultTimeout(8_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    const status = /Failed to load resource: .*status of (\d+)/.exec(message.text())?.[1];
    const expected = status !== undefined && expectedStatuses.includes(Number(status));
    if (message.type() === "error" && !expected) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return { page, problems, close: () => context.close() };
}

export async function headerAccountText(page: Page) {
  return (await page.locator("header .account").innerText()).trim();
}

export async function logIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(`${base}/`);
}

/** Journey members: signed up through the real form as `<handle>@example.test` with password `<handle>-password-1`. */
export async function signUpMembers(server: TestServer, members: [name: string, handle: string][]) {
  for (const [name, handle] of members) {
    await signUp(server, { name, handle, email: `${handle}@example.test`, password: `${handle}-password-1` });
  }
}

/** A fresh browser context, signed in as a member made by signUpMembers. */
export async function openAs(browser: Browser, server: TestServer, handle: string) {
  const session = await openPage(browser, { locale: "en-GB" });
  await logIn(session.page, server.url, `${handle}@example.test`, `${handle}-password-1`);
  return session;
}

/**
 * Until React has hydrated the document and the page has stopped loading: Remix creates its router just
 * before hydrating, and hydration errors (React 18 production: #418, #423, #425) arrive before the network
 * falls idle, since route modules and the dictionary load first.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.waitForLoadState("networkidle");
}
