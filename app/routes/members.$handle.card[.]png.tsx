import type { LoaderFunctionArgs } from "@remix-run/node";
import { expertCard } from "~/models/showcase.server";
import { CARD_WIDTH, cardSvg } from "~/utils/expert-card.server";
import { siteOrigin } from "~/utils/feed.server";
import { notFound } from "~/utils/http.server";
import { ogFont, ogResponse } from "~/utils/og-image.server";

/** The expert card as a PNG at twice its size (docs/media.md): for e-mail signatures, where SVG is not shown. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const card = expertCard({ handle: params.handle ?? "", origin: siteOrigin(request) });
  if (!card) throw notFound();
  return ogResponse(request, cardSvg(card, { fontFamily: ogFont()?.family ?? "sans-serif" }), CARD_WIDTH * 2);
}
