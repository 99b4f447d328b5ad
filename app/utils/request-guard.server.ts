/**
 * What the server refuses before a request reaches Remix (docs/security.md, "Requests the server refuses"):
 * methods other than GET, HEAD and POST; posts that are not forms; form bodies without a length or over
 * the limit. Reading a body is what costs memory, so the limit is checked on Content-Length before a
 * byte is read, and a body without one (chunked) is refused outright: browsers always send it on forms.
 */
import type { MessageKey } from "./i18n";

/**
 * The largest form body: the longest field (an article, 20,000 characters) percent-encoded as emoji
 * (12 bytes each) is 240 KB, so 512 KB leaves room for the other fields and multipart framing.
 */
export const FORM_BODY_LIMIT = 512 * 1024;

/**
 * The profile-photo form (multipart to /settings, docs/media.md) may say it is larger: its action reads the
 * file as a stream and stops at the photo limit, so a too-large photo gets its message beside the field
 * instead of this page. Above this, the page.
 */
export const PHOTO_BODY_LIMIT = 16 * 1024 * 1024;

export const ALLOWED_METHODS = ["GET", "HEAD", "POST"];
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

export type Refusal = {
  status: 405 | 411 | 413 | 415;
  title: MessageKey;
  body: MessageKey;
  vars?: Record<string, number>;
};

export function refusal({
  method,
  path,
  contentType,
  contentLength,
}: {
  method: string;
  path: string;
  contentType: string | undefined;
  contentLength: string | undefined;
}): Refusal | null {
  if (!ALLOWED_METHODS.includes(method))
    return { status: 405, title: "errorPage.method.title", body: "errorPage.method.body" };
  if (method !== "POST") return null;
  const type = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  // One-click unsubscribe (RFC 8058) is posted by mail providers, some without a body; its action reads none.
  const bodyless = path.startsWith("/unsubscribe/") && !type;
  if (!FORM_TYPES.has(type) && !bodyless)
    return { status: 415, title: "errorPage.notAForm.title", body: "errorPage.notAForm.body" };
  if (bodyless && (contentLength ?? "0") === "0") return null;
  if (contentLength === undefined || !/^\d+$/.test(contentLength))
    return { status: 411, title: "errorPage.noLength.title", body: "errorPage.noLength.body" };
  const limit = path === "/settings" && type === "multipart/form-data" ? PHOTO_BODY_LIMIT : FORM_BODY_LIMIT;
  if (Number(contentLength) > limit) {
    return {
      status: 413,
      title: "errorPage.tooLarge.title",
      body: "errorPage.tooLarge.body",
      vars: { limit: limit / 1024 },
    };
  }
  return null;
}
