/**
 * Open Graph images (docs/media.md): link previews on LinkedIn and most chat apps do not show SVG, so a
 * profile's and an article's preview is drawn as SVG here and rendered to a 1200×630 PNG with resvg.
 * The PNG is cached by content: its key (and ETag) is the hash of the SVG, so a changed name, reputation
 * or tag makes a new image and an unchanged one is never rendered twice by a process.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import type * as ResvgModule from "@resvg/resvg-js";

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/**
 * The fonts the image is drawn with: named files, never "whatever the system has", so the same SVG gives
 * the same bytes on every machine with these files. DejaVu Sans comes with fontconfig on Debian (and so
 * with chromium); Liberation Sans with chromium's recommended fonts. No npm package ships a text font.
 */
const FONT_CANDIDATES = [
  {
    family: "DejaVu Sans",
    files: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
  },
  {
    family: "Liberation Sans",
    files: [
      "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
      "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ],
  },
];

let fontChoice: { family: string; files: string[] } | null | undefined;

/** The first font family whose files exist; null when none does (then resvg looks for system fonts). */
export function ogFont() {
  if (fontChoice === undefined) {
    const found = FONT_CANDIDATES.map((c) => ({ ...c, files: c.files.filter((f) => fs.existsSync(f)) })).find(
      (c) => c.files.length,
    );
    fontChoice = found ?? null;
  }
  return fontChoice;
}

/** XML-escaped, without the characters XML forbids (resvg refuses the whole image for one of them). */
export const escapeXml = (text: string) =>
  text
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      "",
    )
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

/** Cuts text to about `max` characters (the width is estimated from the count: deterministic, no metrics). */
export function clip(text: string, max: number) {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= max
    ? chars.join("")
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

/** Splits text into at most `lines` lines of about `width` characters, the last one clipped. */
export function wrap(text: string, width: number, lines: number) {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const out: string[] = [];
  let line = "";
  for (const [i, word] of words.entries()) {
    const next = line ? `${line} ${word}` : word;
    if ([...next].length <= width || !line) {
      line = next;
      continue;
    }
    if (out.length === lines - 1) {
      out.push(clip(`${line} ${words.slice(i).join(" ")}`, width));
      return out;
    }
    out.push(line);
    line = word;
  }
  if (line) out.push(clip(line, width));
  return out;
}

function frame(body: string, footer: string) {
  const family = escapeXml(ogFont()?.family ?? "sans-serif");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}" font-family="${family}">
<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="#f7f5f0"/>
<rect width="${OG_WIDTH}" height="16" fill="#1f6f5c"/>
<circle cx="104" cy="100" r="28" fill="none" stroke="#1f6f5c" stroke-width="10"/>
<text x="150" y="114" font-size="40" font-weight="bold" fill="#1f6f5c">Kring</text>
${body}
<text x="80" y="580" font-size="28" fill="#5b5b5b">${escapeXml(footer)}</text>
</svg>`;
}

/** Tags as pills in a row from (x, y), as many as fit before `right`; widths estimated from `charWidth`. */
export function tagPills(
  tags: string[],
  p: { x: number; y: number; right: number; fontSize: number; height: number; charWidth: number; maxChars: number },
) {
  const pad = Math.round(p.fontSize * 0.55);
  let x = p.x;
  const parts: string[] = [];
  for (const tag of tags.slice(0, 5)) {
    const label = clip(tag, p.maxChars);
    const width = 2 * pad + [...label].length * p.charWidth;
    if (x + width > p.right) break;
    parts.push(
      `<rect x="${x}" y="${p.y}" width="${width}" height="${p.height}" rx="${p.height / 2}" fill="#e3efe9"/><text x="${x + pad}" y="${p.y + Math.round(p.height * 0.7)}" font-size="${p.fontSize}" fill="#1f4f43">${escapeXml(label)}</text>`,
    );
    x += width + Math.round(p.fontSize * 0.6);
  }
  return parts.join("\n");
}

const tagRow = (tags: string[], y: number) =>
  tagPills(tags, { x: 80, y, right: OG_WIDTH - 80, fontSize: 26, height: 48, charWidth: 17, maxChars: 24 });

export function profileOgSvg(input: {
  name: string;
  handle: string;
  headline: string;
  reputation: number;
  tags: string[];
  reputationLabel: string;
  site: string;
}) {
  const headline = wrap(input.headline, 52, 2)
    .map((line, i) => `<text x="80" y="${330 + i * 46}" font-size="36" fill="#333">${escapeXml(line)}</text>`)
    .join("\n");
  const body = `<text x="80" y="230" font-size="68" font-weight="bold" fill="#161616">${escapeXml(clip(input.name, 24))}</text>
<text x="80" y="276" font-size="30" fill="#5b5b5b">@${escapeXml(clip(input.handle, 40))}</text>
${headline}
<text x="${OG_WIDTH - 80}" y="114" font-size="44" font-weight="bold" fill="#161616" text-anchor="end">${input.reputation}</text>
<text x="${OG_WIDTH - 80}" y="150" font-size="26" fill="#5b5b5b" text-anchor="end">${escapeXml(input.reputationLabel)}</text>
${tagRow(input.tags, 450)}`;
  return frame(body, input.site);
}

export function articleOgSvg(input: { title: string; author: string; tags: string[]; site: string }) {
  const title = wrap(input.title, 28, 3)
    .map(
      (line, i) =>
        `<text x="80" y="${236 + i * 72}" font-size="60" font-weight="bold" fill="#161616">${escapeXml(line)}</text>`,
    )
    .join("\n");
  const body = `${title}
${tagRow(input.tags, 450)}`;
  return frame(body, `${clip(input.author, 40)} · ${input.site}`);
}

const MAX_CACHED = 200;
const cache = new Map<string, Buffer>();

/** The PNG of `svg` and its ETag (the SVG's hash): from this process's LRU when it rendered it before. */
export function renderOgPng(svg: string, width = OG_WIDTH) {
  const key = createHash("sha256").update(`${width}\n${svg}`).digest("base64url").slice(0, 32);
  let png = cache.get(key);
  if (png) cache.delete(key);
  else {
    const font = ogFont();
    // Loaded on the first image: a worker that never draws one keeps the native module out of its memory.
    const { Resvg } = createRequire(import.meta.url)("@resvg/resvg-js") as typeof ResvgModule;
    png = new Resvg(svg, {
      fitTo: { mode: "width", value: width },
      font: font
        ? { loadSystemFonts: false, fontFiles: font.files, defaultFontFamily: font.family }
        : { loadSystemFonts: true },
    })
      .render()
      .asPng();
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, png);
  return { png, etag: `"og-${key}"` };
}

/** The HTTP answer for an OG image: 304 when the client has this content, else the PNG with its ETag. */
export function ogResponse(request: Request, svg: string, width = OG_WIDTH) {
  const { png, etag } = renderOgPng(svg, width);
  // Short max-age: the picture follows the reputation; after that, a revalidation costs a 304.
  const headers = { ETag: etag, "Cache-Control": "public, max-age=300", "Content-Type": "image/png" };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(png), { headers: { ...headers, "Content-Length": String(png.length) } });
}
