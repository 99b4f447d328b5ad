/**
 * Profile photos (docs/media.md). An upload is checked by its bytes (sharp reads it: JPEG, PNG or WebP,
 * never the file name or the browser's type), turned upright, cropped square, resized and re-encoded as
 * WebP without any metadata (EXIF, GPS, text chunks: sharp keeps none unless told), and stored under
 * data/avatars/ beside the database with its content hash as the name. The files are written before the
 * row points at them; a failure removes what it wrote, so nothing half-stored remains.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { users } from "~db/schema";
import { PHOTO_FILE, PHOTO_MAX_BYTES, PHOTO_SIZES, type PhotoSize } from "~/utils/avatar";
import { db, writeTransaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { bumpCacheTags } from "~/utils/page-cache.server";

// Loaded on the first upload: libvips adds about 19 MB to a worker that may never see a photo (docs/capacity.md).
const loadSharp = () => import("sharp");

const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp"]);
/** A small file can still claim a huge picture (a "decompression bomb"); 24 megapixels is a good camera's photo. */
const MAX_INPUT_PIXELS = 24_000_000;

export type PhotoError = "error.photo.tooLarge" | "error.photo.notImage" | "error.photo.format";

export function photoDirectory() {
  return path.resolve(path.join(path.dirname(env().DATABASE_PATH), "avatars"));
}

export function photoFilePath(avatarFile: string, size: PhotoSize) {
  return path.join(photoDirectory(), `${avatarFile}-${size}.webp`);
}

/** The re-encoded sizes of an upload, or why it is refused. */
export async function processPhoto(
  bytes: Buffer,
): Promise<{ ok: true; hash: string; files: Map<PhotoSize, Buffer> } | { ok: false; error: PhotoError }> {
  if (bytes.length > PHOTO_MAX_BYTES) return { ok: false, error: "error.photo.tooLarge" };
  const { default: sharp } = await loadSharp();
  let format: string | undefined;
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    // Refused from the header, before any decoding: too many pixels is "too large", not "not an image".
    if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS) return { ok: false, error: "error.photo.tooLarge" };
    format = meta.format;
  } catch {
    return { ok: false, error: "error.photo.notImage" };
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) return { ok: false, error: "error.photo.format" };
  const files = new Map<PhotoSize, Buffer>();
  try {
    for (const size of PHOTO_SIZES) {
      const out = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
        .rotate() // upright by its EXIF orientation, before the EXIF goes
        .resize(size, size, { fit: "cover", position: "centre" })
        .webp({ quality: 82 })
        .toBuffer();
      files.set(size, out);
    }
  } catch {
    // Truncated or corrupt past its header.
    return { ok: false, error: "error.photo.notImage" };
  }
  const hash = createHash("sha256").update(files.get(256)!).digest("hex").slice(0, 16);
  return { ok: true, hash, files };
}

/** Stores an upload as the member's photo; the old photo's files go when no one else uses them. */
export async function setPhoto({ userId, bytes }: { userId: number; bytes: Buffer }) {
  const processed = await processPhoto(bytes);
  if (!processed.ok) return processed;
  const dir = photoDirectory();
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  try {
    for (const [size, data] of processed.files) {
      const target = photoFilePath(processed.hash, size);
      // Written whole under a temporary name, then renamed: a reader never sees half a file.
      const temp = path.join(dir, `.${randomUUID()}.tmp`);
      written.push(temp);
      fs.writeFileSync(temp, data);
      if (!fs.existsSync(target)) written.push(target);
      fs.renameSync(temp, target);
    }
    const previous = writeTransaction((tx) => {
      const row = tx.select({ avatarFile: users.avatarFile }).from(users).where(eq(users.id, userId)).get();
      if (!row) throw new Error(`no member ${userId}`);
      tx.update(users).set({ avatarFile: processed.hash }).where(eq(users.id, userId)).run();
      bumpCacheTags(tx, ["members", "names", `member:${userId}`]);
      return row.avatarFile;
    });
    if (previous && previous !== processed.hash) deleteUnusedPhoto(previous);
    return { ok: true as const, hash: processed.hash };
  } catch (error) {
    for (const file of written) fs.rmSync(file, { force: true });
    throw error;
  }
}

export function removePhoto(userId: number) {
  const previous = writeTransaction((tx) => {
    const row = tx.select({ avatarFile: users.avatarFile }).from(users).where(eq(users.id, userId)).get();
    tx.update(users).set({ avatarFile: null }).where(eq(users.id, userId)).run();
    bumpCacheTags(tx, ["members", "names", `member:${userId}`]);
    return row?.avatarFile ?? null;
  });
  if (previous) deleteUnusedPhoto(previous);
}

/** Removes a photo's files unless another member uploaded the same picture (same content, same name). */
export function deleteUnusedPhoto(avatarFile: string) {
  const inUse = db.select({ id: users.id }).from(users).where(eq(users.avatarFile, avatarFile)).get();
  if (inUse) return;
  for (const size of PHOTO_SIZES) fs.rmSync(photoFilePath(avatarFile, size), { force: true });
}

/**
 * Where the member's current photo of the size named by `file` is (`path` null when it is not on disk: a
 * database restored without data/avatars/), or null: a file that is not theirs is never served.
 */
export function currentPhotoPath({ handle, file }: { handle: string; file: string }) {
  const match = PHOTO_FILE.exec(file);
  if (!match) return null;
  const row = db
    .select({ avatarFile: users.avatarFile })
    .from(users)
    .where(sql`lower(${users.handle}) = lower(${handle})`)
    .get();
  if (!row?.avatarFile || row.avatarFile !== match[1]) return null;
  const full = photoFilePath(row.avatarFile, Number(match[2]) as PhotoSize);
  return { path: fs.existsSync(full) ? full : null };
}
