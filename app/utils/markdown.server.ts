/**
 * The one markdown renderer: marked turns source into HTML, sanitize-html keeps only an allowlist.
 * Posts are rendered when written and stored beside their source; previews call the same function.
 */
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * The version of what this module renders. Bump it whenever a change here (allowlist, marked options,
 * mention links) changes the HTML of existing markdown: the rebake job then renders every stored post and
 * meetup again, in batches (app/jobs/rebake.server.ts), like Discourse's `baked_version`.
 */
export const MARKDOWN_VERSION = 1;

const marked = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "blockquote",
    "pre",
    "code",
    "kbd",
    "strong",
    "em",
    "del",
    "s",
    "sup",
    "sub",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    code: ["class"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
    img: ["src", "alt", "title", "loading", "referrerpolicy"],
    pre: ["tabindex"],
  },
  allowedClasses: { code: ["language-*"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href", "src"],
  // Images only over https (no http, data: or relative addresses). docs/content.md
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Headings start at h2: the page title is the only h1.
  transformTags: {
    h1: "h2",
    // A code block scrolls sideways on a phone: focusable, so a keyboard can scroll it (WCAG 2.1.1).
    // Migration 0014 did the same to HTML stored before.
    pre: (tagName) => ({ tagName, attribs: { tabindex: "0" } }),
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "nofollow ugc noopener" } }),
    // Always an alt (empty marks it decorative for screen readers rather than reading the address),
    // lazy loading, and no referrer to the image's host.
    img: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, alt: attribs.alt ?? "", loading: "lazy", referrerpolicy: "no-referrer" },
    }),
  },
  // A relative src (`x`, `/logo.png`) passes the scheme check; only absolute https images stay.
  exclusiveFilter: (frame) => frame.tag === "img" && !/^https:\/\/[^/\s]/i.test(frame.attribs.src ?? ""),
};

export function sanitize(html: string) {
  return sanitizeHtml(html, SANITIZE);
}

const MENTION = /(?<![\w@./-])@([A-Za-z0-9_-]{3,30})/g;

/** The handles written as `@handle` outside code, lower-cased and each once, in order of appearance. */
export function mentionedHandles(source: string) {
  const prose = source.replace(/```[\s\S]*?(```|$)/g, " ").replace(/`[^`\n]*`/g, " ");
  return [...new Set([...prose.matchAll(MENTION)].map((m) => m[1].toLowerCase()))];
}

/**
 * Markdown to safe HTML. `members` maps lower-cased handles of existing members to their handle:
 * those `@handle`s become profile links; any other @word stays text.
 */
export function renderMarkdown(source: string, members?: ReadonlyMap<string, string>) {
  if (!members?.size) return sanitize(marked.parse(source) as string);
  const withMentions = new Marked({ gfm: true, breaks: false, async: false }).use({
    extensions: [
      {
        name: "mention",
        level: "inline",
        start: (src: string) => {
          const match = /(^|[^\w@./-])@[A-Za-z0-9_-]/.exec(src);
          return match ? match.index + match[1].length : undefined;
        },
        tokenizer(src: string) {
          const match = /^@([A-Za-z0-9_-]{3,30})/.exec(src);
          const handle = match && members.get(match[1].toLowerCase());
          return handle ? { type: "mention", raw: match[0], handle } : undefined;
        },
        renderer: (token) =>
          `<a href="/members/${encodeURIComponent(token.handle as string)}">@${token.handle as string}</a>`,
      },
    ],
  });
  return sanitize(withMentions.parse(source) as string);
}
