/**
 * Sign in with your company in Chromium (issue 20), against a real OpenID provider the test starts
 * (test/oidc-provider.ts), at 390 px: the button on /login goes to the provider (the page's form-action
 * allows it), the member is created as Acme's employee, signs out (offered the provider's sign-out) and
 * signs in again as the same member. The company pages (choose a handle, signed out) have no console
 * error, no hydration warning and no sideways scrolling; the page matrix cannot reach them.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProvider, type TestProvider } from "../oidc-provider";
import { signUp, startServer, type TestServer } from "../server";
import { headerAccountText, launchBrowser, logIn, openPage, waitForHydration } from "./browser";

let server: TestServer;
let browser: Browser;
let acme: TestProvider;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  acme = await startProvider({
    redirectUri: `${server.url}/auth/oidc/acme/callback`,
    accounts: { jan: { email: "jan@acme.example", name: "Jan de Vries" } },
  });
  await signUp(server, { name: "Ada Admin", handle: "ada", email: "ada@kring.test", password: "ada-password-1" });
  server.exec("update users set role = 'admin' where handle = 'ada'");
  server.exec("insert into organisations (slug, name, kind) values ('acme', 'Acme', 'vendor')");
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await acme?.stop();
  expect(server.stderr()).toBe("");
  await server.stop();
});

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The provider's own login page (oidc-provider's development interaction): any password. */
async function signInAtProvider(page: Page) {
  await page.waitForURL((url) => url.origin === acme.issuer);
  await page.locator('input[name="login"]').fill("jan");
  await page.locator('input[name="password"]').fill("any");
  await page.locator('button[type="submit"]').click();
}

describe("sign in with your company in a browser", () => {
  it("an admin sets up Acme's sign-in on its page; the secret is not shown back", async () => {
    const { page, problems, close } = await openPage(browser, {
      locale: "en-GB",
      viewport: { width: 390, height: 844 },
    });
    await logIn(page, server.url, "ada@kring.test", "ada-password-1");
    await page.goto(`${server.url}/orgs/acme`);
    await waitForHydration(page);
    await page.getByLabel("Issuer URL").fill(acme.issuer);
    await page.getByLabel("Client ID").fill(acme.clientId);
    await page.getByLabel("Client secret").fill(acme.clientSecret);
    await page.getByLabel("Email domains it vouches for").fill("acme.example");
    expect(await page.getByLabel("Members who sign in with it join as employees").isChecked()).toBe(true);
    await page.getByRole("button", { name: "Save sign-in" }).click();
    await expect.poll(() => page.getByRole("status").first().innerText()).toBe(`Configured for ${acme.issuer}.`);
    expect(await page.getByLabel("Client secret").inputValue()).toBe("");
    await page.reload();
    expect(await page.content()).not.toContain(acme.clientSecret);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  // Uses the sign-in the test above saved.
  it("/login → provider → choose handle → signed in as employee → sign out → sign in again, same member", async () => {
    const { page, problems, close } = await openPage(browser, {
      locale: "en-GB",
      viewport: { width: 390, height: 844 },
    });
    // The provider's pages are not Kring's: only Kring's own console output counts.
    const ours: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && message.location().url.startsWith(server.url)) ours.push(message.text());
    });
    await page.goto(`${server.url}/login`);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Sign in with Acme" }).click();
    await signInAtProvider(page);

    await page.waitForURL(`${server.url}/auth/oidc/acme/finish`);
    await waitForHydration(page);
    expect(await page.locator("h1").innerText()).toBe("Welcome, Jan de Vries");
    expect(await page.getByLabel("Handle").inputValue()).toBe("jan-de-vries");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Create my account" }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => headerAccountText(page)).toContain("Jan de Vries");
    const member = server.sqlite
      .prepare("select u.id, m.relation from users u join memberships m on m.user_id = u.id where u.email = ?")
      .get("jan@acme.example") as { id: number; relation: string };
    expect(member.relation).toBe("employee");

    // At 390 px the account controls sit behind the header's menu.
    await page.locator("summary", { hasText: "Menu" }).click();
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(`${server.url}/logout?from=acme`);
    await waitForHydration(page);
    const endSession = page.getByRole("link", { name: "Also sign out of Acme" });
    expect(await endSession.getAttribute("href")).toBe(`${acme.issuer}/session/end?client_id=${acme.clientId}`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await expect.poll(() => headerAccountText(page)).toContain("Log in");

    // The email lookup finds Acme's sign-in; the provider still knows Jan, so he comes straight back.
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Work email").fill("jan@acme.example");
    await page.getByRole("button", { name: "Continue with my company" }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => headerAccountText(page)).toContain("Jan de Vries");
    expect(server.sqlite.prepare("select count(*) from users where email = ?").pluck().get("jan@acme.example")).toBe(1);
    const session = server.sqlite
      .prepare("select user_id from sessions order by created_at desc limit 1")
      .pluck()
      .get();
    expect(session).toBe(member.id);

    expect(ours).toEqual([]);
    expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
    await close();
  });
});
