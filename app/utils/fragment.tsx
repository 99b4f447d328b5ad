import {
  UNSAFE_DataRouterContext,
  UNSAFE_DataRouterStateContext,
  UNSAFE_FetchersContext,
  UNSAFE_LocationContext,
  UNSAFE_NavigationContext,
  UNSAFE_RouteContext,
  UNSAFE_ViewTransitionContext,
} from "react-router-dom";
import { UNSAFE_RemixContext } from "@remix-run/react";
import { createContext, useContext, type Context, type ReactNode } from "react";
import { NonceContext } from "./nonce";
import { PageHtmlContext } from "~/components/ServerHtml";

/**
 * Renders a piece of a page to HTML once and reuses it (server only; app/utils/fragment-cache.server.ts).
 * `parts` are every input of the piece: the HTML is looked up by them, so a changed post, vote or language
 * is simply another entry. docs/decisions/009-signed-in-rendering.md
 */
export type FragmentStore = { html(parts: unknown[], render: () => ReactNode): string };

export const FragmentStoreContext = createContext<FragmentStore | null>(null);

// What the components of a piece read besides their props: the router, Remix, the CSP nonce and the page's HTML
// (`*Html` fields by reference). The server renders a piece on its own, inside these same values.
const FORWARDED = [
  UNSAFE_RemixContext,
  UNSAFE_DataRouterContext,
  UNSAFE_DataRouterStateContext,
  UNSAFE_FetchersContext,
  UNSAFE_NavigationContext,
  UNSAFE_LocationContext,
  UNSAFE_RouteContext,
  UNSAFE_ViewTransitionContext,
  NonceContext,
  PageHtmlContext,
] as Context<unknown>[];

/**
 * A piece of a page whose HTML depends only on `parts` (the props it renders from, the language, the URL). On the
 * server its HTML comes from the store; in the browser the children render and hydrate that HTML as usual. What the
 * children read from the root loader, the search params or action data must be in `parts` (or the piece must not be
 * cached then). The wrapper has `display: contents`, so it changes no layout.
 */
export function StaticFragment({ parts, children }: { parts: unknown[]; children: () => ReactNode }) {
  const store = useContext(FragmentStoreContext);
  if (!store) return <div className="fragment">{children()}</div>;
  // eslint-disable-next-line react-hooks/rules-of-hooks -- server only, a fixed list: the same calls every render.
  const values = FORWARDED.map((context) => useContext(context));
  const render = () =>
    FORWARDED.reduceRight<ReactNode>(
      (inner, Context, i) => <Context.Provider value={values[i]}>{inner}</Context.Provider>,
      children(),
    );
  return <div className="fragment" dangerouslySetInnerHTML={{ __html: store.html(parts, render) }} />;
}
