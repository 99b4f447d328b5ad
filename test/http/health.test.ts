import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../scripts/seed";
import { Client, startServer, type TestServer } from "../server";

let server: TestServer;
let lead: Client;

beforeAll(async () => {
  server = await startServer({ seed: true });
  lead = new Client(server.url);
  await lead.login(DEMO_ACCOUNTS.find((a) => a.role === "lead")!.email, DEMO_PASSWORD);
}, 300_000);

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");

describe("/health", () => {
  it("shows the seeded decline and flagged members; the CSV export has the same rows; members get 403", async () => {
    const page = await (await lead.get("/health")).text();
    expect(page).toContain("Declining");
    const rows = [
      ...page.matchAll(
        /<li id="member-\d+">(?:<div class="fragment">)?<h3><a[^>]*href="\/members\/([^"]+)"[^>]*>([^<]+)<\/a> <span class="muted">\(((?:<!-- -->)?[^<]+(?:<!-- -->)?)\)<\/span><\/h3><p class="todo-numbers">([^<]+)<\/p>/g,
      ),
    ].map((m) => [m[2], m[1], text(m[3]), text(m[4])]);
    expect(rows.length).toBeGreaterThan(0);
    const csv = await (await lead.get("/health/export/members")).text();
    const lines = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"')));
    expect(lines.map((l) => l.slice(0, 4))).toEqual(rows);
    // The suggested action of each to-do is in the CSV too.
    expect(lines.map((l) => l[5])).toEqual(
      [...page.matchAll(/<p class="todo-action">([\s\S]*?)<\/p>/g)].map((m) => text(m[1])),
    );

    // Declining tags say whether their askers or their answerers are going, on the page and in the CSV.
    const tagsCsv = (await (await lead.get("/health/export/tags")).text()).trim().split("\r\n").slice(1);
    expect(tagsCsv.length).toBeGreaterThan(0);
    const people = tagsCsv.map((line) => /Askers per 4 weeks: [^;"]+; answerers: [^;"]+/.exec(line)?.[0]);
    expect(people.every(Boolean)).toBe(true);
    for (const line of people) expect(text(page)).toContain(line);

    const member = new Client(server.url);
    await member.login(DEMO_ACCOUNTS.find((a) => a.role === "member")!.email, DEMO_PASSWORD);
    expect((await member.get("/health")).status).toBe(403);
    expect((await member.get("/health/export/members")).status).toBe(403);
    expect((await member.post("/health", { intent: "nudge", userId: "1", message: "Hello there" })).status).toBe(403);
  });

  it("filtered by a tag or an organisation, shows that tag's or organisation's own vital signs", async () => {
    const page = await (await lead.get("/health")).text();
    expect(page).toContain("Vital signs, the last 26 complete weeks");
    expect(page).toContain('id="chart-dauMau-title"');
    const tag = server.sqlite
      .prepare(
        "select t.name from tags t join member_tag_weeks m on m.tag_id = t.id group by t.id order by sum(m.contributions) desc limit 1",
      )
      .pluck()
      .get() as string;
    const tagPage = await (await lead.get(`/health?tag=${encodeURIComponent(tag)}`)).text();
    expect(text(tagPage)).toContain(`Vital signs of the tag ${tag}, the last 26 complete weeks`);
    // Votes and visits are not kept per tag: no readers or DAU/MAU chart, empty in the CSV.
    expect(tagPage).toContain('id="chart-weighted-title"');
    expect(tagPage).not.toContain('id="chart-dauMau-title"');
    const csv = (await (await lead.get(`/health/export/vitals?tag=${encodeURIComponent(tag)}`)).text())
      .trim()
      .split("\r\n");
    expect(csv.slice(1).every((line) => line.split(",")[6] === '""')).toBe(true);
    // The tag's weighted contributions are its own, not the community's.
    const weighted = (html: string) => {
      const start = html.indexOf('id="chart-weighted-title"');
      return html.slice(start, html.indexOf('id="chart-', start + 1));
    };
    expect(weighted(tagPage)).not.toBe(weighted(page));

    const org = server.sqlite.prepare("select name, slug from organisations order by id limit 1").get() as {
      name: string;
      slug: string;
    };
    const orgPage = await (await lead.get(`/health?org=${org.slug}`)).text();
    expect(text(orgPage)).toContain(`Vital signs of ${org.name}, the last 26 complete weeks`);
    expect(orgPage).toContain('id="chart-dauMau-title"');

    // The charts are rendered once per view and language (a StaticFragment): the Dutch page has Dutch charts.
    const dutch = await (await lead.get("/health", { "Accept-Language": "nl" })).text();
    expect(weighted(dutch)).toContain("Gewogen bijdragen per week");
    expect(weighted(await (await lead.get("/health")).text())).toBe(weighted(page));

    // The filter form (rendered once per set of choices) shows each view's own choice and posts to its own URL.
    const form = (html: string) => /<form method="get" action="([^"]*)" class="filters"/.exec(html)?.[1];
    const selected = (html: string) =>
      /<option value="([^"]*)" selected="">/.exec(html.slice(html.indexOf('name="org"')))?.[1];
    expect(form(orgPage)).toBe(`/health?org=${org.slug}`);
    expect(selected(orgPage)).toBe(org.slug);
    expect(form(await (await lead.get(`/health?org=${org.slug}&period=12`)).text())).toBe(
      `/health?org=${org.slug}&amp;period=12`,
    );
    expect(form(page)).toBe("/health");
    // Not a choice of the form, yet in its action: a view after a nudge does not lend its URL to the next one.
    expect(form(await (await lead.get("/health?period=4&done=nudge")).text())).toBe("/health?period=4&amp;done=nudge");
    expect(form(await (await lead.get("/health?period=4")).text())).toBe("/health?period=4");
  });

  it("a nudge reaches the flagged member as a notification and an email, and is recorded", async () => {
    const page = await (await lead.get("/health")).text();
    const userId = /<li id="member-(\d+)">/.exec(page)![1];
    // Acting from a filtered view with the member's form open: back to that view, the form closed.
    const nudge = await lead.post(`/health?period=13&act=${userId}`, {
      intent: "nudge",
      userId,
      message: "We miss your answers on dbt, Lucas!",
    });
    expect(nudge.status).toBe(302);
    expect(nudge.headers.get("location")).toBe(`/health?period=13&done=nudge#member-${userId}`);
    // An unknown member is a 400 with a message, not a 500, and records nothing.
    const actions = () => server.sqlite.prepare("select count(*) from health_actions").pluck().get();
    const before = actions();
    const unknown = await lead.post("/health", {
      intent: "nudge",
      userId: "999999",
      message: "Hello there, are you still around?",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("There is no member");
    expect(actions()).toBe(before);
    const row = server.sqlite
      .prepare("select kind, message from notifications where user_id = ? and kind = 'nudge'")
      .get(Number(userId));
    expect(row).toEqual({ kind: "nudge", message: "We miss your answers on dbt, Lucas!" });
    expect(
      server.sqlite.prepare("select kind from health_actions where user_id = ?").pluck().all(Number(userId)),
    ).toEqual(["nudge"]);
    const email = server.sqlite.prepare("select email from users where id = ?").pluck().get(Number(userId)) as string;
    const start = Date.now();
    while (!server.outbox().some((raw) => raw.includes(`To: ${email}`)) && Date.now() - start < 15_000)
      await new Promise((r) => setTimeout(r, 200));
    expect(server.outbox().find((raw) => raw.includes(`To: ${email}`))).toContain("We miss your answers on dbt");
  });

  it("shows every vital sign with its change, by period; invites to a meetup, and mails leads the weekly health digest", async () => {
    const page = await (await lead.get("/health")).text();
    const titles = [
      "Weighted contributions per week",
      "Active contributors per week",
      "New contributors per week",
      "Returning contributors per week",
      "Readers per contributor",
      "DAU/MAU",
      "Questions still unanswered 48 hours",
      "Median hours to a first answer",
      "Meetup check-ins per week",
    ];
    for (const title of titles) expect(page).toContain(title);
    // The two charts the decline rule judges say what the status says; the others their period's change, with dates.
    const dated =
      /Average of \d+ \w+ \d{4} – \d+ \w+ \d{4}: [+-]?\d+% against \d+ \w+ \d{4} – \d+ \w+ \d{4}\.|Nothing to compare with yet\./g;
    const changes = text(page).match(dated) ?? [];
    expect(changes).toHaveLength(titles.length - 2);
    expect(changes.filter((c) => c.includes("%")).length).toBeGreaterThanOrEqual(5);
    expect(text(page)).not.toMatch(/over the last 26 weeks/);
    expect(page).toMatch(/<td>Joined<\/td><td class="number">\d+<\/td>/);
    const joined = (html: string) => Number(/<td>Joined<\/td><td class="number">(\d+)<\/td>/.exec(html)![1]);
    const quarter = await (await lead.get("/health?period=4")).text();
    expect(text(quarter)).toContain("Member journey, members who joined in the last 4 weeks");
    // Four weeks against the four before: 28 days each, Monday to Sunday.
    const [, from, to] = /Average of (\d+ \w+ \d{4}) – (\d+ \w+ \d{4}): /.exec(text(quarter))!;
    expect(Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)).toBe(27);
    expect(joined(quarter)).toBeLessThan(joined(page));
    const vitalsCsv = (await (await lead.get("/health/export/vitals")).text()).trim().split("\r\n");
    expect(vitalsCsv).toHaveLength(27);
    expect(vitalsCsv[0]).toContain("Returning contributors per week");
    const funnelCsv = await (await lead.get("/health/export/funnel?period=4")).text();
    expect(funnelCsv).toContain(`"Joined","${joined(quarter)}"`);
    const userId = /<li id="member-(\d+)">/.exec(page)![1];
    const acting = await (await lead.get(`/health?act=${userId}`)).text();
    const eventId = /<select id="eventId" name="eventId"[^>]*><option value="(\d+)"/.exec(acting)![1];
    expect((await lead.post("/health", { intent: "invite", userId, eventId })).status).toBe(302);
    const invite = server.sqlite
      .prepare("select message, url from notifications where user_id = ? and dedupe_key = ?")
      .get(Number(userId), `invite:${eventId}`) as { message: string; url: string };
    expect(invite.url).toBe(`/events/${eventId}`);
    expect((await lead.post("/health", { intent: "invite", userId, eventId: "999999" })).status).toBe(400);

    const leadEmail = DEMO_ACCOUNTS.find((a) => a.role === "lead")!.email;
    const start = Date.now();
    const digest = () =>
      server.outbox().find((raw) => raw.includes(`To: ${leadEmail}`) && raw.includes("Community health"));
    while (!digest() && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 250));
    expect(digest()).toMatch(/Subject: Community health: Declining/);
  });

  it("draws charts a lead can read: y-axis ticks, week labels, the peak and alert lines, shared scales, values per bar and a table; valid figures", async () => {
    const scale = (figure: string) => /<svg class="hchart-y"[\s\S]*?<\/svg>/.exec(figure)![0];
    const bars = (figure: string) => /<g class="hchart-bars">([\s\S]*?)<\/g>/.exec(figure)![1];
    const weekLabels = (figure: string) => /<g class="hchart-weeks"[^>]*>([\s\S]*?)<\/g>/.exec(figure)![1];
    const page = await (await lead.get("/health")).text();
    const figures = [...page.matchAll(/<figure class="hchart">([\s\S]*?)<\/figure>/g)].map((m) => m[1]);
    expect(figures).toHaveLength(11);
    // The early warning's two charts follow active contributors.
    const [activeForecast, coolingShare] = figures.splice(2, 2);
    for (const figure of figures) {
      // A figcaption must be a figure's first or last child (the Nu Html Checker refused a table after it).
      expect(figure.startsWith("<figcaption>")).toBe(true);
      expect(figure).toMatch(/<details class="hchart-table"><summary>The numbers<\/summary><table>/);
      const ticks = [...scale(figure).matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks[0]).toBe("0");
      // Every fourth week is labelled (seven of 26), not every week.
      expect(weekLabels(figure).match(/<text /g)).toHaveLength(7);
      expect(bars(figure).match(/<rect [^>]*><title>Week of \d+ \w+ \d{4}: [\d.,–-]+<\/title><\/rect>/g)).toHaveLength(
        26,
      );
      // Text is never scaled by a viewBox: positions are percentages of the width.
      expect(figure).not.toMatch(/viewBox/);
    }
    const [weighted, active, newcomers, returning] = figures;
    // The early warning: active contributors and the cooling share, each with a 4-week forecast band said in words.
    expect(activeForecast.startsWith("<figcaption>")).toBe(true);
    expect(text(activeForecast)).toMatch(/Active contributors: \d+ now, forecast \d+–\d+ in 4 weeks\./);
    expect(bars(activeForecast).match(/<rect /g)).toHaveLength(26);
    expect(
      activeForecast.match(
        /<rect [^>]*class="hchart-band"><title>Forecast for the week of \d+ \w+ \d{4}: [\d.]+–[\d.]+<\/title>/g,
      ),
    ).toHaveLength(4);
    expect(activeForecast).toMatch(/<th scope="col">Forecast \(80% band\)<\/th>/);
    expect(text(coolingShare)).toMatch(
      /Cooling: [\d.]+% of members now \(\d+ of \d+\), forecast [\d.]+–[\d.]+% in 4 weeks\./,
    );
    expect(bars(coolingShare).match(/<rect /g)).toHaveLength(12);
    expect(coolingShare.match(/class="hchart-band"/g)).toHaveLength(4);
    // The decline chart and its caption carry the status's own numbers: the 4-week average against the peak.
    const status =
      /The 4-week average of weighted contributions \(([\d.]+) a week\) is (\d+)% below its 26-week peak \(([\d.]+)\)/.exec(
        text(page),
      )!;
    expect(text(weighted)).toContain(
      `4-week average ${status[1]}, ${status[2]}% below its peak of ${status[3]} in the 26 weeks before.`,
    );
    expect(weighted).toMatch(
      new RegExp(`<g class="hchart-line peak"><line [^>]*></line><text [^>]*>peak ${status[3]}</text></g>`),
    );
    const alert =
      /<g class="hchart-line threshold"><line [^>]*><\/line><text [^>]*>alert at −30%: ([\d.]+)<\/text><\/g>/.exec(
        weighted,
      )!;
    expect(Number(alert[1])).toBeCloseTo(Number(status[3]) * 0.7, 0);
    expect(scale(newcomers)).toBe(scale(returning));
    expect(scale(active)).toBe(scale(returning));
    expect(scale(weighted)).not.toBe(scale(active));
  });

  it("lists flagged members as a to-do with forms for one member at a time, and follows a nudge until the member is back", async () => {
    const page = await (await lead.get("/health")).text();
    const todo = /<ol class="health-todo">([\s\S]*?)<\/ol>/.exec(page)![1];
    const items = todo.split('<li id="member-').slice(1);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(text(item)).toMatch(/Suggested: (recognise|invite|ask|send)/);
    // A suggested meetup or question is linked.
    for (const action of todo.matchAll(/<p class="todo-action">Suggested: (invite|ask)[\s\S]*?<\/p>/g))
      expect(action[0]).toMatch(/<a [^>]*href="\/(events|questions)\/\d+"/);
    expect(page).not.toContain('name="message"');
    expect(page.match(/<form method="post" action="\/health/g) ?? []).toHaveLength(0);
    // One small link per row opens that member's forms; no form, field or list of meetups per row (the page
    // once sent 50 rows of full nudge and invite forms).
    for (const item of items) {
      const id = /^(\d+)"/.exec(item)![1];
      expect(item).not.toMatch(/<(form|input|textarea|select|option)\b/);
      expect(item.match(/<a [^>]*class="todo-act"/g)).toHaveLength(1);
      expect(item).toContain(`href="/health?act=${id}#member-${id}"`);
      expect(item.length).toBeLessThan(1500);
    }
    // Routing's and introductions' outcomes come with the hourly snapshot and say so.
    for (const section of ["routing", "health-introductions"])
      expect(text(new RegExp(`<h2 id="${section}">[\\s\\S]*?</p>`).exec(page)![0])).toMatch(
        /As of .+, with the report \(hourly\)\./,
      );

    const userId = /<li id="member-(\d+)">/.exec(page)![1];
    const acting = await (await lead.get(`/health?act=${userId}`)).text();
    expect(acting.match(/<form method="post" action="\/health\?act=\d+"/g)?.length).toBeGreaterThanOrEqual(2);
    expect(acting.match(/name="message"/g)).toHaveLength(1);
    // Bad input: 400 with the error next to the field, never a 500.
    const bad = await lead.post(`/health?act=${userId}`, { intent: "nudge", userId, message: "hi" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/<textarea[^>]*aria-invalid="true"[^>]*aria-describedby="message-error"/);

    // Another member, never nudged by the other tests: pending, then back as soon as they contribute.
    const other = [...page.matchAll(/<li id="member-(\d+)">/g)]
      .map((m) => m[1])
      .find(
        (id) =>
          id !== userId && !server.sqlite.prepare("select 1 from health_actions where user_id = ?").get(Number(id)),
      );
    if (!other) throw new Error("the demo needs two flagged members");
    expect(
      (await lead.post("/health", { intent: "nudge", userId: other, message: "We would love to hear from you again." }))
        .status,
    ).toBe(302);
    const nudgedCount = () =>
      server.sqlite
        .prepare("select count(distinct user_id) from health_actions where kind = 'nudge'")
        .pluck()
        .get() as number;
    const after = text(await (await lead.get("/health")).text());
    expect(after).toMatch(
      new RegExp(`Nudged members: \\d+ of ${nudgedCount()} came back, [1-9]\\d* still within their 4 weeks\\.`),
    );
    // Against similar flagged members who were not nudged, by state.
    expect(after).toMatch(
      /Flagged in the last 12 weeks: nudged: \d+ of [1-9]\d* members? came back \(\d+%\); not nudged: \d+ of \d+ \(\d+%\)\./,
    );
    expect(after).toMatch(/Flagged asNudgedNot nudgedcooling.*gone quiet.*all/);
    const item = (html: string) =>
      text(
        new RegExp(
          `<li id="member-${other}">([\\s\\S]*?)</li></ol>|<li id="member-${other}">([\\s\\S]*?)<li id="member-`,
        )
          .exec(html)!
          .slice(1)
          .join(""),
      );
    expect(item(await (await lead.get("/health")).text())).toMatch(
      /Nudged on \d+ \w+ \d{4}: not back yet, 28 days left of their 4 weeks\./,
    );

    const handle = server.sqlite.prepare("select email from users where id = ?").pluck().get(Number(other)) as string;
    const member = new Client(server.url);
    await member.login(handle, DEMO_PASSWORD);
    const asked = await member.post("/questions/ask", {
      title: "Back again: how do you test dbt macros?",
      body: "I have been away for a while; what is the current practice?",
      tags: "dbt",
    });
    expect(asked.status).toBe(302);
    const back = await (await lead.get("/health")).text();
    expect(item(back)).toMatch(/Nudged on \d+ \w+ \d{4}: came back on \d+ \w+ \d{4}\./);
    expect(text(back)).toMatch(/Nudged members: [1-9]\d* of \d+ came back/);
  });

  it("offers another question as soon as the one a to-do suggested is answered (the list is kept per suggestion)", async () => {
    const suggested = (html: string) =>
      html
        .split('<li id="member-')
        .slice(1)
        .flatMap((item) => {
          const ask = /<p class="todo-action">Suggested: ask(?:(?!<\/p>)[\s\S])*?href="\/questions\/(\d+)"/.exec(item);
          return ask ? [{ userId: /^(\d+)"/.exec(item)![1], questionId: ask[1] }] : [];
        });
    const before = suggested(await (await lead.get("/health")).text());
    expect(before.length).toBeGreaterThan(0);
    const { userId, questionId } = before[0];
    const answered = await lead.post(`/questions/${questionId}`, {
      intent: "answer",
      body: "Here is how we solved this at our company.",
    });
    expect(answered.status).toBe(302);
    const after = suggested(await (await lead.get("/health")).text());
    expect(after.find((s) => s.userId === userId)?.questionId).not.toBe(questionId);
    expect(after.some((s) => s.questionId === questionId)).toBe(false);
  });
});
