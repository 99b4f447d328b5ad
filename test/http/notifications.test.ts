import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer, waitFor } from "../server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { WEB_CONCURRENCY: "1" } });
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

/** The email to `to` whose text contains `marker`, with folded headers and quoted-printable soft breaks undone. */
const emailTo = (s: TestServer, to: string, marker: string) =>
  s
    .outbox()
    .map((raw) =>
      raw
        .replace(/\r\n[ \t]+/g, " ")
        .replace(/=\r\n/g, "")
        .replace(/=3D/g, "="),
    )
    .find((raw) => raw.includes(`To: ${to}`) && raw.includes(marker));

const resetLink = (raw: string) => /\/reset-password\/([\w-]+)/.exec(raw)![0];

describe("password reset", () => {
  it("emails a single-use link; a reset ends every session; unknown emails get the same answer", async () => {
    const phone = await signUp(server, {
      name: "Reset Rita",
      handle: "rita",
      email: "rita@example.test",
      password: "rita-password-1",
    });
    const laptop = new Client(server.url);
    await laptop.login("rita@example.test", "rita-password-1");

    const anonymous = new Client(server.url);
    const known = await anonymous.post("/forgot-password", { email: "rita@example.test" });
    const unknown = await anonymous.post("/forgot-password", { email: "nobody@example.test" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (html: string) => html.replace(/nonce="[^"]*"/g, "").replace(/"nonce":"[^"]*"/g, "");
    expect(strip(await unknown.text())).toBe(strip(await known.text()));

    const email = await waitFor(() => emailTo(server, "rita@example.test", "reset-password"), "the reset email");
    expect(email).toMatch(/List-Unsubscribe: <http/);
    expect(email).toMatch(/Content-Type: text\/plain/);
    expect(email).toMatch(/Content-Type: text\/html/);
    expect(server.outbox().filter((raw) => raw.includes("To: nobody@example.test"))).toEqual([]);
    const link = resetLink(email);
    const tokenHash = server.sqlite.prepare("select token_hash from password_resets").get() as { token_hash: string };
    expect(link).not.toContain(tokenHash.token_hash); // only the hash is stored

    expect(await (await anonymous.get(link)).text()).toContain('name="newPassword"');
    const mismatch = await anonymous.post(link, {
      newPassword: "rita-new-password",
      confirmPassword: "something-else",
    });
    expect(mismatch.status).toBe(400);
    const done = await anonymous.post(link, { newPassword: "rita-new-password", confirmPassword: "rita-new-password" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?reset=1");

    for (const client of [phone, laptop]) expect(await (await client.get("/settings")).status).toBe(302); // signed out everywhere
    await new Client(server.url).login("rita@example.test", "rita-new-password");

    const reused = await anonymous.post(link, {
      newPassword: "another-password-1",
      confirmPassword: "another-password-1",
    });
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain("This link is not valid");
  });

  it("an expired link gives the clear message, not the form", async () => {
    await signUp(server, {
      name: "Late Lars",
      handle: "lars",
      email: "lars@example.test",
      password: "lars-password-1",
    });
    await new Client(server.url).post("/forgot-password", { email: "lars@example.test" });
    const link = resetLink(
      await waitFor(() => emailTo(server, "lars@example.test", "reset-password"), "the reset email"),
    );
    server.exec(
      "update password_resets set expires_at = ? where user_id = (select id from users where handle = 'lars')",
      Date.now() - 1000,
    );
    const page = await (await new Client(server.url).get(link)).text();
    expect(page).toContain("This link is not valid");
    expect(page).not.toContain('name="newPassword"');
    const post = await new Client(server.url).post(link, {
      newPassword: "lars-new-password",
      confirmPassword: "lars-new-password",
    });
    expect(post.status).toBe(410);
  });
});

describe("notifications over HTTP", () => {
  it("an answer shows in the header count and on /notifications; following it marks it read", async () => {
    const asker = await signUp(server, {
      name: "Asker Anke",
      handle: "anke",
      email: "anke@example.test",
      password: "anke-password-1",
    });
    const helper = await signUp(server, {
      name: "Helper Hugo",
      handle: "hugo",
      email: "hugo@example.test",
      password: "hugo-password-1",
    });
    const ask = await asker.post("/questions/ask", {
      title: "Where do I find the audit export?",
      body: "I need it for our ISO audit.",
      tags: "audit",
    });
    const questionUrl = ask.headers.get("location")!;
    await helper.post(questionUrl, { intent: "answer", body: "Under Settings, then Audit, then Export." });

    expect(await (await asker.get("/")).text()).toContain('<span class="badge-count">1 unread</span>');
    const list = await (await asker.get("/notifications")).text();
    expect(list).toContain("Helper Hugo answered your question “Where do I find the audit export?”");
    const href = /href="(\/notifications\/\d+)"/.exec(list)![1];
    const open = await asker.get(href);
    expect(open.status).toBe(302);
    expect(open.headers.get("location")).toMatch(new RegExp(`^${questionUrl}#post-\\d+$`));
    expect(await (await asker.get("/")).text()).not.toContain('class="badge-count"');
    expect((await helper.get(href)).status).toBe(404); // someone else's notification

    const email = await waitFor(() => emailTo(server, "anke@example.test", "Helper Hugo"), "the answer email");
    expect(email).toContain("Subject: =?UTF-8?");
  });

  it("a one-click unsubscribe POST without a session turns that email off", async () => {
    const asker = await signUp(server, {
      name: "Unsub Uma",
      handle: "uma",
      email: "uma@example.test",
      password: "uma-password-1",
    });
    const helper = await signUp(server, {
      name: "Helper Henk",
      handle: "henk",
      email: "henk@example.test",
      password: "henk-password-1",
    });
    const questionUrl = (
      await asker.post("/questions/ask", {
        title: "How do I stop these emails, please?",
        body: "The answers arrive by email and I want them in the app only.",
        tags: "email",
      })
    ).headers.get("location")!;
    await helper.post(questionUrl, { intent: "answer", body: "Use the link at the bottom of the email." });
    const email = await waitFor(() => emailTo(server, "uma@example.test", "Helper Henk"), "the answer email");
    const url = new URL(/List-Unsubscribe: <([^>]+)>/.exec(email)![1]);

    const confirm = await fetch(server.url + url.pathname);
    expect(await confirm.text()).toContain("Answers to my questions");
    const oneClick = await fetch(server.url + url.pathname, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    const row = server.sqlite
      .prepare(
        "select channel from notification_preferences where kind = 'answer' and user_id = (select id from users where handle = 'uma')",
      )
      .get();
    expect(row).toEqual({ channel: "in_app" });
    expect((await fetch(`${server.url}/unsubscribe/forged.token`, { method: "POST" })).status).toBe(404);
  });

  it("settings save a channel per kind and the digest; a bad value is a 400", async () => {
    const member = await signUp(server, {
      name: "Settings Sam",
      handle: "sam",
      email: "sam@example.test",
      password: "sam-password-1",
    });
    const fields = Object.fromEntries(
      [
        "answer",
        "comment",
        "accepted",
        "mention",
        "waitlist_promoted",
        "event_reminder",
        "event_changed",
        "badge",
        "nudge",
        "ask_expert",
        "moderation",
        "followed_question",
        "following",
        "idea_status",
        "idea_merged",
        "routed_question",
        "introduction",
      ].map((k) => [`channel_${k}`, "in_app"]),
    );
    const bad = await member.post("/settings", {
      intent: "notifications",
      ...fields,
      channel_comment: "carrier-pigeon",
      digest: "weekly",
    });
    expect(bad.status).toBe(400);
    const ok = await member.post("/settings", {
      intent: "notifications",
      ...fields,
      channel_comment: "off",
      digest: "off",
    });
    expect(ok.status).toBe(200);
    const page = await (await member.get("/settings")).text();
    expect(page).toMatch(/<select id="channel_comment"[^>]*>[\s\S]*?<option value="off" selected/);
    expect(server.sqlite.prepare("select digest from users where handle = 'sam'").get()).toEqual({ digest: "off" });
  });
});

describe("jobs survive a crash", () => {
  it("an email enqueued before the process is killed is sent exactly once after the restart", async () => {
    const first = await startServer({ env: { WEB_CONCURRENCY: "1", JOBS: "false" } });
    await signUp(first, {
      name: "Crash Carla",
      handle: "carla",
      email: "carla@example.test",
      password: "carla-password-1",
    });
    await new Client(first.url).post("/forgot-password", { email: "carla@example.test" });
    expect(first.sqlite.prepare("select status from jobs where kind = 'password-reset-email'").all()).toEqual([
      { status: "pending" },
    ]);
    await first.kill();
    expect(first.outbox()).toEqual([]);

    const second = await startServer({ dir: first.dir, env: { WEB_CONCURRENCY: "2" } });
    try {
      await waitFor(() => second.outbox().length > 0 || undefined, "the email after the restart");
      await new Promise((resolve) => setTimeout(resolve, 2500)); // both processes have polled again since
      expect(second.outbox()).toHaveLength(1);
      expect(
        second.sqlite.prepare("select status, payload from jobs where kind = 'password-reset-email'").all(),
      ).toEqual([{ status: "done", payload: "{}" }]);
      expect(second.stderr()).toBe("");
    } finally {
      await second.stop();
    }
  });
});
