/**
 * Cross-site request check, run by the server for every request before Remix sees it.
 * A state-changing request must come from this site: its Origin (or, failing that, its Referer)
 * must name the site's host: PUBLIC_URL's when set, else the request's Host (the forwarded host only
 * behind a trusted proxy; scripts/serve.ts decides, docs/security.md). Browsers always send Origin on POST;
 * clients that send neither header (curl, integrations) carry no victim's cookies, so they pass.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteRequest({
  method,
  host,
  origin,
  referer,
}: {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  referer: string | undefined;
}) {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const source = origin || referer;
  if (!source) return false;
  const target = host?.toLowerCase();
  try {
    return new URL(source).host !== target;
  } catch {
    return true; // "null" or garbage
  }
}
