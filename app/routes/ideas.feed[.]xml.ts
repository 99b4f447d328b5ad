import type { LoaderFunctionArgs } from "@remix-run/node";
import { latestIdeas } from "~/models/idea.server";
import { atomResponse } from "~/utils/feed.server";
import { cacheDependsOn } from "~/utils/page-cache.server";
import { excerpt } from "~/utils/text";

/** Atom feed of the latest ideas. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "list:idea");
  const entries = latestIdeas(30).map((idea) => ({
    ...idea,
    kind: "idea" as const,
    url: `/ideas/${idea.id}`,
    summary: excerpt(idea.body, 280),
  }));
  return atomResponse({ request, title: "Kring: ideas", selfPath: "/ideas/feed.xml", entries });
}
