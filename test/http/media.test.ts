import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signUp, startServer, type TestServer } from "../server";

let server: TestServer;
let ada: Client;
const visitor = () => new Client(server.url);

beforeAll(async () => {
  server = await startServer({ env: { PUBLIC_URL: "https://kring.example" } });
  ada = await signUp(server, {
    name: `Ada <script>&"' Lovelace`,
    handle: "ada",
    email: "ada@example.test",
    password: "ada-password-1",
  });
  ada.headers.Origin = "https://kring.example";
  server.exec("update users set role = 'expert' where handle = 'ada'");
});

afterAll(async () => {
  expect(server.stderr()).toBe("");
  await server.stop();
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function png(pathname: string) {
  const response = await visitor().get(pathname);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/png");
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  // The IHDR chunk comes first: its width and height, as any reader of the file sees them.
  expect(bytes.toString("latin1", 12, 16)).toBe("IHDR");
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);
  const meta = await sharp(bytes).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);
  return { bytes, etag: response.headers.get("etag")!, cacheControl: response.headers.get("cache-control") };
}

describe("Open Graph images", () => {
  it("a profile's is a 1200×630 PNG that changes with the reputation, cached by content", async () => {
    const before = await png("/members/ada/og.png");
    expect(before.etag).toMatch(/^"og-[\w-]+"$/);
    expect(before.cacheControl).toContain("public");
    // Unchanged: the same bytes, and a revalidation answers 304.
    expect((await png("/members/ada/og.png")).bytes).toEqual(before.bytes);
    const revalidated = await visitor().get("/members/ada/og.png", { "If-None-Match": before.etag });
    expect(revalidated.status).toBe(304);

    server.grantReputation("ada", 25);
    const after = await png("/members/ada/og.png");
    expect(after.etag).not.toBe(before.etag);
    expect(after.bytes).not.toEqual(before.bytes);
    expect((await visitor().get("/members/ada/og.png", { "If-None-Match": before.etag })).status).toBe(200);
  });

  it("an article's too; the pages announce them as og:image with size and type", async () => {
    const created = await ada.post("/articles/new", {
      title: "Signing keys, rotated without downtime",
      summary: "",
      body: "Create the new key first, then switch over.",
      tags: "security, operations",
    });
    expect(created.status).toBe(302);
    const articleUrl = created.headers.get("location")!;
    await png(`${articleUrl}/og.png`);

    const article = await (await visitor().get(articleUrl)).text();
    expect(article).toContain(`<meta property="og:image" content="https://kring.example${articleUrl}/og.png"/>`);
    expect(article).toContain(`<meta property="og:image:width" content="1200"/>`);
    expect(article).toContain(`<meta property="og:image:height" content="630"/>`);
    expect(article).toContain(`<meta property="og:image:type" content="image/png"/>`);

    const profile = await (await visitor().get("/members/ada")).text();
    expect(profile).toContain(`<meta property="og:image" content="https://kring.example/members/ada/og.png"/>`);
    expect(profile).not.toMatch(/og:image" content="[^"]*\.svg/);
  });

  it("unknown members and articles are 404", async () => {
    expect((await visitor().get("/members/nobody/og.png")).status).toBe(404);
    expect((await visitor().get("/articles/nothing-here/og.png")).status).toBe(404);
  });
});
