import type { LoaderFunctionArgs } from "@remix-run/node";
import { expertCard } from "~/models/showcase.server";
import { cardSvg } from "~/utils/expert-card.server";
import { siteOrigin } from "~/utils/feed.server";
import { notFound } from "~/utils/http.server";

/** The expert card as an SVG badge (docs/media.md); opened on its own, it runs nothing and loads nothing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const card = expertCard({ handle: params.handle ?? "", origin: siteOrigin(request) });
  if (!card) throw notFound();
  return new Response(cardSvg(card, { fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" }), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors *",
      "Cache-Control": "public, max-age=600",
    },
  });
}
