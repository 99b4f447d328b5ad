import type { LoaderFunctionArgs } from "@remix-run/node";
import { expertCard } from "~/models/showcase.server";
import { CARD_CSP, cardHtml } from "~/utils/expert-card.server";
import { siteOrigin } from "~/utils/feed.server";
import { notFound } from "~/utils/http.server";

/**
 * The embeddable expert card as a small HTML page for an iframe (docs/media.md): the one page other sites
 * may frame. No script, no form, no session: what a framing site could trick a visitor into is following a
 * link, which opens outside the frame.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const card = expertCard({ handle: params.handle ?? "", origin: siteOrigin(request) });
  if (!card) throw notFound();
  return new Response(cardHtml(card), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": CARD_CSP,
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Cache-Control": "public, max-age=600",
    },
  });
}
