/**
 * Headers of every HTML document: the rendered pages (app/entry.server.tsx) and the plain pages the
 * server answers itself (scripts/serve.ts). nosniff and HSTS go on every response (scripts/serve.ts).
 * docs/security.md, "Headers".
 */
const isDev = process.env.NODE_ENV === "development";

/**
 * A page whose forms are redirected to another site (the company sign-in buttons on /login, which go on to
 * the providers) names those origins in this response header; the document's form-action allows them,
 * as browsers check form-action on every redirect after a form is sent. The header itself is not sent.
 */
export const FORM_TARGETS_HEADER = "X-Kring-Form-Targets";

const ORIGIN = /^https?:\/\/[a-z0-9.[\]:-]+$/i;

export function securityHeaders(nonce: string, formTargets = "") {
  const extra = formTargets
    .split(" ")
    .filter((o) => ORIGIN.test(o))
    .map((o) => ` ${o}`)
    .join("");
  const csp = [
    "default-src 'self'",
    // Only scripts carrying this response's nonce run: no inline handlers, no injected <script>.
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    // Markdown may show https images from anywhere (app/utils/markdown.server.ts keeps only those).
    "img-src 'self' data: https:",
    `connect-src 'self'${isDev ? " ws:" : ""}`,
    `form-action 'self'${extra}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy":
      "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  };
}
