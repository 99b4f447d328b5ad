/**
 * The answers routes throw when something is missing or refused; the root ErrorBoundary renders them as the
 * translated 404 and 403 pages. Forms answer 400 with field errors through `badRequest` (forms.server.ts).
 */
export const notFound = () => new Response("Not found", { status: 404 });
export const forbidden = () => new Response("Forbidden", { status: 403 });

/**
 * The one reader of ids in URLs: a positive integer as written ("12"), else 0, which no row has, so the
 * lookup finds nothing and the route answers 404. "12abc", "1e3", "-1" and "0x10" are not ids.
 */
export function parseId(value: string | undefined) {
  return value !== undefined && /^[1-9]\d{0,14}$/.test(value) ? Number(value) : 0;
}
