/**
 * The loader data a document hands to the browser (`window.__remixContext`), without the HTML the page already
 * shows. Remix serialises every loader's data into the page; a question page's rendered bodies then came twice.
 * Fields whose name ends in `Html` hold server-rendered HTML and are rendered only by `<ServerHtml>`, which
 * hydrates from the page when the field is missing (app/components/ServerHtml.tsx, docs/frontend.md). Only the
 * document's handoff is trimmed: `?_data` requests (navigations, revalidations) send every field.
 */

const HTML_FIELD = /Html$/;

// Remix's escaping of the handoff for a script tag (@remix-run/server-runtime markup.ts, from htmlescape).
const ESCAPES: Record<string, string> = {
  "&": "\\u0026",
  ">": "\\u003e",
  "<": "\\u003c",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};
const ESCAPE = /[&><\u2028\u2029]/g;

function escapeForScript(json: string) {
  return json.replace(ESCAPE, (c) => ESCAPES[c]);
}

/** Removes non-empty `*Html` strings in place; true when something went. Empty ones stay: a page may test for "". */
function trim(value: unknown): boolean {
  if (Array.isArray(value)) {
    let changed = false;
    for (const item of value) if (item && typeof item === "object" && trim(item)) changed = true;
    return changed;
  }
  let changed = false;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (typeof v === "string") {
      if (v !== "" && HTML_FIELD.test(key)) {
        delete record[key];
        changed = true;
      }
    } else if (v && typeof v === "object" && trim(v)) changed = true;
  }
  return changed;
}

/** The handoff string (JSON escaped for a script) with the loaders' `*Html` fields left out. */
export function trimHandoff(handoff: string): string {
  if (!handoff.includes('Html":')) return handoff;
  const parsed = JSON.parse(handoff) as { state?: { loaderData?: Record<string, unknown> } };
  const loaderData = parsed.state?.loaderData;
  if (!loaderData || !trim(loaderData)) return handoff;
  return escapeForScript(JSON.stringify(parsed));
}
