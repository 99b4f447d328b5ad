/**
 * The moderation journey in a browser (docs/moderation.md): a member flags an answer, a lead hides it from
 * the review queue and suspends its author for 7 days, the author's session ends and log-in says why and
 * until when, the flagger hears the outcome, and the audit log lists both actions.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startServer, type TestServer } from "../server";
import { launchBrowser, logIn, openAs, openPage, signUpMembers, waitForHydration } from "./browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await signUpMembers(server, [
    ["Fenna Flagger", "fenna"],
    ["Axel Author", "axel"],
    ["Lieke Lead", "lieke"],
  ]);
  server.exec("update users set role = 'lead' where handle = 'lieke'");
  server.exec("update users set created_at = ?", Date.now() - 10 * 24 * 3600_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("moderation in a browser", () => {
  it("flag → lead hides and suspends for 7 days → the author is signed out and told why → the flagger is told → both in the audit log", async () => {
    const asker = new Client(server.url);
    await asker.login("fenna@example.test", "fenna-password-1");
    const asked = await asker.post("/questions/ask", {
      title: "How do we connect the billing export to our warehouse?",
      body: "We need the nightly billing export in the warehouse. What is the supported way?",
      tags: "billing",
    });
    const questionUrl = asked.headers.get("location")!;
    const answerer = new Client(server.url);
    await answerer.login("axel@example.test", "axel-password-1");
    const answered = await answerer.post(questionUrl, {
      intent: "answer",
      body: "Forget the export: buy cheap licences from my shop instead, great deals this week.",
    });
    const answerId = /#post-(\d+)/.exec(answered.headers.get("location")!)![1];

    // The author has the site open on a phone: that session is about to end.
    const author = await openPage(browser, { locale: "en-GB", viewport: { width: 390, height: 844 } }, [400, 403]);
    await logIn(author.page, server.url, "axel@example.test", "axel-password-1");

    const flagger = await openAs(browser, server, "fenna");
    await flagger.page.goto(`${server.url}${questionUrl}`);
    await flagger.page.locator(`#post-${answerId}`).getByRole("link", { name: "Flag" }).click();
    const form = flagger.page.locator(`#flag-${answerId}`);
    await form.getByLabel("Spam or advertising").check();
    await form.getByRole("button", { name: "Flag this post" }).click();
    await expect
      .poll(() => flagger.page.locator(`#post-${answerId}`).innerText())
      .toContain("You flagged this post; a community lead will look at it.");

    const lead = await openAs(browser, server, "lieke");
    await lead.page.goto(`${server.url}/admin`);
    const item = lead.page.locator(`#queue-post-${answerId}`);
    expect(await item.innerText()).toContain("Spam or advertising");
    expect(await item.innerText()).toContain("Fenna Flagger");
    await waitForHydration(lead.page);
    await item.getByRole("button", { name: "Hide", exact: true }).click();
    await expect.poll(() => lead.page.locator("[role=status].notice").innerText()).toContain("Your decision is saved");
    expect(await lead.page.locator(`#queue-post-${answerId}`).count()).toBe(0);

    await lead.page.goto(`${server.url}/members/axel`);
    const suspend = lead.page.locator("form", { has: lead.page.getByRole("heading", { name: "Suspend" }) });
    await suspend.getByLabel("Reason (the member sees it)").fill("Advertising in answers");
    await suspend.getByLabel("For how long").selectOption("7");
    await suspend.getByRole("button", { name: "Suspend and sign out" }).click();
    await expect.poll(() => lead.page.locator(".moderation-section").innerText()).toContain("Suspended until");

    // The author's next page finds the session gone; logging in shows the reason and the end date.
    await author.page.goto(`${server.url}/settings`);
    await author.page.waitForURL(/\/login\?redirectTo=/);
    await author.page.getByLabel("Email").fill("axel@example.test");
    await author.page.getByLabel("Password").fill("axel-password-1");
    await author.page.getByRole("button", { name: "Log in" }).click();
    const alert = author.page.getByRole("alert");
    await expect.poll(() => alert.innerText()).toContain("Reason: Advertising in answers");
    const until = new Date(Date.now() + 7 * 24 * 3600_000).toLocaleDateString("en-GB", {
      dateStyle: "medium",
      timeZone: "Europe/Amsterdam",
    });
    expect(await alert.innerText()).toContain(`Your suspension ends on ${until}`);

    await flagger.page.goto(`${server.url}/notifications`);
    expect(await flagger.page.locator(".notification-list").innerText()).toContain(
      "Thanks for your flag: we took down",
    );

    await lead.page.goto(`${server.url}/admin/audit`);
    const log = await lead.page.locator("main").innerText();
    expect(log).toContain(`post:${answerId}`);
    expect(log).toContain(`user:${server.sqlite.prepare("select id from users where handle = 'axel'").pluck().get()}`);

    for (const session of [author, flagger, lead]) {
      expect(session.problems).toEqual([]);
      await session.close();
    }
  });
});
