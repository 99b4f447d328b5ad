import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { PageHtmlContext } from "./components/ServerHtml";
import { documentResponse } from "./utils/document-bytes.server";
import { trimHandoff } from "./utils/handoff.server";
import "./utils/i18n.server";
import { FragmentStoreContext } from "./utils/fragment";
import { fragments } from "./utils/fragment-cache.server";
import { NonceContext } from "./utils/nonce";
import { FORM_TARGETS_HEADER, securityHeaders } from "./utils/security-headers.server";

// Documents are rendered to a string: Kring has no deferred data, and buffered rendering is cheaper than streaming.
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  // The page shows the loaders' rendered HTML already: the browser's copy of the data leaves it out.
  if (remixContext.serverHandoffString)
    remixContext.serverHandoffString = trimHandoff(remixContext.serverHandoffString);
  const pageFragments = fragments.forPage();
  const markup = renderToString(
    <NonceContext.Provider value={nonce}>
      <FragmentStoreContext.Provider value={pageFragments}>
        <PageHtmlContext.Provider value={loadContext.pageHtml ?? null}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </PageHtmlContext.Provider>
      </FragmentStoreContext.Provider>
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  const formTargets = responseHeaders.get(FORM_TARGETS_HEADER) ?? "";
  responseHeaders.delete(FORM_TARGETS_HEADER);
  for (const [name, value] of Object.entries(securityHeaders(nonce, formTargets))) responseHeaders.set(name, value);
  // Bytes, not a string: a string body is checked character by character for lone surrogates first.
  return documentResponse(pageFragments.bytes(`<!DOCTYPE html>${markup}`), {
    status: responseStatusCode,
    headers: responseHeaders,
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests and Remix's own 4xx answers (a POST to a page without a form: 405) are not faults.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  console.error(error);
}
