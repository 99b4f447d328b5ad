import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, waitFor, type TestServer } from "../server";

let server: TestServer;
let quirine: Client;
let ada: Client;
let bert: Client;
let admin: Client;
let lead: Client;
let adaQuestion: string;
let quirineAnswerId: number;

// Made up and unique: after erasure neither may occur anywhere in the database.
const NAME = "Quirine Zandvoort";
const EMAIL = "quirine.zandvoort@example.test";
const PASSWORD = "quirine-password-1";

const one = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) =>
  server.sqlite.prepare(sql).get(...params) as T;
const idOf = (handle: string) => one<{ id: number }>("select id from users where handle = ?", handle).id;
const postIdFrom = (response: Response) => Number(/#post-(\d+)/.exec(response.headers.get("location") ?? "")![1]);

/** The tables of the export, each of which must hold at least one row of the member. */
const EXPORT_TABLES = [
  "users",
  "memberships",
  "posts",
  "post_revisions",
  "votes",
  "idea_votes",
  "rsvps",
  "attendance",
  "event_hosts",
  "notifications",
  "notification_preferences",
  "reputation_events",
  "tag_reputation",
  "user_badges",
  "credentials",
  "member_tags",
  "user_visits",
  "flags",
  "follows",
  "member_options",
  "member_matches",
  "question_routes",
  "introductions",
  "oidc_identities",
];

beforeAll(async () => {
  server = await startServer();
  const join = (name: string, handle: string, email = `${handle}@example.test`) =>
    signUp(server, { name, handle, email, password: `${handle}-password-1` });
  quirine = await signUp(server, { name: NAME, handle: "quirine", email: EMAIL, password: PASSWORD });
  ada = await join("Ada Asker", "ada");
  bert = await join("Bert Builder", "bert");
  admin = await join("Anna Admin", "anna");
  lead = await join("Lars Lead", "lars");
  server.exec("update users set role = 'admin' where handle = 'anna'");
  server.exec("update users set role = 'lead' where handle = 'lars'");
  // They joined days ago: these tests post faster than a new member may (docs/limits.md).
  server.exec("update users set created_at = ?", Date.now() - 3 * 24 * 3600_000);
  server.grantReputation("quirine", 20); // the upvote privilege

  // Ada asks; Quirine and Bert answer; Ada accepts Bert's; Anna upvotes both answers (reputation per tag).
  adaQuestion = (
    await ada.post("/questions/ask", {
      title: "How do we rotate the signing keys?",
      body: "Our auditors ask for a yearly rotation.",
      tags: "security",
    })
  ).headers.get("location")!;
  quirineAnswerId = postIdFrom(
    await quirine.post(adaQuestion, { intent: "answer", body: "Create the new key first, then switch over." }),
  );
  const bertAnswerId = postIdFrom(
    await bert.post(adaQuestion, { intent: "answer", body: "Rotate with a short overlap window." }),
  );
  expect((await ada.post(adaQuestion, { intent: "accept", answerId: String(bertAnswerId) })).status).toBe(302);
  for (const postId of [quirineAnswerId, bertAnswerId])
    expect((await admin.post(adaQuestion, { intent: "vote", postId: String(postId), value: "1" })).status).toBe(303);
  const adaQuestionId = Number(/\/questions\/(\d+)/.exec(adaQuestion)![1]);
  expect((await quirine.post(adaQuestion, { intent: "vote", postId: String(adaQuestionId), value: "1" })).status).toBe(
    303,
  );
  // Quirine asks; Ada answers (a notification for Quirine).
  const quirineQuestion = (
    await quirine.post("/questions/ask", {
      title: "Which cipher suites do you allow?",
      body: "We are reviewing our TLS settings.",
      tags: "security",
    })
  ).headers.get("location")!;
  await ada.post(quirineQuestion, { intent: "answer", body: "Only TLS 1.3 suites, in our case." });
  expect(
    (
      await quirine.post("/settings", {
        intent: "profile",
        name: NAME,
        headline: "Security officer",
        bio: "I keep the keys.",
        location: "Zandvoort",
        locale: "",
        theme: "system",
        expertise: "security",
      })
    ).status,
  ).toBe(200);

  // What has no form in this branch is written as the models would.
  const q = idOf("quirine");
  const now = Date.now();
  server.exec("insert into notification_preferences (user_id, kind, channel) values (?, 'comment', 'email')", q);
  server.exec("insert or ignore into follows (user_id, kind, target_id, created_at) values (?, 'tag', 1, ?)", q, now);
  server.exec("insert into member_options (user_id, auto_follow) values (?, 0)", q);
  server.exec(
    "insert into oidc_identities (issuer, subject, user_id, org_id) values ('https://id.test', 'q-1', ?, null)",
    q,
  );
  server.exec("insert into organisations (slug, name, kind) values ('acme', 'Acme', 'customer')");
  server.exec("insert into memberships (user_id, org_id, relation) values (?, 1, 'employee')", q);
  server.exec("insert into user_badges (user_id, badge, awarded_at) values (?, 'first_answer', ?)", q, now);
  // Her own profile issues the badge's credential (docs/credentials.md); erasure revokes it and drops its JWT.
  await quirine.get("/members/quirine");
  server.exec(
    "insert into flags (post_id, flagger_id, reason, note, created_at) values (?, ?, 'other', 'please check', ?)",
    adaQuestionId,
    q,
    now,
  );
  for (const [id, startsAt] of [
    [901, now - 7 * 24 * 3600_000],
    [902, now + 7 * 24 * 3600_000],
  ])
    server.exec(
      `insert into events (id, title, description, description_html, starts_at, ends_at, created_by, updated_at)
       values (?, 'Key ceremony', 'Bring a laptop.', '<p>Bring a laptop.</p>', ?, ?, ?, ?)`,
      id,
      startsAt,
      startsAt + 3600_000,
      idOf("ada"),
      now,
    );
  server.exec("insert into event_hosts (event_id, user_id) values (902, ?)", q);
  server.exec(
    "insert into rsvps (event_id, user_id, status, note, updated_at) values (901, ?, 'going', '', ?)",
    q,
    now,
  );
  server.exec(
    "insert into rsvps (event_id, user_id, status, note, updated_at) values (902, ?, 'going', 'vegetarian', ?)",
    q,
    now,
  );
  server.exec("insert into attendance (event_id, user_id, checked_in_at) values (901, ?, ?)", q, now);
  // People you should meet: a suggestion each way and a hello (docs/people-to-meet.md).
  for (const [from, to] of [
    [q, idOf("ada")],
    [idOf("ada"), q],
  ])
    server.exec(
      "insert or replace into member_matches (user_id, other_id, rank, score, reasons, computed_at) values (?, ?, 1, 2, '[]', ?)",
      from,
      to,
      now,
    );
  server.exec("insert into introductions (from_id, to_id, created_at) values (?, ?, ?)", q, idOf("ada"), now);
  server.exec(
    "insert into notifications (user_id, kind, actor_id, subject, title, url, message, created_at) values (?, 'introduction', ?, ?, '', '/members/quirine', '', ?)",
    idOf("ada"),
    q,
    `member:${q}`,
    now,
  );
  // Asked to answer a question (docs/routing.md).
  server.exec(
    "insert into question_routes (question_id, expert_id, round, score, asked_at) values ((select min(id) from posts), ?, 1, 3.5, ?)",
    q,
    now,
  );
  // Quirine supports Ada's idea.
  const idea = await ada.post("/ideas/new", {
    title: "Rotate signing keys from the console",
    body: "A button that starts the yearly key rotation would help our auditors.",
    tags: "security",
    orgSlug: "acme",
  });
  expect((await quirine.post(idea.headers.get("location")!, { intent: "vote", value: "1" })).status).toBe(302);
  // A failed log-in and a reset request for her address: both keyed by it.
  expect((await new Client(server.url).post("/login", { email: EMAIL, password: "wrong-password" })).status).toBe(400);
  await new Client(server.url).post("/forgot-password", { email: EMAIL });
}, 120_000);

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

describe("download my data", () => {
  it("/settings links to one JSON file with the member's rows of every table, without the password hash", async () => {
    const settings = await (await quirine.get("/settings")).text();
    expect(settings).toContain('href="/settings/export.json"');
    const response = await quirine.get("/settings/export.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="kring-quirine-\d{4}-\d\d-\d\d\.json"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const data = JSON.parse(text) as {
      format: string;
      version: number;
      generatedAt: string;
      tables: Record<string, Record<string, unknown>[]>;
    };
    expect(data.format).toBe("kring.member-export");
    expect(data.version).toBe(1);
    expect(Date.now() - Date.parse(data.generatedAt)).toBeLessThan(60_000);
    expect(Object.keys(data.tables).sort()).toEqual([...EXPORT_TABLES].sort());
    const q = idOf("quirine");
    for (const table of EXPORT_TABLES) {
      const rows = data.tables[table];
      expect(rows.length, table).toBeGreaterThan(0);
      // Rows that name a member name this one.
      for (const row of rows) {
        const owner = row.userId ?? row.authorId ?? row.flaggerId;
        if (owner !== undefined && table !== "post_revisions") expect(owner, table).toBe(q);
      }
    }
    expect(data.tables.users[0]).toMatchObject({ id: q, name: NAME, email: EMAIL, location: "Zandvoort" });
    expect(data.tables.member_tags).toEqual([{ tag: "security" }]);
    expect(data.tables.posts.map((p) => p.kind).sort()).toEqual(["answer", "question"]);
    expect(text).not.toMatch(/passwordHash|calendarTokenHash|\$argon2/);
    const hash = one<{ password_hash: string }>("select password_hash from users where id = ?", q).password_hash;
    expect(text).not.toContain(hash);
  });

  it("is for the signed-in member only", async () => {
    const anonymous = await new Client(server.url).get("/settings/export.json");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("delete my account", () => {
  it("a wrong password refuses it: 400 at the password field, and nothing changes", async () => {
    // Background jobs of the set-up (a badge for her support records an activity) finish first.
    await waitFor(
      () =>
        one<{ n: number }>(
          "select count(*) as n from jobs where status in ('pending', 'running') and run_at <= ?",
          Date.now(),
        ).n === 0 || undefined,
      "the set-up's jobs to finish",
    );
    const dump = () => JSON.stringify(one("select * from users where handle = 'quirine'"));
    const before = dump();
    const sessions = () =>
      one<{ n: number }>("select count(*) as n from sessions where user_id = ?", idOf("quirine")).n;
    const sessionsBefore = sessions();
    const response = await quirine.post("/settings", {
      intent: "erase",
      erasePassword: "not-my-password",
      deletePosts: "1",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/<input[^>]*id="erasePassword"[^>]*aria-invalid="true"/);
    expect(html).toContain(
      '<p class="field-error" id="erasePassword-error" role="alert">Your current password is not correct.</p>',
    );
    expect(dump()).toBe(before);
    expect(sessions()).toBe(sessionsBefore);
    expect((await quirine.get("/settings")).status).toBe(200);
  });

  it("removes her name, email and sessions from every table; her answer shows as Former member; she is signed out", async () => {
    const q = idOf("quirine");
    // The page is in the anonymous page cache before; erasure must invalidate it.
    const anonymous = new Client(server.url);
    expect(await (await anonymous.get(adaQuestion)).text()).toContain(NAME);
    // Signed in on a second device too, and digests waiting for her and for Ada (a job names its member by id).
    const laptop = new Client(server.url);
    await laptop.login(EMAIL, PASSWORD);
    for (const userId of [q, idOf("ada")])
      server.exec(
        "insert into jobs (kind, key, payload, run_at) values ('digest-email', ?, ?, ?)",
        `digest-email:test:${userId}`,
        JSON.stringify({ userId, since: Date.now() }),
        Date.now() + 3_600_000,
      );
    const digests = () =>
      server.sqlite.prepare("select key from jobs where key like 'digest-email:test:%'").pluck().all();
    const response = await quirine.post("/settings", { intent: "erase", erasePassword: PASSWORD });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/privacy?erased=1");
    expect(quirine.cookies.has("kring_session")).toBe(false);
    expect(await (await quirine.get("/privacy?erased=1")).text()).toContain("Your account is deleted.");

    const tables = server.sqlite
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all() as string[];
    expect(tables).toContain("users");
    for (const table of tables) {
      const rows = JSON.stringify(server.sqlite.prepare(`select * from "${table}"`).all()).toLowerCase();
      expect(rows, table).not.toContain(EMAIL.toLowerCase());
      expect(rows, table).not.toContain(NAME.toLowerCase());
      expect(rows, table).not.toContain("zandvoort");
    }
    expect(one("select count(*) as n from sessions where user_id = ?", q)).toEqual({ n: 0 });
    // Her badge stays, anonymous; its credential no longer vouches for her, and its JWT (her handle) is gone.
    expect(one("select revoked_reason as reason, jwt from credentials where user_id = ?", q)).toEqual({
      reason: "erased",
      jwt: "",
    });
    expect(one("select name, handle, email, headline, bio, location, locale from users where id = ?", q)).toEqual({
      name: "Former member",
      handle: `former.${q}`,
      email: `erased-${q}@invalid`,
      headline: "",
      bio: "",
      location: "",
      locale: null,
    });
    // Gone: what was about her alone. Kept: what others' totals rest on, and the past meetup.
    for (const table of [
      "user_visits",
      "notifications",
      "notification_preferences",
      "member_tags",
      "password_resets",
      "follows",
      "member_options",
      "oidc_identities",
    ])
      expect(one(`select count(*) as n from ${table} where user_id = ?`, q), table).toEqual({ n: 0 });
    // Nobody is suggested a former member, and her hellos go (docs/people-to-meet.md).
    expect(one("select count(*) as n from member_matches where ? in (user_id, other_id)", q)).toEqual({ n: 0 });
    expect(one("select count(*) as n from introductions where ? in (from_id, to_id)", q)).toEqual({ n: 0 });
    expect(one("select count(*) as n from question_routes where expert_id = ?", q)).toEqual({ n: 0 });
    // Her hello in ada's notifications, linking to her old handle, is gone.
    expect(one("select count(*) as n from notifications where kind = 'introduction' and actor_id = ?", q)).toEqual({
      n: 0,
    });
    expect(server.sqlite.prepare("select event_id from rsvps where user_id = ?").pluck().all(q)).toEqual([901]);
    expect(one("select count(*) as n from votes where user_id = ?", q)).toEqual({ n: 1 });
    expect(one<{ n: number }>("select count(*) as n from reputation_events where user_id = ?", q).n).toBeGreaterThan(0);
    expect(one("select status from posts where id = ?", quirineAnswerId)).toEqual({ status: "published" });
    expect(one("select action, subject from audit_log where subject = ?", `user:${q}`)).toEqual({
      action: "user.erase",
      subject: `user:${q}`,
    });

    const page = await (await anonymous.get(adaQuestion)).text();
    expect(page).toContain("Former member");
    expect(page).not.toContain(NAME);
    expect((await quirine.get("/settings")).status).toBe(302);
    expect((await laptop.get("/settings")).status).toBe(302);
    expect(digests()).toEqual([`digest-email:test:${idOf("ada")}`]);
  });

  it("the erased account cannot log in, and the same email can sign up again", async () => {
    const login = await new Client(server.url).post("/login", { email: EMAIL, password: PASSWORD });
    expect(login.status).toBe(400);
    const q = one<{ id: number }>("select id from users where name = 'Former member'").id;
    const placeholder = await new Client(server.url).post("/login", {
      email: `erased-${q}@invalid`,
      password: "!erased",
    });
    expect(placeholder.status).toBe(400);
    const again = await signUp(server, { name: NAME, handle: "quirine", email: EMAIL, password: PASSWORD });
    expect(again.cookies.has("kring_session")).toBe(true);
    expect(one<{ n: number }>("select count(*) as n from users where email = ?", EMAIL).n).toBe(1);
  });

  it("an admin erases another member on request, posts too; audited; reputation still adds up", async () => {
    const b = idOf("bert");
    const member = await (await admin.get("/members/bert")).text();
    expect(member).toContain('name="intent" value="erase"');
    expect(await (await lead.get("/members/bert")).text()).not.toContain('value="erase"');
    // Only admins (canEraseOthers): a lead gets 403, and nothing changes.
    expect((await lead.post("/members/bert", { intent: "erase", confirm: "bert", deletePosts: "1" })).status).toBe(403);
    const wrong = await admin.post("/members/bert", { intent: "erase", confirm: "bart", deletePosts: "1" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Type the member&#x27;s handle exactly to confirm.");
    expect(one("select name from users where id = ?", b)).toEqual({ name: "Bert Builder" });

    const erased = await admin.post("/members/bert", {
      intent: "erase",
      confirm: "Bert",
      reason: "request by email, ticket 4411",
      deletePosts: "1",
    });
    expect(erased.status).toBe(302);
    expect(erased.headers.get("location")).toBe(`/members/former.${b}`);
    expect(one("select name, email, erased_at is not null as erased from users where id = ?", b)).toEqual({
      name: "Former member",
      email: `erased-${b}@invalid`,
      erased: 1,
    });
    // His accepted answer is deleted as if he had deleted it: the question no longer counts or accepts it.
    expect(server.sqlite.prepare("select status from posts where author_id = ?").pluck().all(b)).toEqual(["deleted"]);
    const question = one<{ answer_count: number; accepted_answer_id: number | null }>(
      "select answer_count, accepted_answer_id from posts where id = ?",
      Number(/\/questions\/(\d+)/.exec(adaQuestion)![1]),
    );
    expect(question).toEqual({ answer_count: 1, accepted_answer_id: null });
    expect(one("select actor_id, action, detail from audit_log where subject = ?", `user:${b}`)).toEqual({
      actor_id: idOf("anna"),
      action: "user.erase",
      detail: "request by email, ticket 4411; posts deleted",
    });
    const profile = await admin.get(`/members/former.${b}`);
    expect(profile.status).toBe(200);
    const html = await profile.text();
    expect(html).toContain("<h1>Former member</h1>");
    expect(html).not.toContain("/questions/ask?expert="); // nobody to ask any more
    expect(html).not.toContain('value="erase"');

    // npm run reputation:verify against the server's database.
    const verify = spawnSync(process.execPath, ["--import", "tsx", "scripts/reputation-verify.ts"], {
      env: { ...process.env, DATABASE_PATH: server.dbPath, NODE_ENV: "production" },
      encoding: "utf8",
    });
    expect(verify.stderr).toBe("");
    expect(verify.stdout).toContain("Reputation verified");
    expect(verify.status).toBe(0);
  }, 60_000);
});

describe("the last admin", () => {
  it("cannot delete their own account: 400 with the reason, and nothing changes", async () => {
    const response = await admin.post("/settings", { intent: "erase", erasePassword: "anna-password-1" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(
      "You are the only admin: make another member admin first, then delete your account.",
    );
    expect(one("select name, erased_at from users where handle = 'anna'")).toEqual({
      name: "Anna Admin",
      erased_at: null,
    });
  });
});

describe("/privacy", () => {
  it("says what is stored, why and for how long, in English and Dutch, and links to /settings; the footer links to it", async () => {
    const en = await (await new Client(server.url).get("/privacy", { "Accept-Language": "en" })).text();
    expect(en).toContain("<h1>Privacy</h1>");
    expect(en).toContain("How long");
    expect(en).toContain("400 days");
    expect(en).toContain('href="/settings#privacy"');
    const nl = await (await new Client(server.url).get("/privacy", { "Accept-Language": "nl" })).text();
    expect(nl).toContain("Hoe lang");
    expect(nl).toContain("400 dagen");
    expect(nl).toContain("Je gegevens downloaden of je account verwijderen");
    const home = await (await new Client(server.url).get("/")).text();
    expect(home).toContain('href="/privacy"');
  });
});
