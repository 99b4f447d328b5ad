import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amsterdamLocal } from "../factories";
import { startServer, type TestServer } from "../server";
import { launchBrowser, openAs, signUpMembers } from "./browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await signUpMembers(server, [
    ["Eva Expert", "eva"],
    ["Ann Going", "ann"],
    ["Bas Going", "bas"],
    ["Cor Waiting", "cor"],
  ]);
  server.exec("update users set role = 'expert' where handle = 'eva'");
});

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

const as = (handle: string) => openAs(browser, server, handle);
const local = amsterdamLocal;

describe("meetups in a browser", () => {
  it("capacity 2: the third member is waitlisted at position 1 and moves to going when a seat frees up", async () => {
    const eva = await as("eva");
    await eva.page.goto(`${server.url}/events/new`);
    await eva.page.getByLabel("Title").fill("Small round table in Utrecht");
    await eva.page.getByLabel("Description (markdown)").fill("Only **two** seats: come early.");
    await eva.page.getByLabel("Starts").fill(local(72));
    await eva.page.getByLabel("Ends").fill(local(74));
    await eva.page.getByLabel("Venue").fill("Nordlicht office");
    await eva.page.getByLabel("Address").fill("Oudegracht 1, Utrecht");
    await eva.page.getByLabel("City").fill("Utrecht");
    await eva.page.getByLabel("Seats").fill("2");
    await eva.page.getByLabel("Topics").fill("data");
    await eva.page.getByRole("button", { name: "Create the meetup" }).click();
    await eva.page.waitForURL(/\/events\/\d+$/);
    const eventUrl = eva.page.url();
    expect(await eva.page.locator(".prose").innerHTML()).toContain("<strong>two</strong>");

    const answer = async (handle: string) => {
      const session = await as(handle);
      await session.page.goto(eventUrl);
      await session.page.getByRole("button", { name: "Save my answer" }).click();
      await expect.poll(() => session.page.locator("#rsvp-status").innerText()).not.toBe("");
      return session;
    };
    const ann = await answer("ann");
    expect(await ann.page.locator("#rsvp-status").innerText()).toBe("You are going.");
    const bas = await answer("bas");
    expect(await bas.page.locator("#rsvp-status").innerText()).toBe("You are going.");
    const cor = await answer("cor");
    expect(await cor.page.locator("#rsvp-status").innerText()).toContain("you are on the waitlist at position 1");

    await ann.page.getByLabel("Not going").check();
    await ann.page.getByRole("button", { name: "Save my answer" }).click();
    await expect.poll(() => ann.page.locator("#rsvp-status").innerText()).toBe("You are not going.");

    await cor.page.reload();
    expect(await cor.page.locator("#rsvp-status").innerText()).toBe("You are going.");
    expect(await cor.page.locator(".notifications-link").innerText()).toContain("1 unread");
    for (const session of [eva, ann, bas, cor]) {
      expect(session.problems).toEqual([]);
      await session.close();
    }
  });
});
