import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let asker: Client;
let helper: Client;
let voter: Client;

beforeAll(async () => {
  server = await startServer({ env: { PUBLIC_URL: "https://kring.example" } });
  asker = await signUp(server, {
    name: "Asker Ada",
    handle: "ada",
    email: "ada@example.test",
    password: "ada-password-1",
  });
  helper = await signUp(server, {
    name: "Helper Hans",
    handle: "hans",
    email: "hans@example.test",
    password: "hans-password-1",
  });
  voter = await signUp(server, {
    name: "Voter Vera",
    handle: "vera",
    email: "vera@example.test",
    password: "vera-password-1",
  });
  // Ada and Hans joined days ago: they ask and answer faster than new members may (docs/limits.md; test/http/limits.test.ts).
  server.exec("update users set created_at = ? where handle in ('ada', 'hans')", Date.now() - 3 * 24 * 3600_000);
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

// PUBLIC_URL is https, as in production: forms are posted from the public origin, whatever host the proxy passes.
const viaProxy = { Origin: "https://kring.example" };

// Each call's answer is a text of its own: the same answer twice in a day would be held as spam (docs/moderation.md).
let answers = 0;
async function answeredQuestion() {
  const ask = await asker.post(
    "/questions/ask",
    { title: "How do I rotate the signing keys?", body: "Our auditors ask for a yearly rotation.", tags: "security" },
    viaProxy,
  );
  const questionUrl = ask.headers.get("location")!;
  const answered = await helper.post(
    questionUrl,
    { intent: "answer", body: `Create the new key first, then switch over (${++answers}).` },
    viaProxy,
  );
  const answerId = Number(/#post-(\d+)/.exec(answered.headers.get("location")!)![1]);
  return { questionUrl, answerId };
}

const reputationOnProfile = async (handle: string) => {
  const html = await (await new Client(server.url).get(`/members/${handle}`)).text();
  return Number(/<span class="reputation-total">(-?\d+)<\/span>/.exec(html)![1]);
};

describe("reputation over HTTP", () => {
  it("an upvote on an answer shows +10 on its author's profile; undoing it takes it back", async () => {
    server.grantReputation("vera", 15); // the upvote privilege
    const { questionUrl, answerId } = await answeredQuestion();
    const before = await reputationOnProfile("hans");
    expect(
      (await voter.post(questionUrl, { intent: "vote", postId: String(answerId), value: "1" }, viaProxy)).status,
    ).toBe(303);
    expect(await reputationOnProfile("hans")).toBe(before + 10);
    expect(
      (await voter.post(questionUrl, { intent: "vote", postId: String(answerId), value: "0" }, viaProxy)).status,
    ).toBe(303);
    expect(await reputationOnProfile("hans")).toBe(before);
  });

  it("a member with 40 reputation cannot vote down: 403, and the page says why", async () => {
    const lowly = await signUp(server, {
      name: "Low Lotte",
      handle: "lotte",
      email: "lotte@example.test",
      password: "lotte-password-1",
    });
    server.grantReputation("lotte", 40);
    const { questionUrl, answerId } = await answeredQuestion();
    expect(
      (await lowly.post(questionUrl, { intent: "vote", postId: String(answerId), value: "-1" }, viaProxy)).status,
    ).toBe(403);
    expect(
      (await lowly.post(questionUrl, { intent: "vote", postId: String(answerId), value: "1" }, viaProxy)).status,
    ).toBe(303);
    const page = await (await lowly.get(questionUrl)).text();
    expect(page).toContain("You need 125 reputation to vote down; you have 40.");
    expect(page).toMatch(
      /<button type="submit" name="value" value="-1" aria-pressed="false" disabled="" title="You need 125 reputation to vote down; you have 40\."/,
    );
  });

  it("the profile carries Open Graph and Twitter tags with absolute URLs and a valid JSON-LD Person", async () => {
    await helper.post(
      "/settings",
      {
        intent: "profile",
        name: "Helper Hans",
        headline: "Security engineer at Nordlicht",
        bio: "I **rotate** keys.",
        location: "Gent",
        locale: "",
        theme: "system",
        expertise: "security",
      },
      viaProxy,
    );
    const html = await (await new Client(server.url).get("/members/hans")).text();
    const meta = (property: string) =>
      new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(html)?.[1];
    expect(meta("og:type")).toBe("profile");
    expect(meta("og:url")).toBe("https://kring.example/members/hans");
    expect(meta("og:title")).toBe("Helper Hans (@hans)");
    expect(meta("og:description")).toBe("Security engineer at Nordlicht");
    // A PNG preview: LinkedIn and most chat apps do not show SVG ones (docs/media.md).
    expect(meta("og:image")).toBe("https://kring.example/members/hans/og.png");
    expect(meta("og:image:type")).toBe("image/png");
    expect(meta("twitter:card")).toBe("summary_large_image");
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]);
    expect(jsonLd).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Person",
      name: "Helper Hans",
      url: "https://kring.example/members/hans",
      jobTitle: "Security engineer at Nordlicht",
    });
    expect(jsonLd.knowsAbout).toContain("security");
    expect(html).toContain("<strong>rotate</strong>"); // the bio is markdown
    const avatar = await new Client(server.url).get("/members/hans/avatar.svg");
    expect(avatar.headers.get("content-type")).toContain("image/svg+xml");
    expect(await avatar.text()).toContain(">HH</text>");
  });

  it("leaderboard, badges and the directory show the earned standing", async () => {
    const board = await (await new Client(server.url).get("/leaderboard?period=all&tag=security")).text();
    expect(board).toContain("Helper Hans");
    expect((await new Client(server.url).get("/leaderboard?tag=no-such-tag")).status).toBe(404);
    expect(await (await new Client(server.url).get("/badges")).text()).toContain(
      "10 accepted answers, or 20 posts with a positive score, in one tag.",
    );
    const directory = await (await new Client(server.url).get("/members?tag=security&sort=reputation")).text();
    expect(directory).toContain("Helper Hans");
    expect(directory).not.toContain("Voter Vera");
  });

  it("Tag Expert is held per tag: /badges lists each tag with its holders, the profile says 'Tag Expert: security' at its highest level", async () => {
    // As the badge job writes them (its rules are tested in app/models/badge.server.test.ts).
    for (const badge of ["tag_expert", "tag_expert_silver"]) {
      server.exec(
        "insert into user_badges (user_id, badge, tag, awarded_at) select id, ?, 'security', ? from users where handle = 'hans'",
        badge,
        Date.now(),
      );
    }
    server.exec(
      "insert into cache_tags (tag, version) values ('badges', 1), ('member:' || (select id from users where handle = 'hans'), 1) on conflict (tag) do update set version = version + 1",
    );
    const badges = await (await new Client(server.url).get("/badges")).text();
    const section = (id: string) => new RegExp(`<(section|div) id="${id}"[\\s\\S]*?</\\1>`).exec(badges)?.[0] ?? "";
    for (const [id, name] of [
      ["tag_expert-security", "Tag Expert: security"],
      ["tag_expert_silver-security", "Tag Expert (silver): security"],
    ]) {
      expect(section(id)).toContain("<h3");
      expect(section(id)).toContain(name);
      expect(section(id)).toContain('href="/members/hans"');
    }
    expect(section("tag_expert_gold")).toContain("Nobody holds this badge yet.");
    const profile = await (await new Client(server.url).get("/members/hans")).text();
    expect(profile.match(/Tag Expert( \(silver\))?: security/g)).toHaveLength(1);
    expect(profile).toMatch(/class="award silver"[^>]*>Tag Expert \(silver\): security</);
  });
});
