/**
 * The spam rules (docs/moderation.md, "Spam rules") through the real server: held posts are saved, shown to
 * their author with a notice, and nowhere else; the sign-up honeypot; accounts from a busy address.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

const DAY = 24 * 60 * 60 * 1000;
const idOf = (handle: string) =>
  server.sqlite.prepare("select id from users where handle = ?").pluck().get(handle) as number;
const statusOf = (postId: number) =>
  server.sqlite.prepare("select status from posts where id = ?").pluck().get(postId) as string;
/** Moves the member's posts a few minutes into the past, past the new members' minimum interval. */
const age = (handle: string) =>
  server.exec("update posts set created_at = created_at - 120000 where author_id = ?", idOf(handle));
const questionId = (response: Response) =>
  Number(/\/questions\/(\d+)/.exec(response.headers.get("location") ?? "")?.[1]);
const member = (handle: string) =>
  signUp(server, { name: `Member ${handle}`, handle, email: `${handle}@example.test`, password: `${handle}-password` });
const joinFields = (handle: string) => ({
  name: `Member ${handle}`,
  handle,
  email: `${handle}@example.test`,
  password: `${handle}-password`,
});

describe("held posts", () => {
  it("the same link-spam question posted three times by a fresh account is held, not published, and waits in the queue", async () => {
    const spammer = await member("spammer");
    const regular = await member("regular");
    server.exec("update users set created_at = ? where handle = 'regular'", Date.now() - 30 * DAY);
    const control = await regular.post("/questions/ask", {
      title: "Zanzibarcontrol connector question",
      body: "How do I configure the Zanzibarcontrol connector for nightly loads?",
      tags: "spamtest",
    });
    expect(control.status).toBe(302);

    const spam = {
      title: "Zanzibarpills cheap today",
      body: "Zanzibarpills https://pills.example/buy https://pills.example/cheap",
      tags: "spamtest",
    };
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const posted = await spammer.post("/questions/ask", spam);
      expect(posted.status).toBe(302);
      ids.push(questionId(posted));
      age("spammer");
    }
    expect(ids.map(statusOf)).toEqual(["held", "held", "held"]);
    const notes = server.sqlite
      .prepare(
        `select note from flags where status = 'open' and flagger_id is null and post_id in (${ids.join(",")}) order by post_id`,
      )
      .pluck()
      .all();
    expect(notes).toEqual(["spam:linkText:2", "spam:duplicate:2", "spam:duplicate:3"]);

    // Its author sees it, with the notice; nobody else does.
    const own = await spammer.get(`/questions/${ids[0]}`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("This post waits for a community lead&#x27;s review");
    expect((await regular.get(`/questions/${ids[0]}`)).status).toBe(404);
    expect((await new Client(server.url).get(`/questions/${ids[0]}`)).status).toBe(404);

    // Absent wherever others look; the control question shows each page does list what is published.
    const links = (text: string, id: number) => new RegExp(`/questions/${id}(?!\\d)`).test(text);
    const pages = ["/", "/questions", "/search?q=Zanzibarpills", "/feed.xml", "/tags/spamtest", "/members/spammer"];
    for (const path of pages) {
      for (const client of [new Client(server.url), regular]) {
        const response = await client.get(path);
        expect(response.status, path).toBe(200);
        const text = await response.text();
        expect(text, path).not.toContain("cheap today");
        for (const id of ids) expect(links(text, id), `${path} links to ${id}`).toBe(false);
        if (!["/search?q=Zanzibarpills", "/members/spammer"].includes(path))
          expect(links(text, questionId(control)), path).toBe(true);
      }
    }
    const search = await new Client(server.url).get("/search?q=Zanzibarcontrol");
    expect(links(await search.text(), questionId(control))).toBe(true);
    // Nobody but the author heard of it.
    const others = server.sqlite
      .prepare(
        "select count(*) from notifications where subject in (" +
          ids.map((id) => `'post:${id}'`).join(",") +
          ") and user_id != ?",
      )
      .pluck()
      .get(idOf("spammer"));
    expect(others).toBe(0);
  });
});

describe("sign-up", () => {
  it("has a field people do not see, and a sign-up that fills it makes no account but counts", async () => {
    const page = await (await new Client(server.url).get("/join")).text();
    expect(page).toMatch(/<label for="website">Leave this empty<\/label>/);
    expect(page).toMatch(/<input id="website" name="website" type="text" tabindex="-1" autoComplete="off"\/>/);
    const attempts = () =>
      server.sqlite.prepare("select count(*) from login_failures where key like 'join-ip:%'").pluck().get() as number;
    const before = attempts();
    const bot = await new Client(server.url).post("/join", { ...joinFields("botty"), website: "https://bot.example" });
    expect(bot.status).toBe(400);
    expect(bot.headers.get("set-cookie")).toBeNull();
    expect(await bot.text()).toContain("We could not create this account.");
    expect(server.sqlite.prepare("select count(*) from users where handle = 'botty'").pluck().get()).toBe(0);
    expect(attempts()).toBe(before + 1);
    server.exec("delete from login_failures where key like 'join-ip:%'");
  });

  it("accounts from an address with 3 sign-ups this hour start under review: their posts are held", async () => {
    const clients: Client[] = [];
    for (const handle of ["crowd1", "crowd2", "crowd3", "crowd4"]) {
      const client = new Client(server.url);
      expect((await client.post("/join", joinFields(handle))).status).toBe(302);
      clients.push(client);
    }
    server.exec("delete from login_failures where key like 'join-ip:%'");
    const review = server.sqlite
      .prepare("select review_posts from users where handle like 'crowd%' order by handle")
      .pluck()
      .all();
    expect(review).toEqual([0, 0, 0, 1]);
    const asked = [clients[2], clients[3]].map((client, i) =>
      client.post("/questions/ask", {
        title: `A first question from the crowd ${i}`,
        body: `Asking something real here, number ${i}.`,
        tags: "crowd",
      }),
    );
    const [third, fourth] = await Promise.all(asked);
    expect([statusOf(questionId(third)), statusOf(questionId(fourth))]).toEqual(["published", "held"]);
  });
});
