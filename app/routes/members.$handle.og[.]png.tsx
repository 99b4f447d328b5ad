import type { LoaderFunctionArgs } from "@remix-run/node";
import { memberShowcase } from "~/models/showcase.server";
import { siteOrigin } from "~/utils/feed.server";
import { notFound } from "~/utils/http.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { ogResponse, profileOgSvg } from "~/utils/og-image.server";

/** The profile's link preview as a 1200×630 PNG (docs/media.md), in the member's own language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = memberShowcase(params.handle ?? "");
  if (!member) throw notFound();
  const t = translator(member.locale ?? DEFAULT_LOCALE);
  const svg = profileOgSvg({
    name: member.name,
    handle: member.handle,
    headline: member.headline,
    reputation: member.reputation,
    tags: member.tags,
    reputationLabel: t("reputation.label"),
    site: new URL(siteOrigin(request)).host,
  });
  return ogResponse(request, svg);
}
