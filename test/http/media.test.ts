import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
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

/** Posts the photo form as a browser does: multipart, the file under `photo`, with the name and type given. */
async function upload(client: Client, bytes: Buffer, filename: string, type: string) {
  const form = new FormData();
  form.append("intent", "photo");
  form.append("photo", new Blob([new Uint8Array(bytes)], { type }), filename);
  return fetch(`${server.url}/settings`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: {
      Origin: "https://kring.example",
      Cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    },
  });
}

const photoDir = () => path.join(server.dir, "avatars");
const storedFiles = () => (fs.existsSync(photoDir()) ? fs.readdirSync(photoDir()) : []);
const avatarFileOf = (handle: string) =>
  (server.sqlite.prepare("select avatar_file as f from users where handle = ?").get(handle) as { f: string | null }).f;

/** A PNG with a tEXt chunk (keyword "Comment") inserted after its header. */
function withTextChunk(png: Buffer, text: string) {
  const data = Buffer.from(`Comment\0${text}`, "latin1");
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write("tEXt", 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  const afterHeader = 8 + 25; // signature, IHDR
  return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)]);
}

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });

describe("profile photo", () => {
  let bea: Client;
  beforeAll(async () => {
    bea = await signUp(server, {
      name: "Bea Photo",
      handle: "bea",
      email: "bea@example.test",
      password: "bea-password-1",
    });
  });

  async function refused(response: Response, message: string) {
    expect(response.status).toBe(400);
    const html = await response.text();
    // The settings page again, with the message tied to the field.
    expect(html).toContain('aria-describedby="photo-error photo-hint"');
    expect(html).toContain(message);
    expect(avatarFileOf("bea")).toBeNull();
    expect(storedFiles()).toEqual([]);
  }

  it("a 10 MB file is refused beside the field, before it is read, and nothing is stored", async () => {
    const big = Buffer.concat([await picture(64, 64).jpeg().toBuffer(), Buffer.alloc(10 * 1024 * 1024, 7)]);
    await refused(await upload(bea, big, "holiday.jpg", "image/jpeg"), "This file is too large");
  });

  it("a text file named .jpg is not an image; an SVG is not a photo format", async () => {
    await refused(
      await upload(bea, Buffer.from("just some text, not a picture\n".repeat(20)), "me.jpg", "image/jpeg"),
      "This file is not an image.",
    );
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    await refused(await upload(bea, svg, "me.png", "image/png"), "Only JPEG, PNG and WebP photos are accepted.");
  });

  it("a PNG with a script in its metadata is taken but cleaned: re-encoded, no text left", async () => {
    const dirty = withTextChunk(await picture(300, 200).png().toBuffer(), "<script>alert(document.cookie)</script>");
    expect((await sharp(dirty).metadata()).width).toBe(300); // still a valid PNG, script and all
    expect(dirty.includes("script")).toBe(true);
    const response = await upload(bea, dirty, "me.png", "image/png");
    expect(response.status).toBe(200);
    const hash = avatarFileOf("bea")!;
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(storedFiles().sort()).toEqual([`${hash}-256.webp`, `${hash}-64.webp`]);
    for (const file of storedFiles()) {
      const stored = fs.readFileSync(path.join(photoDir(), file));
      expect(stored.includes("script")).toBe(false);
      expect(stored.includes("Comment")).toBe(false);
      const meta = await sharp(stored).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.width).toBe(meta.height); // cropped square
    }
  });

  it("a JPEG with EXIF is stored without it, upright, and shown where the avatars are", async () => {
    // Left half red, right half blue, stored sideways: orientation 6 says "turn 90° clockwise to view".
    const red = await sharp({ create: { width: 200, height: 300, channels: 3, background: "#ff0000" } })
      .png()
      .toBuffer();
    const halves = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#0000ff" } })
      .composite([{ input: red, left: 0, top: 0 }])
      .png()
      .toBuffer();
    const jpeg = await sharp(halves)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: "SpyCam", Artist: "Bea" } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const old = avatarFileOf("bea");
    const response = await upload(bea, jpeg, "IMG_0001.JPG", "image/jpeg");
    expect(response.status).toBe(200);
    const hash = avatarFileOf("bea")!;
    expect(hash).not.toBe(old);
    // The previous photo's files are gone.
    expect(storedFiles().sort()).toEqual([`${hash}-256.webp`, `${hash}-64.webp`]);
    const stored = fs.readFileSync(path.join(photoDir(), `${hash}-256.webp`));
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([256, 256]);
    expect(stored.includes("SpyCam")).toBe(false);
    // Upright: the red half is now on top.
    const { data } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * 256 + x) * 3, (y * 256 + x) * 3 + 3)];
    expect(pixel(128, 20)[0]).toBeGreaterThan(200);
    expect(pixel(128, 235)[2]).toBeGreaterThan(200);

    // Served by its content-hash address, shown on the profile and in the directory.
    const photo = await visitor().get(`/members/bea/photo/${hash}-256.webp`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/webp");
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(stored);
    expect((await visitor().get(`/members/bea/photo/0000000000000000-256.webp`)).status).toBe(404);
    expect((await visitor().get(`/members/ada/photo/${hash}-256.webp`)).status).toBe(404);
    expect(await (await visitor().get("/members/bea")).text()).toContain(`src="/members/bea/photo/${hash}-256.webp"`);
    expect(await (await visitor().get("/members?q=bea")).text()).toContain(`src="/members/bea/photo/${hash}-64.webp"`);
  });

  it("above 16 MB even the photo form gets the server's 413 page; other multipart forms keep 512 KB", async () => {
    // Only the headers and 1 KB go out: an answer proves the server did not wait for the body.
    const statusOf = (pathname: string, length: number) =>
      new Promise<number>((resolve, reject) => {
        const request = http.request(`${server.url}${pathname}`, {
          method: "POST",
          headers: {
            "Content-Type": "multipart/form-data; boundary=x",
            "Content-Length": String(length),
            Origin: "https://kring.example",
          },
        });
        request.on("response", (response) => {
          response.resume();
          resolve(response.statusCode!);
          request.destroy();
        });
        request.on("error", reject);
        request.write("-".repeat(1024));
      });
    expect(await statusOf("/settings", 17 * 1024 * 1024)).toBe(413);
    expect(await statusOf("/articles/new", 1024 * 1024)).toBe(413);
  });

  it("a photo missing on disk (a database restored without data/avatars/) shows the initials", async () => {
    const hash = avatarFileOf("bea")!;
    const file = path.join(photoDir(), `${hash}-64.webp`);
    const kept = fs.readFileSync(file);
    fs.rmSync(file);
    const response = await visitor().get(`/members/bea/photo/${hash}-64.webp`);
    expect([response.status, response.headers.get("location")]).toEqual([302, "/members/bea/avatar.svg"]);
    fs.writeFileSync(file, kept);
  });

  it("Remove photo brings the initials back and deletes the files", async () => {
    const hash = avatarFileOf("bea")!;
    const response = await bea.post("/settings", { intent: "photo-remove" }, { Origin: "https://kring.example" });
    expect(response.status).toBe(200);
    expect(avatarFileOf("bea")).toBeNull();
    expect(storedFiles()).toEqual([]);
    expect((await visitor().get(`/members/bea/photo/${hash}-256.webp`)).status).toBe(404);
    expect(await (await visitor().get("/members/bea")).text()).not.toContain("/photo/");
  });

  it("deleting the account deletes the photo", async () => {
    const cleo = await signUp(server, {
      name: "Cleo Gone",
      handle: "cleo",
      email: "cleo@example.test",
      password: "cleo-password-1",
    });
    expect((await upload(cleo, await picture(90, 90).png().toBuffer(), "c.png", "image/png")).status).toBe(200);
    expect(storedFiles()).toHaveLength(2);
    const erased = await cleo.post(
      "/settings",
      { intent: "erase", erasePassword: "cleo-password-1" },
      { Origin: "https://kring.example" },
    );
    expect(erased.status).toBe(302);
    expect(storedFiles()).toEqual([]);
  });
});

