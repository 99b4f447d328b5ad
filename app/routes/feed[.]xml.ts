import type { LoaderFunctionArgs } from "@remix-run/node";
import { postsFeed } from "~/utils/feed.server";
import { cacheDependsOn } from "~/utils/page-cache.server";

/** Atom feed of the latest articles and questions. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "list:article", "list:question");
  return postsFeed({ request, title: "Kring", selfPath: "/feed.xml" });
}
