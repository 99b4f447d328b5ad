/**
 * Every email has a plain-text and an HTML part with the same content, in the recipient's language.
 * User-written text (titles, names, messages) is escaped; the HTML uses inline styles only, because
 * mail clients drop style sheets.
 */
import type { Locale } from "~db/schema";
import { translator } from "~/utils/i18n.server";

export type EmailContent = {
  locale: Locale;
  name: string;
  paragraphs: string[];
  /** Optional sections: a heading and lines, each line optionally a link. */
  sections?: { heading: string; lines: { text: string; url?: string }[] }[];
  action?: { label: string; url: string };
  settingsUrl: string;
  unsubscribeUrl: string;
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function renderEmail(content: EmailContent) {
  const t = translator(content.locale);
  const text = [
    t("email.greeting", { name: content.name }),
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.sections ?? []).flatMap((s) => [
      s.heading,
      ...s.lines.map((l) => `- ${l.text}${l.url ? `\n  ${l.url}` : ""}`),
      "",
    ]),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
    "-- ",
    t("email.why"),
    `${t("email.settings")}: ${content.settingsUrl}`,
    `${t("email.unsubscribe")}: ${content.unsubscribeUrl}`,
  ].join("\n");
  const p = (inner: string) => `<p style="margin:0 0 16px">${inner}</p>`;
  const html = `<!DOCTYPE html>
<html lang="${content.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="margin:0;padding:24px;background:#f5f5f4;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1c1917;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
${p(escapeHtml(t("email.greeting", { name: content.name })))}
${content.paragraphs.map((para) => p(escapeHtml(para))).join("\n")}
${(content.sections ?? [])
  .map(
    (s) =>
      `<h2 style="font-size:16px;margin:24px 0 8px">${escapeHtml(s.heading)}</h2><ul style="padding-left:20px;margin:0 0 16px">${s.lines
        .map(
          (l) =>
            `<li>${l.url ? `<a href="${escapeHtml(l.url)}" style="color:#1d4ed8">${escapeHtml(l.text)}</a>` : escapeHtml(l.text)}</li>`,
        )
        .join("")}</ul>`,
  )
  .join("\n")}
${content.action ? p(`<a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a>`) : ""}
<hr style="border:none;border-top:1px solid #e7e5e4;margin:24px 0 12px">
<p style="margin:0;font-size:12px;color:#57534e">${escapeHtml(t("email.why"))}
<a href="${escapeHtml(content.settingsUrl)}" style="color:#57534e">${escapeHtml(t("email.settings"))}</a> ·
<a href="${escapeHtml(content.unsubscribeUrl)}" style="color:#57534e">${escapeHtml(t("email.unsubscribe"))}</a></p>
</div></body></html>`;
  return { text, html };
}
