/** Only same-site paths are allowed as redirect targets from user input. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(to)) return fallback;
  // Percent-encoded as a browser would: a Location header carries bytes, and non-Latin-1 text in it throws.
  const base = "http://kring.invalid";
  const url = new URL(to, base);
  const out = `${url.pathname}${url.search}${url.hash}`;
  // Checked again after normalising: "/.//evil.example" resolves to the path "//evil.example", another site.
  return url.origin === base && !out.startsWith("//") && !out.startsWith("/\\") ? out : fallback;
}
