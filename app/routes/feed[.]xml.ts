import type { LoaderFunctionArgs } from "@remix-run/node";
import { postsFeed } from "~/utils/feed.server";

/** Atom feed of the latest articles and questions. */
export async function loader({ request }: LoaderFunctionArgs) {
  return postsFeed({ request, title: "Kring", selfPath: "/feed.xml" });
}
