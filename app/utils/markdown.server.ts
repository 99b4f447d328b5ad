/**
 * The one markdown renderer: marked turns source into HTML, sanitize-html keeps only an allowlist.
 * Posts are rendered when written and stored beside their source; previews call the same function.
 */
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "kbd",
    "strong", "em", "del", "s", "sup", "sub", "ul", "ol", "li", "a",
    "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    code: ["class"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
  },
  allowedClasses: { code: ["language-*"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Headings start at h2: the page title is the only h1.
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "nofollow ugc noopener" } }),
  },
};

export function sanitize(html: string) {
  return sanitizeHtml(html, SANITIZE);
}

export function renderMarkdown(source: string) {
  return sanitize(marked.parse(source) as string);
}
