/**
 * The server's FragmentStore (app/utils/fragment.tsx): HTML of pure page pieces, keyed by a hash of all their
 * inputs, in a per-process LRU bounded by size. Losing it costs a render; it can never be stale, since a changed
 * input is a different key. docs/decisions/009-signed-in-rendering.md
 *
 * The HTML is kept as UTF-8 bytes and goes into the page as bytes: the page is rendered with a marker where each
 * piece goes, and `PageFragments.bytes` joins the page's own text with the kept pieces. Putting the pieces' text
 * into the page string instead made every page walk and encode them again (a question page is 75% answers).
 */
import { createHash, randomBytes } from "node:crypto";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import type { FragmentStore } from "./fragment";

const MAX_BYTES = 16_000_000; // per worker

/** The fragments of one page being rendered. */
export type PageFragments = FragmentStore & {
  /** The page's bytes: its markup with each fragment's marker replaced by the fragment's HTML. */
  bytes(markup: string): Buffer<ArrayBuffer>;
};

export function fragmentCache(maxBytes = MAX_BYTES) {
  const entries = new Map<string, Buffer>();
  let size = 0;

  function html(parts: unknown[], render: () => ReactNode): Buffer {
    const key = createHash("sha1").update(JSON.stringify(parts)).digest("base64");
    const hit = entries.get(key);
    if (hit !== undefined) {
      // Most recently used last: the Map's order is the eviction order.
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    // Its own memory: a small Buffer.from is a slice of Node's shared 8 KB pool, which it would keep alive.
    const encoded = Buffer.from(renderToString(render()));
    const rendered = Buffer.allocUnsafeSlow(encoded.length);
    encoded.copy(rendered);
    entries.set(key, rendered);
    size += rendered.length + key.length;
    for (const [oldKey, old] of entries) {
      if (size <= maxBytes) break;
      entries.delete(oldKey);
      size -= old.length + oldKey.length;
    }
    return rendered;
  }

  return {
    html,
    /**
     * A store for one page. The marker holds a random token, so no text in the page (a post's HTML, a title)
     * can pose as one.
     */
    forPage(): PageFragments {
      const marker = `<!--fragment:${randomBytes(12).toString("hex")}:`;
      const found: Buffer[] = [];
      return {
        html(parts, render) {
          found.push(html(parts, render));
          return `${marker}${found.length - 1}-->`;
        },
        bytes(markup) {
          const pieces = markup.split(marker);
          const out: Buffer[] = [Buffer.from(pieces[0])];
          for (const piece of pieces.slice(1)) {
            const end = piece.indexOf("-->");
            out.push(found[Number(piece.slice(0, end))], Buffer.from(piece.slice(end + 3)));
          }
          return Buffer.concat(out);
        },
      };
    },
    size: () => entries.size,
  };
}

export const fragments = fragmentCache();
