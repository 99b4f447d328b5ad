/**
 * People you should meet in a phone-sized browser (issue 19, point 5): the home page at 390 px lists the
 * suggestions with their reasons and "See you at <meetup>", without sideways scrolling, and "Say hello" turns
 * into "You said hello" with JavaScript, with no console or hydration error.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, waitFor, type TestServer } from "../server";
import { launchBrowser, logIn, openPage, signUpMembers, waitForHydration } from "./browser";

let server: TestServer;
let browser: Browser;

const id = (handle: string) =>
  server.sqlite.prepare("select id from users where handle = ?").pluck().get(handle) as number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await signUpMembers(server, [
    ["Ann Analyst", "ann"],
    ["Bartholomew Longname-Vandersteen", "bob"],
  ]);
  await waitFor(
    () => server.sqlite.prepare("select 1 from jobs where kind = 'member-matches' and status = 'done'").get(),
    "the matching job",
  );
  // What the daily job writes for a pair that shares tags and a meetup (the model test covers the matching).
  const reasons = [
    { code: "know", tags: ["postgres", "kubernetes", "observability-at-scale"] },
    { code: "meetup", eventId: 1, title: "Rotterdam data platform meetup", startsAt: Date.now() + 86_400_000 },
  ];
  server.exec(
    "insert into member_matches (user_id, other_id, rank, score, reasons, computed_at) values (?, ?, 1, 9, ?, ?)",
    id("ann"),
    id("bob"),
    JSON.stringify(reasons),
    Date.now(),
  );
});

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("people you should meet in a browser", () => {
  it("lists the suggestion with its reasons at 390 px and says hello", async () => {
    const ann = await openPage(browser, { locale: "en-GB", viewport: { width: 390, height: 844 } });
    await logIn(ann.page, server.url, "ann@example.test", "ann-password-1");
    await waitForHydration(ann.page);
    const section = ann.page.locator("#people-to-meet");
    expect(await section.getByRole("heading").innerText()).toBe("People you should meet");
    const text = await section.innerText();
    expect(text).toContain("Bartholomew Longname-Vandersteen");
    expect(text).toContain("You both know postgres, kubernetes and observability-at-scale");
    expect(text).toContain("See you at Rotterdam data platform meetup");
    expect(await ann.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await section.getByRole("button", { name: "Say hello to Bartholomew Longname-Vandersteen" }).click();
    await section.getByText("You said hello").waitFor();
    expect(
      server.sqlite
        .prepare("select count(*) from notifications where user_id = ? and kind = 'introduction'")
        .pluck()
        .get(id("bob")),
    ).toBe(1);
    expect(ann.problems).toEqual([]);
    await ann.close();
  });
});
