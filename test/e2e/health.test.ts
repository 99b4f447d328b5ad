import { AxeBuilder } from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../scripts/seed";
import { startServer, type TestServer } from "../server";
import { launchBrowser, logIn, openPage } from "./browser";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  expect(server.stderr()).toBe("");
  await server.stop();
});

async function as(email: string, viewport = { width: 1280, height: 900 }) {
  const session = await openPage(browser, { locale: "en-GB", viewport });
  await logIn(session.page, server.url, email, DEMO_PASSWORD);
  return session;
}

describe("community health in a browser", () => {
  it("a lead sees the decline and a flagged member, nudges them, and the member reads it; a member gets 403", async () => {
    const lead = await as(DEMO_ACCOUNTS.find((a) => a.role === "lead")!.email);
    await lead.page.goto(`${server.url}/health`);
    expect(await lead.page.locator(".health-status").innerText()).toContain("Declining");
    const row = lead.page.locator(".health-todo > li").first();
    const name = await row.locator("h3 a").innerText();
    expect(await row.innerText()).toMatch(/in the 12 weeks before, \d+ in the last 4: -\d+%/);
    await row.getByRole("link", { name: new RegExp(`^Act on this\\W+${name}$`) }).click();
    await row.getByRole("textbox").fill(`Hi ${name}, we would love your view on this week's dbt questions.`);
    await row.getByRole("button", { name: "Nudge" }).click();
    await expect.poll(() => lead.page.locator("[role=status].notice").innerText()).toBe("Your nudge was sent.");

    const email = server.sqlite.prepare("select email from users where name = ?").pluck().get(name) as string;
    const member = await as(email);
    await member.page.goto(`${server.url}/notifications`);
    expect(await member.page.locator(".notification-list").innerText()).toContain(
      "we would love your view on this week's dbt questions",
    );

    const plain = await as(DEMO_ACCOUNTS.find((a) => a.role === "member")!.email);
    const response = await plain.page.goto(`${server.url}/health`);
    expect(response?.status()).toBe(403);
    for (const session of [lead, member]) {
      expect(session.problems).toEqual([]);
      await session.close();
    }
    await plain.close();
  });

  it("on a 390 px phone the charts fit, read at a real font size, show a week's value on hover and keyboard focus, and pass axe", async () => {
    const lead = await as(DEMO_ACCOUNTS.find((a) => a.role === "lead")!.email, { width: 390, height: 844 });
    await lead.page.goto(`${server.url}/health`);
    const charts = lead.page.locator(".health-charts");
    expect(await charts.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    for (const figure of await lead.page.locator(".hchart").all()) {
      expect(
        await figure.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth),
      ).toBe(true);
    }
    const label = lead.page.locator(".hchart-weeks text").first();
    expect(await label.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThanOrEqual(11);
    // Week labels of one chart never overlap.
    const boxes = await lead.page
      .locator(".hchart")
      .first()
      .locator(".hchart-weeks text")
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => [r.left, r.right]));
    for (let i = 1; i < boxes.length; i++) expect(boxes[i][0]).toBeGreaterThan(boxes[i - 1][1]);
    // Week labels are centred under their bars and the y-axis ticks end at the axis (both aligned by health.css).
    const layout = await lead.page
      .locator(".hchart")
      .first()
      .evaluate((el) => {
        const centre = (r: DOMRect) => (r.left + r.right) / 2;
        const bars = [...el.querySelectorAll(".hchart-bars rect")].map((b) => centre(b.getBoundingClientRect()));
        const labels = [...el.querySelectorAll(".hchart-weeks text")].map((t) => centre(t.getBoundingClientRect()));
        const axis = el.querySelector(".hchart-y")!.getBoundingClientRect().right;
        return {
          offsets: labels.map((l) => Math.min(...bars.map((b) => Math.abs(b - l)))),
          gaps: [...el.querySelectorAll(".hchart-y text")].map((t) => axis - t.getBoundingClientRect().right),
        };
      });
    expect(layout.offsets.length).toBeGreaterThan(0);
    for (const offset of layout.offsets) expect(offset).toBeLessThan(1.5);
    expect(layout.gaps.length).toBeGreaterThan(1);
    for (const gap of layout.gaps) expect(gap).toBeGreaterThanOrEqual(0);
    for (const gap of layout.gaps) expect(gap).toBeLessThan(10);

    const first = lead.page.locator(".hchart").first();
    await first.locator(".hchart-bars rect").nth(10).hover();
    await expect.poll(() => first.locator(".hchart-readout").innerText()).toMatch(/^Week of \d+ \w+ \d{4}: [\d.]+$/);
    const hovered = await first.locator(".hchart-readout").innerText();
    // The keyboard reaches the chart as one stop and the arrow keys move between weeks.
    await first.locator(".hchart-bars rect").last().focus();
    await lead.page.keyboard.press("ArrowLeft");
    expect(await first.locator(".hchart-readout").innerText()).not.toBe(hovered);
    expect(await first.locator(".hchart-bars rect[tabindex='0']").count()).toBe(1);

    const axe = await new AxeBuilder({ page: lead.page }).include(".health-charts").include(".health-todo").analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
      [],
    );
    expect(lead.problems).toEqual([]);
    await lead.close();
  });
});
