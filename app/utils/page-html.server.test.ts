import type { AppLoadContext } from "@remix-run/node";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PageHtmlContext, ServerHtml } from "~/components/ServerHtml";
import { pageHtml } from "./page-html.server";

const context = (dataRequest: boolean): AppLoadContext => ({ clientIp: "::1", cspNonce: "n", dataRequest });

describe("*Html fields by reference (app/utils/page-html.server.ts)", () => {
  it("gives a document's loader a short reference named by the content, and keeps the HTML for the render", () => {
    const document = context(false);
    const html = pageHtml(document);
    const body = `<p>${"A long answer. ".repeat(50)}</p>`;
    const ref = html(body);
    expect(ref.length).toBeLessThan(40);
    expect(html(body)).toBe(ref);
    expect(html("<p>Another answer</p>")).not.toBe(ref);
    expect(document.pageHtml?.get(ref)).toBe(body);
    // Another request holding the same HTML gets the same reference: a fragment keyed by it is shared.
    const other = context(false);
    expect(pageHtml(other)(body)).toBe(ref);
    expect(other.pageHtml?.get(ref)).toBe(body);
    // Pages test these fields against "".
    expect(html("")).toBe("");
  });

  it("gives Remix's own fetches the HTML itself: no server render follows them", () => {
    const fetch = context(true);
    expect(pageHtml(fetch)("<p>Body</p>")).toBe("<p>Body</p>");
    expect(fetch.pageHtml).toBeUndefined();
  });

  it("renders a reference as its HTML on the server, and plain HTML as before", () => {
    const document = context(false);
    const ref = pageHtml(document)("<p>By <b>reference</b></p>");
    const render = (html: string) =>
      renderToString(
        createElement(
          PageHtmlContext.Provider,
          { value: document.pageHtml ?? null },
          createElement(ServerHtml, { html, id: "body-1" }),
        ),
      );
    expect(render(ref)).toBe('<div id="body-1"><p>By <b>reference</b></p></div>');
    expect(render("<p>Inline</p>")).toBe('<div id="body-1"><p>Inline</p></div>');
  });
});
