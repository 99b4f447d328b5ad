import fs from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories";
import { photoDirectory, processPhoto, setPhoto } from "./photo.server";

const jpeg = () =>
  sharp({ create: { width: 120, height: 80, channels: 3, background: "#3366aa" } })
    .jpeg()
    .toBuffer();
const stored = () => (fs.existsSync(photoDirectory()) ? fs.readdirSync(photoDirectory()) : []);

describe("profile photos", () => {
  it("stores the files beside the database, named by content, and nothing when the row cannot be written", async () => {
    expect(photoDirectory()).toBe(fs.realpathSync(process.env.DATABASE_PATH!.replace(/[^/]+$/, "")) + "/avatars");
    // No member 999999: the files are written first, then the row fails, and what was written goes again.
    await expect(setPhoto({ userId: 999999, bytes: await jpeg() })).rejects.toThrow();
    expect(stored()).toEqual([]);
    const user = await makeUser();
    const result = await setPhoto({ userId: user.id, bytes: await jpeg() });
    expect(result.ok).toBe(true);
    expect(stored()).toHaveLength(2);
  });

  it("refuses what is too large, not an image or not a photo format, by the bytes", async () => {
    expect(await processPhoto(Buffer.alloc(6 * 1024 * 1024))).toEqual({ ok: false, error: "error.photo.tooLarge" });
    expect(await processPhoto(Buffer.from("GIF89a but really text"))).toEqual({
      ok: false,
      error: "error.photo.notImage",
    });
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } })
      .gif()
      .toBuffer();
    expect(await processPhoto(gif)).toEqual({ ok: false, error: "error.photo.format" });
    // A truncated JPEG: its header reads, its pixels do not.
    const cut = (await jpeg()).subarray(0, 200);
    expect(await processPhoto(cut)).toEqual({ ok: false, error: "error.photo.notImage" });
    // A small PNG of one colour that claims 6000×5000 pixels (a decompression bomb): too large, from its header.
    const bomb = await sharp({ create: { width: 6000, height: 5000, channels: 3, background: "#fff" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await processPhoto(bomb)).toEqual({ ok: false, error: "error.photo.tooLarge" });
  });
});
