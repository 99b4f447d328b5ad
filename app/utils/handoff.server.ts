/**
 * The loader data a document hands to the browser (`window.__remixContext`), without the HTML the page already
 * shows. Remix serialises every loader's data into the page; a question page's rendered bodies then came twice.
 * Fields whose name ends in `Html` hold server-rendered HTML and are rendered only by `<ServerHtml>`, which
 * hydrates from the page when the field is null (app/components/ServerHtml.tsx, docs/frontend.md). Only a
 * document's handoff is trimmed: `?_data` requests (navigations, revalidations) send every field.
 */

const FIELD = 'Html":"';
// A plain GET document: no action data (a form posted without JavaScript) and no error. Other documents keep all.
const PLAIN_END = '"actionData":null,"errors":null}}';

/**
 * The handoff string (JSON escaped for a script, as Remix makes it) with every non-empty `*Html` string of the
 * loaders' data replaced by null. A string scan, not JSON.parse and JSON.stringify (five times slower on a
 * question page): in JSON, `Html":"` with unescaped quotes can only be the end of a key and the start of its
 * string value, and that value ends at the next quote not escaped by a backslash.
 */
export function trimHandoff(handoff: string): string {
  let at = handoff.indexOf(FIELD);
  if (at === -1 || !handoff.endsWith(PLAIN_END)) return handoff;
  let out = "";
  let from = 0;
  while (at !== -1) {
    const value = at + FIELD.length; // the first character of the string
    let end = handoff.indexOf('"', value);
    while (end !== -1 && escaped(handoff, end)) end = handoff.indexOf('"', end + 1);
    if (end === -1) return handoff; // not JSON after all: leave it to Remix
    if (end > value) {
      out += handoff.slice(from, value - 1) + "null";
      from = end + 1;
    }
    at = handoff.indexOf(FIELD, end + 1);
  }
  return out + handoff.slice(from);
}

/** Whether the quote at `i` is escaped: an odd number of backslashes before it. */
function escaped(s: string, i: number) {
  let n = 0;
  while (s.charCodeAt(i - 1 - n) === 92) n++;
  return n % 2 === 1;
}
