import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTagByName } from "~/models/tag.server";
import { postsFeed } from "~/utils/feed.server";
import { cacheDependsOn } from "~/utils/page-cache.server";
import { notFound } from "~/utils/http.server";

/** Atom feed of one tag's latest articles and questions. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tag = getTagByName(params.tag ?? "");
  if (!tag) throw notFound();
  cacheDependsOn(context, `tag:${tag.name}`);
  return postsFeed({
    request,
    tag: tag.name,
    title: `Kring · ${tag.name}`,
    selfPath: `/tags/${encodeURIComponent(tag.name)}/feed.xml`,
  });
}