describe("expert card", () => {
  beforeAll(async () => {
    const saved = await ada.post("/settings", {
      intent: "profile",
      name: `Ada <script>&"' Lovelace`,
      headline: "Cloud architect at Acme",
      bio: "",
      location: "",
      locale: "",
      theme: "system",
      expertise: "operations, security", // tags of Ada's article, above: expertise is in existing tags
    });
    expect(saved.status).toBe(200);
  });

  it("the HTML card: reputation, top tags, a link back; no script; any site may frame it, no other page", async () => {
    const response = await visitor().get("/members/ada/card");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors *");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
    expect(response.headers.get("x-frame-options")).toBeNull();
    const html = await response.text();
    expect(html).not.toMatch(/<script|style=|<form|<iframe/i);
    expect(html).toContain("Ada &lt;script&gt;&amp;&quot;&apos; Lovelace");
    expect(html).toMatch(/<span class="rep">\d+<\/span>/);
    expect(html).toContain("<li>operations</li><li>security</li>");
    expect(html).toContain('href="https://kring.example/members/ada" target="_blank" rel="noopener"');
    // Its one stylesheet is the one the CSP allows by hash.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const { createHash } = await import("node:crypto");
    expect(csp).toContain(`'sha256-${createHash("sha256").update(style).digest("base64")}'`);

    const profile = await visitor().get("/members/ada");
    expect(profile.headers.get("x-frame-options")).toBe("DENY");
    expect(profile.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("the SVG badge and its PNG for e-mail; unknown and erased members (Cleo, above) have none", async () => {
    const svg = await visitor().get("/members/ada/card.svg");
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(svg.headers.get("content-security-policy")).toContain("default-src 'none'");
    const text = await svg.text();
    expect(text).not.toMatch(/<script|<foreignObject/i);
    expect(text).toContain('<a href="https://kring.example/members/ada"');
    expect(text).toContain("Ada &lt;script&gt;&amp;&quot;&apos; Lovelace");
    expect(text).toContain(">operations</text>");
    expect(await sharp(Buffer.from(text)).metadata()).toMatchObject({ width: 420, height: 132 });

    const response = await visitor().get("/members/ada/card.png");
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([response.headers.get("content-type"), meta.width, meta.height]).toEqual(["image/png", 840, 264]);

    for (const suffix of ["", ".svg", ".png"]) {
      expect((await visitor().get(`/members/nobody/card${suffix}`)).status).toBe(404);
      expect((await visitor().get(`/members/former.3/card${suffix}`)).status).toBe(404);
    }
  });

  it("the member finds the codes to paste in /settings", async () => {
    const html = await (await ada.get("/settings")).text();
    expect(html).toContain("Expert card");
    expect(html).toContain("&lt;iframe src=&quot;https://kring.example/members/ada/card&quot;");
    expect(html).toContain("https://kring.example/members/ada/card.png");
    expect(html).toMatch(/<img class="card-preview" src="\/members\/ada\/card.svg\?v=\d+"/);
  });
});
