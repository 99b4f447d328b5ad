import { json, type AppLoadContext, type HeadersFunction } from "@remix-run/node";
import type { z } from "zod";
import type { LimitRefusal } from "~/models/post-limits.server";
import type { MessageKey } from "~/utils/i18n";

/** The one error shape of every form: a message key per field, plus "form" for the whole form. */
export type FormErrors = Partial<Record<string, MessageKey>>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/**
 * Control characters other than tab and line breaks (NUL, U+0001…, DEL) mean nothing in a form and make
 * XML (the Atom feeds) invalid: every form drops them before validation.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function withoutControlCharacters(formData: FormData | URLSearchParams) {
  return Object.fromEntries(
    [...formData].map(([name, value]) => [
      name,
      typeof value === "string" ? value.replace(CONTROL_CHARACTERS, "") : value,
    ]),
  );
}

/** Validates form data (or a GET form's query) against a zod schema whose messages are translation keys. */
export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData | URLSearchParams): Parsed<z.infer<S>> {
  const result = schema.safeParse(withoutControlCharacters(formData));
  if (result.success) return { ok: true, data: result.data };
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= (issue.message.startsWith("error.") ? issue.message : "error.invalid") as MessageKey;
  }
  return { ok: false, errors };
}

/** 400 with field errors; the submitted values go back so the form keeps them, never a password. */
export function badRequest(errors: FormErrors, values?: Record<string, unknown>, status = 400) {
  return json({ ok: false as const, errors, values: withoutPasswords(values) }, { status });
}

/** What a form may show again: every value but a password field's (its name contains "password"). */
export function withoutPasswords(values: Record<string, unknown> = {}) {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !/password/i.test(name)));
}

/**
 * 429 for a throttled form: Retry-After in seconds, and the minutes for the message (`{minutes}`). It sets no
 * cookie. Routes that answer it export `headers = retryAfterHeaders`, or the rendered page would lose the header.
 */
export function tooManyRequests(error: MessageKey, retryAfterSeconds: number, values?: Record<string, unknown>) {
  return json(
    {
      ok: false as const,
      errors: { form: error } as FormErrors,
      values: withoutPasswords(values),
      retryInMinutes: Math.ceil(retryAfterSeconds / 60),
    },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

/**
 * A post refused by a posting limit (docs/limits.md): the values go back as with badRequest, with the
 * message's placeholders (`errorVars`, for FormError), and a rate limit answers 429 with Retry-After.
 */
export function limitRefused(refusal: LimitRefusal, values: Record<string, unknown>) {
  const headers = refusal.retryAfter ? { "Retry-After": String(refusal.retryAfter) } : undefined;
  return json(
    {
      ok: false as const,
      errors: { form: refusal.error } as FormErrors,
      values: withoutPasswords(values),
      errorVars: refusal.vars,
    },
    { status: refusal.status, headers },
  );
}

/** A page carries its action's headers only through the route's `headers` export: routes that answer 429 export this. */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

/**
 * Remix's own fetches (a fetcher, a <Form> with JavaScript) carry `_data` in the URL (the server
 * notes it in the load context, as Remix strips it from the Request); a browser without JavaScript
 * posts the document itself. Forms that stay on their page answer the first with data and the second
 * with a 303 back to the page (Post/Redirect/Get), so a refresh never posts again. docs/content.md
 */
export function isDocumentRequest(context: AppLoadContext) {
  return !context.dataRequest;
}

/** A success answer in the same shape, for forms that stay on their page. */
export function formOk(values: Record<string, unknown> = {}, headers?: HeadersInit) {
  return json({ ok: true as const, errors: {} as FormErrors, values }, { headers });
}
