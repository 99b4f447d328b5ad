/// <reference types="@remix-run/dev" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address (honours TRUST_PROXY), for throttling. */
    clientIp: string;
    /** Per-request nonce for the Content-Security-Policy. */
    cspNonce: string;
    /** Set for anonymous GET requests: what the page shows, for the page cache (app/utils/page-cache.server.ts). */
    cacheDeps?: Map<string, number>;
    /** Remix's own fetch (`?_data=`: a fetcher, or a <Form> with JavaScript) rather than a document request. */
    dataRequest?: boolean;
    /** A document's `*Html` fields given by reference: the HTML of each (app/utils/page-html.server.ts). */
    pageHtml?: Map<string, string>;
  }
}
