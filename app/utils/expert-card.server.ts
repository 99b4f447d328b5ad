/**
 * The embeddable expert card (docs/media.md): a member's name, headline, reputation and top tags, linking
 * back to their profile, for a blog (an HTML snippet in an iframe) or an e-mail signature (an image in a
 * link). Both are the same for every viewer: no session is read, no script runs.
 */
import { createHash } from "node:crypto";
import { avatarLook } from "~/components/Avatar";
import { clip, escapeXml, tagPills } from "./og-image.server";

export type CardData = {
  name: string;
  handle: string;
  headline: string;
  reputation: number;
  tags: string[];
  profileUrl: string;
  photoUrl: string | null;
  reputationLabel: string;
  linkText: string;
  lang: string;
};

export const CARD_WIDTH = 420;
export const CARD_HEIGHT = 132;

const CARD_CSS = `*{box-sizing:border-box}html,body{margin:0;background:transparent}
.card{display:flex;gap:12px;align-items:center;width:100%;max-width:${CARD_WIDTH}px;padding:12px 14px;border:1px solid #d9d4c7;border-radius:10px;background:#f7f5f0;color:#161616;font:14px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.face{flex:0 0 56px;width:56px;height:56px;border-radius:50%}
.who{min-width:0}.name{font-weight:700;font-size:16px;color:#161616;text-decoration:none}
.headline{margin:0;color:#444;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.rep{font-weight:700}.muted{color:#5b5b5b}.tags{margin:4px 0 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:4px}
.tags li{padding:0 8px;border-radius:999px;background:#e3efe9;color:#1f4f43;font-size:12px}
.more{font-size:12px;color:#1f6f5c}`;

/** Style by hash: the card's CSP allows this stylesheet and nothing else, no script at all. */
const CARD_CSS_HASH = createHash("sha256").update(CARD_CSS).digest("base64");

/**
 * Any site may frame the card (it is what it is for); nothing else loads but its own style and images from
 * this site, and its links leave the frame. Every other page keeps `frame-ancestors 'none'`.
 */
export const CARD_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${CARD_CSS_HASH}'`,
  "img-src 'self' data:",
  "frame-ancestors *",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const escapeHtml = escapeXml;

function initialsSvg(name: string, size: number, x = 0, y = 0) {
  const { initials, hue } = avatarLook(name);
  return `<svg x="${x}" y="${y}" width="${size}" height="${size}" viewBox="0 0 40 40" xmlns="http://www.w3.org/2000/svg"><circle cx="20" cy="20" r="20" fill="hsl(${hue} 45% 45%)"/><text x="20" y="25" text-anchor="middle" font-size="15" fill="#fff" font-family="sans-serif">${escapeXml(initials)}</text></svg>`;
}

export function cardHtml(card: CardData) {
  const face = card.photoUrl
    ? `<img class="face" src="${escapeHtml(card.photoUrl)}" width="56" height="56" alt="">`
    : initialsSvg(card.name, 56).replace("<svg ", '<svg class="face" aria-hidden="true" ');
  const tags = card.tags.length
    ? `<ul class="tags">${card.tags.map((t) => `<li>${escapeHtml(t)}</li>`).join("")}</ul>`
    : "";
  return `<!DOCTYPE html>
<html lang="${escapeHtml(card.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(card.name)} · Kring</title><style>${CARD_CSS}</style></head>
<body><div class="card">${face}<div class="who"><a class="name" href="${escapeHtml(card.profileUrl)}" target="_blank" rel="noopener">${escapeHtml(card.name)}</a>
${card.headline ? `<p class="headline">${escapeHtml(card.headline)}</p>` : ""}<p class="headline"><span class="rep">${card.reputation}</span> <span class="muted">${escapeHtml(card.reputationLabel)}</span></p>
${tags}<a class="more" href="${escapeHtml(card.profileUrl)}" target="_blank" rel="noopener">${escapeHtml(card.linkText)}</a></div></div></body></html>`;
}

/** The card as an SVG badge (for a page) and, rendered by resvg, as a PNG (for e-mail, where SVG is not shown). */
export function cardSvg(card: CardData, { fontFamily }: { fontFamily: string }) {
  const pills = tagPills(card.tags, {
    x: 84,
    y: 84,
    right: CARD_WIDTH - 12,
    fontSize: 12,
    height: 20,
    charWidth: 7,
    maxChars: 18,
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" font-family="${escapeXml(fontFamily)}">
<title>${escapeXml(card.name)} · ${card.reputation} ${escapeXml(card.reputationLabel)}</title>
<a href="${escapeXml(card.profileUrl)}" xlink:href="${escapeXml(card.profileUrl)}" target="_blank">
<rect x="0.5" y="0.5" width="${CARD_WIDTH - 1}" height="${CARD_HEIGHT - 1}" rx="10" fill="#f7f5f0" stroke="#d9d4c7"/>
${initialsSvg(card.name, 56, 14, 14)}
<text x="84" y="34" font-size="16" font-weight="bold" fill="#161616">${escapeXml(clip(card.name, 36))}</text>
<text x="84" y="54" font-size="13" fill="#444">${escapeXml(clip(card.headline, 46))}</text>
<text x="84" y="74" font-size="13" fill="#5b5b5b"><tspan font-weight="bold" fill="#161616">${card.reputation}</tspan> ${escapeXml(card.reputationLabel)}</text>
${pills}
<text x="84" y="122" font-size="11" fill="#1f6f5c">${escapeXml(clip(card.linkText, 60))}</text>
</a>
</svg>`;
}

/** What a member pastes: an iframe of the HTML card (a web page), or the PNG in a link (an e-mail signature). */
export function embedCodes({ origin, handle, name }: { origin: string; handle: string; name: string }) {
  const profile = `${origin}/members/${handle}`;
  const label = escapeHtml(`${name} · Kring`);
  return {
    html: `<iframe src="${profile}/card" width="${CARD_WIDTH}" height="${CARD_HEIGHT + 8}" title="${label}" loading="lazy" style="border:0"></iframe>`,
    image: `<a href="${profile}"><img src="${profile}/card.png" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" alt="${label}"></a>`,
  };
}
