/** Profile photos (docs/media.md): what the browser side needs to know (the server side is app/models/photo.server.ts). */

/** The largest upload taken: a phone photo is 2–5 MB; the stored photo is a few KB whatever comes in. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/** The sizes stored: the profile header (96 px on screen, 2× for sharp screens) and lists (40 px). */
export const PHOTO_SIZES = [256, 64] as const;
export type PhotoSize = (typeof PHOTO_SIZES)[number];

export const PHOTO_TYPES = "image/jpeg,image/png,image/webp";

/** A stored photo's file name: the content hash and the size, so its address never serves other bytes. */
export const PHOTO_FILE = /^([0-9a-f]{16})-(64|256)\.webp$/;

export function photoUrl(handle: string, avatarFile: string | null | undefined, size: PhotoSize) {
  return avatarFile ? `/members/${encodeURIComponent(handle)}/photo/${avatarFile}-${size}.webp` : null;
}
