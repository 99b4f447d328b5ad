/**
 * `*Html` fields by reference, for a document's loaders. A question page's rendered posts were 60% of its loader
 * data, and that data is turned into JSON and back, into the browser's copy (then cut out again,
 * app/utils/handoff.server.ts) and into the keys of the cached answers (app/utils/fragment.tsx): four passes over
 * HTML that only the render needs. A loader gives such a field as `html(value)`: for a document request a short
 * reference (a hash of the HTML) with the HTML kept on the request's load context, which the render reads
 * (`PageHtmlContext`, app/components/ServerHtml.tsx); for Remix's own fetches (`?_data`) the HTML itself, since
 * no server render follows. A reference names its content, so a cached fragment keyed by it is never stale.
 */
import { createHash } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { HTML_REF } from "~/components/ServerHtml";

// References of HTML seen before: a cached thread's strings come again and again, and a Map finds a string it
// holds without hashing it again. Safe to lose; cleared when it holds more than KNOWN_MAX_CHARS of HTML.
const known = new Map<string, string>();
const KNOWN_MAX_CHARS = 4_000_000;
let knownChars = 0;

export function pageHtml(context: AppLoadContext): (html: string) => string {
  if (context.dataRequest) return (html) => html;
  const page = (context.pageHtml ??= new Map());
  return (html) => {
    if (html === "") return html; // pages test `*Html` fields against "" (docs/frontend.md)
    let ref = known.get(html);
    if (ref === undefined) {
      ref = HTML_REF + createHash("sha1").update(html).digest("base64");
      if (knownChars + html.length > KNOWN_MAX_CHARS) {
        known.clear();
        knownChars = 0;
      }
      known.set(html, ref);
      knownChars += html.length;
    }
    page.set(ref, html);
    return ref;
  };
}
