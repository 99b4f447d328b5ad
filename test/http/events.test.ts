import { createHash, randomBytes } from "node:crypto";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amsterdamLocal } from "../factories";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let host: Client;
let member: Client;

beforeAll(async () => {
  server = await startServer();
  host = await signUp(server, {
    name: "Host Hanneke",
    handle: "hanneke",
    email: "hanneke@example.test",
    password: "hanneke-password-1",
  });
  member = await signUp(server, {
    name: "Member Mo",
    handle: "momo",
    email: "momo@example.test",
    password: "momo-password-1",
  });
  server.exec("update users set role = 'expert' where handle = 'hanneke'");
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

const local = amsterdamLocal;

async function createMeetup(fields: Record<string, string> = {}) {
  const response = await host.post("/events/new", {
    title: "Lakehouse evening in Gent",
    description: "Three talks about lakehouses, then drinks; bring your questions.",
    startsAt: local(48),
    endsAt: local(51),
    timezone: "Europe/Amsterdam",
    venue: "De Krook",
    address: "Miriam Makebaplein 1, Gent",
    city: "Gent",
    onlineUrl: "",
    capacity: "10",
    rsvpDeadline: "",
    tags: "data, lakehouse",
    ...fields,
  });
  expect(response.status, await response.clone().text()).toBe(302);
  return Number(/\/events\/(\d+)$/.exec(response.headers.get("location")!)![1]);
}

/** The path of the calendar address that /settings shows once, in the answer to making it. */
const calendarPath = (html: string) =>
  /<code class="calendar-url">https?:\/\/[^/]+(\/calendar\/[\w-]+\.ics)<\/code>/.exec(html)![1];

/** Members with sessions written straight into the database, the way auth.server.ts stores them. */
function membersWithSessions(count: number) {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    server.exec(
      "insert into users (name, handle, email, password_hash) values (?, ?, ?, 'x')",
      `Crowd ${i}`,
      `crowd_${i}`,
      `crowd_${i}@example.test`,
    );
    const token = randomBytes(20).toString("hex");
    server.exec(
      "insert into sessions (id, user_id, expires_at, created_at) values (?, (select id from users where handle = ?), ?, ?)",
      createHash("sha256").update(token).digest("hex"),
      `crowd_${i}`,
      Date.now() + 86_400_000,
      Date.now(),
    );
    cookies.push(`kring_session=${token}`);
  }
  return cookies;
}

describe("meetups over HTTP", () => {
  it("200 simultaneous RSVPs on 10 seats: exactly 10 going, 190 waitlisted in one unbroken order, no errors", async () => {
    const id = await createMeetup();
    const cookies = membersWithSessions(200);
    const statuses = await Promise.all(
      cookies.map((cookie) =>
        new Client(server.url)
          .post(`/events/${id}`, { intent: "rsvp", status: "going", note: "" }, { Cookie: cookie })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s !== 303)).toEqual([]);
    const rows = server.sqlite
      .prepare("select status, waitlist_seq as seq from rsvps where event_id = ? order by waitlist_seq")
      .all(id) as { status: string; seq: number | null }[];
    expect(rows.filter((r) => r.status === "going")).toHaveLength(10);
    const waiting = rows.filter((r) => r.status === "waitlist").map((r) => r.seq);
    expect(waiting).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
  }, 60_000);

  it("serves RFC 5545 files that ical.js parses: CRLF, 75-octet lines, a stable UID, STATUS:CANCELLED once cancelled", async () => {
    const id = await createMeetup({
      title:
        "Een heel lange titel, met komma's; puntkomma's en een beschrijving die veel langer is dan vijfenzeventig octetten",
    });
    const first = await (await new Client(server.url).get(`/events/${id}/ics`)).text();
    const second = await (await new Client(server.url).get(`/events/${id}/ics`)).text();
    for (const body of [first, second]) {
      expect(body.endsWith("\r\n")).toBe(true);
      for (const line of body.slice(0, -2).split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      expect(body.replace(/\r\n/g, "")).not.toContain("\n");
    }
    const event = (body: string) =>
      new ICAL.Event(new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent("vevent")!);
    expect(event(first).uid).toBe(event(second).uid);
    expect(event(first).summary).toContain("komma's; puntkomma's");
    expect(event(first).startDate.toJSDate().getTime()).toBeGreaterThan(Date.now());

    expect((await host.post(`/events/${id}`, { intent: "cancel" })).status).toBe(302);
    const cancelled = await (await new Client(server.url).get(`/events/${id}/ics`)).text();
    const vevent = new ICAL.Component(ICAL.parse(cancelled)).getFirstSubcomponent("vevent")!;
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(Number(vevent.getFirstPropertyValue("sequence"))).toBe(1);
    expect(event(cancelled).uid).toBe(event(first).uid);
    expect(await (await new Client(server.url).get(`/events/${id}`)).text()).toContain("This meetup is cancelled");
  });

  it("a title or member name with CR/LF forges nothing: each .ics parses to its one calendar and its own events", async () => {
    const id = await createMeetup({ title: "Plain title for now" });
    const forged =
      "Evil\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:forged\r\nSUMMARY:Forged\r\nDTSTART:20300101T000000Z\r\nEND:VEVENT";
    server.exec("update events set title = ? where id = ?", forged, id);
    const parsed = ICAL.parse(await (await new Client(server.url).get(`/events/${id}/ics`)).text());
    expect(Array.isArray(parsed[0])).toBe(false); // one calendar, not several
    const calendar = new ICAL.Component(parsed);
    expect(calendar.getAllSubcomponents("vevent").map((e) => e.getFirstPropertyValue("uid"))).toEqual([
      expect.stringMatching(new RegExp(`^kring-event-${id}@`)),
    ]);
    expect(String(calendar.getFirstPropertyValue("x-wr-calname"))).not.toMatch(/[\r\n]/);

    server.exec(
      "update users set name = ? where handle = 'momo'",
      "Mo\r\nBEGIN:VEVENT\r\nUID:forged-too\r\nEND:VEVENT",
    );
    await member.post(`/events/${id}`, { intent: "rsvp", status: "going", note: "" });
    const feedUrl = calendarPath(await (await member.post("/settings", { intent: "calendar" })).text());
    const feed = new ICAL.Component(ICAL.parse(await (await new Client(server.url).get(feedUrl)).text()));
    expect(
      feed
        .getAllSubcomponents("vevent")
        .every((e) => String(e.getFirstPropertyValue("uid")).startsWith("kring-event-")),
    ).toBe(true);
    expect(String(feed.getFirstPropertyValue("x-wr-calname"))).not.toMatch(/[\r\n]/);
    server.exec("update users set name = 'Member Mo' where handle = 'momo'");
  });

  it("a member's secret calendar feed lists the meetups they go to", async () => {
    const id = await createMeetup({ title: "Feed test meetup in Antwerpen", city: "Antwerpen" });
    await member.post(`/events/${id}`, { intent: "rsvp", status: "going", note: "" });
    const url = calendarPath(await (await member.post("/settings", { intent: "calendar" })).text());
    const feed = new ICAL.Component(ICAL.parse(await (await new Client(server.url).get(url)).text()));
    expect(feed.getAllSubcomponents("vevent").map((v) => v.getFirstPropertyValue("summary"))).toContain(
      "Feed test meetup in Antwerpen",
    );
    await member.post("/settings", { intent: "calendar" }); // reset: the old address stops working
    expect((await new Client(server.url).get(url)).status).toBe(404);
  });

  it("the calendar address is shown once, stored only as a hash; a new one ends the old; turning it off ends it", async () => {
    const cal = await signUp(server, {
      name: "Cal Endar",
      handle: "cal",
      email: "cal@example.test",
      password: "cal-password-1",
    });
    const made = await cal.post("/settings", { intent: "calendar" });
    expect(made.status).toBe(200);
    expect(made.headers.get("cache-control")).toBe("no-store");
    const html = await made.text();
    expect(html).toContain("Copy it into your calendar app now: for your safety it is shown only this once.");
    const url = calendarPath(html);
    const token = /\/calendar\/([\w-]+)\.ics$/.exec(url)![1];
    expect(token).toHaveLength(43); // 32 random bytes, base64url
    const row = server.sqlite.prepare("select * from users where handle = 'cal'").get() as Record<string, unknown>;
    expect(JSON.stringify(server.sqlite.prepare("select * from users").all())).not.toContain(token);
    expect(row.calendar_token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect((await new Client(server.url).get(url)).status).toBe(200);

    // Afterwards the page says a link exists, and cannot show it again.
    const later = await (await cal.get("/settings")).text();
    expect(later).not.toContain(token);
    expect(later).toMatch(/You have a calendar address, made on \d{1,2} \w{3} \d{4}\./);
    expect(later).toContain("Make a new address (the old one stops working)");

    const renewed = calendarPath(await (await cal.post("/settings", { intent: "calendar" })).text());
    expect(renewed).not.toBe(url);
    expect((await new Client(server.url).get(url)).status).toBe(404);
    expect((await new Client(server.url).get(renewed)).status).toBe(200);

    const off = await cal.post("/settings", { intent: "calendar-off" });
    expect(off.status).toBe(200);
    expect(await off.text()).toContain("Your calendar address is turned off: it no longer works.");
    expect((await new Client(server.url).get(renewed)).status).toBe(404);
    expect(
      server.sqlite.prepare("select calendar_token_hash from users where handle = 'cal'").pluck().get(),
    ).toBeNull();
    const none = await (await cal.get("/settings")).text();
    expect(none).toContain("Create my calendar address");
    expect(none).not.toContain("Turn off my calendar address");

    // A suspended member's address is gone like their sessions.
    const again = calendarPath(await (await cal.post("/settings", { intent: "calendar" })).text());
    server.exec("update users set suspended_at = ? where handle = 'cal'", Date.now());
    expect((await new Client(server.url).get(again)).status).toBe(404);
  });

  it("refuses a second RSVP and one after the deadline with a clear message, changing nothing", async () => {
    const id = await createMeetup({ rsvpDeadline: local(24) });
    const saved = await member.post(`/events/${id}`, { intent: "rsvp", status: "going", note: "Vegetarian" });
    // Post/Redirect/Get: a refresh of the page that follows cannot post the RSVP again.
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/events/${id}#rsvp`);
    expect(await (await member.get(saved.headers.get("location")!)).text()).toContain("You are going.");
    const again = await member.post(`/events/${id}`, { intent: "rsvp", status: "going", note: "Vegetarian" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("That is already your answer: nothing changed.");
    server.exec("update events set rsvp_deadline = ? where id = ?", Date.now() - 1000, id);
    const late = await member.post(`/events/${id}`, { intent: "rsvp", status: "not_going", note: "" });
    expect(late.status).toBe(410);
    expect(await late.text()).toContain("The RSVP deadline has passed");
    expect(server.sqlite.prepare("select status, note from rsvps where event_id = ?").get(id)).toEqual({
      status: "going",
      note: "Vegetarian",
    });
  });

  it("only hosts and leads see notes, export the list and check in; a member gets 403", async () => {
    const id = await createMeetup();
    await member.post(`/events/${id}`, { intent: "rsvp", status: "going", note: "Arriving late" });
    expect(await (await host.get(`/events/${id}`)).text()).toContain("Arriving late");
    expect(await (await new Client(server.url).get(`/events/${id}`)).text()).not.toContain("Arriving late");
    expect((await member.get(`/events/${id}/attendees.csv`)).status).toBe(403);
    const csv = await (await host.get(`/events/${id}/attendees.csv`)).text();
    expect(csv).toContain('"Member Mo","momo","momo@example.test","going","","Arriving late"');
    const memberId = String(
      (server.sqlite.prepare("select id from users where handle = 'momo'").get() as { id: number }).id,
    );
    expect((await member.post(`/events/${id}`, { intent: "checkin", userId: memberId, attended: "1" })).status).toBe(
      403,
    );
    expect((await member.post(`/events/${id}`, { intent: "cancel" })).status).toBe(403);
    expect((await member.get(`/events/${id}/edit`)).status).toBe(403);
    // Check-in opens on the meetup's day: two days ahead it is refused with a reason.
    expect((await host.post(`/events/${id}`, { intent: "checkin", userId: memberId, attended: "1" })).status).toBe(409);
    // On the day, only members who said they would come can be checked in (attendance earns reputation).
    server.exec("update events set starts_at = ? where id = ?", Date.now() + 3_600_000, id);
    expect((await host.post(`/events/${id}`, { intent: "checkin", userId: memberId, attended: "1" })).status).toBe(200);
    const stranger = String(
      (server.sqlite.prepare("select id from users where handle = 'hanneke'").get() as { id: number }).id,
    );
    expect((await host.post(`/events/${id}`, { intent: "checkin", userId: stranger, attended: "1" })).status).toBe(400);
    expect((await host.post(`/events/${id}`, { intent: "checkin", userId: "999999", attended: "1" })).status).toBe(400);
    expect(server.sqlite.prepare("select count(*) from attendance where event_id = ?").pluck().get(id)).toBe(1);
  });

  it("the create form answers 400 with field errors for bad times and capacity", async () => {
    const response = await host.post("/events/new", {
      title: "Broken meetup",
      description: "This one has an end before its start.",
      startsAt: local(48),
      endsAt: local(47),
      timezone: "Europe/Amsterdam",
      venue: "Somewhere",
      address: "Street 1",
      capacity: "0",
      tags: "data",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter a number of seats from 1 to 10,000, or leave it empty.");
    const past = await host.post("/events/new", {
      title: "A meetup in the past",
      description: "Nobody can come to this one any more.",
      startsAt: local(-2),
      endsAt: local(-1),
      timezone: "Europe/Amsterdam",
      venue: "Somewhere",
      address: "Street 1",
      tags: "data",
    });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("The start must be in the future.");
  });
});
