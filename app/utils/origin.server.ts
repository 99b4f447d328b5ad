/**
 * Cross-site request check, run by the server for every request before Remix sees it.
 * A state-changing request must come from this site: its Origin (or, failing that, its Referer)
 * must name the host it was sent to, or PUBLIC_URL. Browsers always send Origin on POST; clients
 * that send neither header (curl, integrations) carry no ambient cookies from a victim, so they pass.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteRequest({
  method,
  host,
  origin,
  referer,
  publicUrl,
}: {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  referer: string | undefined;
  publicUrl?: string;
}) {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const source = origin ?? referer;
  if (source === undefined) return false;
  let sourceUrl: URL;
  try {
    sourceUrl = new URL(source);
  } catch {
    return true; // "null" or garbage
  }
  if (host && sourceUrl.host === host.toLowerCase()) return false;
  if (publicUrl && sourceUrl.origin === new URL(publicUrl).origin) return false;
  return true;
}
