import { createContext, useContext, useId, useState } from "react";

/**
 * A document's loaders may give an `*Html` field as a reference to its HTML instead of the HTML itself
 * (app/utils/page-html.server.ts): the server renders the HTML from this map, and the browser's copy of the data
 * stays small. Server only; null in the browser.
 */
export const PageHtmlContext = createContext<ReadonlyMap<string, string> | null>(null);

/** What a reference starts with; rendered markdown, titles and snippets never start with a NUL character. */
export const HTML_REF = "\u0000html:";

/**
 * HTML the server rendered (a loader field whose name ends in `Html`: stored, sanitised markdown output, search
 * highlights), shown as the content of one element. A document's handoff to the browser leaves such fields out
 * (app/utils/handoff.server.ts sets them to null, or the loader gave a reference): they are in the page already,
 * and sending them twice doubled a question page. While hydrating, the element takes its HTML from the page by
 * its id, so React sees the markup it rendered on the server; later loader data (a navigation, a revalidation)
 * carries the field again. Every `*Html` field goes through this component, and a page tests such a field against
 * "" rather than for truthiness (docs/frontend.md).
 */
export function ServerHtml({
  html,
  id: givenId,
  as: Tag = "div",
  className,
  lang,
}: {
  /** Null (or a reference) in the first render after a document load: read from the page. */
  html: string | null | undefined;
  /**
   * A page-unique id from the data (`body-<post id>`). Required inside a StaticFragment (app/utils/fragment.tsx):
   * the server renders a fragment on its own, where `useId` would give other ids than the whole page's.
   */
  id?: string;
  as?: "div" | "span" | "p";
  className?: string;
  lang?: string;
}) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const pageHtml = useContext(PageHtmlContext);
  const given = html?.startsWith(HTML_REF) ? (pageHtml?.get(html) ?? null) : html;
  const [fromPage] = useState(() =>
    given == null && typeof document !== "undefined" ? (document.getElementById(id)?.innerHTML ?? "") : "",
  );
  return <Tag className={className} lang={lang} id={id} dangerouslySetInnerHTML={{ __html: given ?? fromPage }} />;
}
