import type { LoaderFunctionArgs } from "@remix-run/node";
import { getArticleBySlug } from "~/models/post-queries.server";
import { siteOrigin } from "~/utils/feed.server";
import { notFound } from "~/utils/http.server";
import { ogResponse, articleOgSvg } from "~/utils/og-image.server";
import { canSeePost } from "~/utils/permissions";

/**
 * The article's link preview as a 1200×630 PNG (docs/media.md): title, author, tags. Only of articles a
 * visitor may read, since the image is cached publicly and link-preview robots have no session.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const article = getArticleBySlug(params.slug ?? "");
  if (!article || !canSeePost(null, article)) throw notFound();
  const svg = articleOgSvg({
    title: article.title,
    author: article.author.name,
    tags: article.tags,
    site: new URL(siteOrigin(request)).host,
  });
  return ogResponse(request, svg);
}
