/**
 * Links that take a page or a credential elsewhere (docs/credentials.md, "Sharing"): plain URLs, no scripts
 * from third parties, so they work without JavaScript and under the CSP.
 */

/** LinkedIn's share dialog for a URL (it reads the page's Open Graph tags). */
export const linkedInShareUrl = (url: string) =>
  `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`;

/** An e-mail with the title as subject and the URL as body. */
export const mailShareUrl = (title: string, url: string) =>
  `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`;

/**
 * LinkedIn's documented "Add to profile" link for a certification
 * (https://addtoprofile.linkedin.com/): the form opens filled in with the credential's name, issuer, date,
 * URL and id.
 */
export function linkedInAddToProfileUrl({
  name,
  organizationName,
  issuedAt,
  certUrl,
  certId,
}: {
  name: string;
  organizationName: string;
  issuedAt: Date;
  certUrl: string;
  certId: string;
}) {
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name,
    organizationName,
    issueYear: String(issuedAt.getUTCFullYear()),
    issueMonth: String(issuedAt.getUTCMonth() + 1),
    certUrl,
    certId,
  });
  return `https://www.linkedin.com/profile/add?${params.toString().replace(/\+/g, "%20")}`;
}
