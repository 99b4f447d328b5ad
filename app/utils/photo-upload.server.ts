/**
 * Reads a profile-photo upload (docs/media.md) without holding more than the limit in memory: a body that
 * says it is larger is refused before a byte is read, and the multipart stream stops at the limit.
 */
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { PHOTO_MAX_BYTES } from "./avatar";
import type { MessageKey } from "./i18n";

/** Room for the multipart framing and the form's other fields around the file. */
const FRAMING = 16 * 1024;

export function isMultipart(request: Request) {
  return (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

export async function readPhotoUpload(
  request: Request,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: MessageKey }> {
  const length = Number(request.headers.get("Content-Length"));
  if (length > PHOTO_MAX_BYTES + FRAMING) return { ok: false, error: "error.photo.tooLarge" };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({
        maxPartSize: PHOTO_MAX_BYTES,
        filter: ({ name }) => name === "photo" || name === "intent",
      }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, error: "error.photo.tooLarge" };
    return { ok: false, error: "error.photo.required" };
  }
  const file = form.get("photo");
  if (form.get("intent") !== "photo" || !(file instanceof File) || file.size === 0)
    return { ok: false, error: "error.photo.required" };
  return { ok: true, bytes: Buffer.from(await file.arrayBuffer()) };
}
