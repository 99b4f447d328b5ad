/**
 * The server's FragmentStore (app/utils/fragment.tsx): HTML of pure page pieces, keyed by a hash of all their
 * inputs, in a per-process LRU bounded by size. Losing it costs a render; it can never be stale, since a changed
 * input is a different key. docs/decisions/009-signed-in-rendering.md
 */
import { createHash } from "node:crypto";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import type { FragmentStore } from "./fragment";

const MAX_CHARS = 8_000_000; // about 16 MB of UTF-16 per worker

export function fragmentCache(maxChars = MAX_CHARS): FragmentStore & { size(): number } {
  const entries = new Map<string, string>();
  let chars = 0;
  return {
    html(parts: unknown[], render: () => ReactNode) {
      const key = createHash("sha1").update(JSON.stringify(parts)).digest("base64");
      const hit = entries.get(key);
      if (hit !== undefined) {
        // Most recently used last: the Map's order is the eviction order.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      // A rendered string is a rope of thousands of pieces. Kept as it is, every page that contains it would walk
      // them all again when the page is turned into bytes (1.1 ms of a signed-in question page): keep it flat.
      const html = Buffer.from(renderToString(render())).toString();
      entries.set(key, html);
      chars += html.length + key.length;
      for (const [oldKey, oldHtml] of entries) {
        if (chars <= maxChars) break;
        entries.delete(oldKey);
        chars -= oldHtml.length + oldKey.length;
      }
      return html;
    },
    size: () => entries.size,
  };
}

export const fragments = fragmentCache();
