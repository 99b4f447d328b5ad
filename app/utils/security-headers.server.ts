/**
 * Headers of every HTML document: the rendered pages (app/entry.server.tsx) and the plain pages the
 * server answers itself (scripts/serve.ts). nosniff and HSTS go on every response (scripts/serve.ts).
 * docs/security.md, "Headers".
 */
const isDev = process.env.NODE_ENV === "development";

export function securityHeaders(nonce: string) {
  const csp = [
    "default-src 'self'",
    // Only scripts carrying this response's nonce run: no inline handlers, no injected <script>.
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    // Markdown may show https images from anywhere (app/utils/markdown.server.ts keeps only those).
    "img-src 'self' data: https:",
    `connect-src 'self'${isDev ? " ws:" : ""}`,
    "form-action 'self'",
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
