import { Feed } from "feed";
import { latestTopPosts, postUrl } from "~/models/post-queries.server";
import { env } from "./env.server";
import { excerpt } from "./text";

export type FeedEntry = {
  id: number;
  kind: "article" | "question" | "idea";
  title: string;
  summary: string;
  url: string;
  authorName: string;
  createdAt: Date;
  updatedAt: Date;
};

/** The site's absolute origin: PUBLIC_URL when set, else the request's own. */
export function siteOrigin(request: Request) {
  return env().PUBLIC_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}

/** An Atom 1.0 (RFC 4287) document built by the `feed` library. */
export function atomResponse({
  request,
  title,
  selfPath,
  entries,
}: {
  request: Request;
  title: string;
  selfPath: string;
  entries: FeedEntry[];
}) {
  const origin = siteOrigin(request);
  const updated = entries.reduce((latest, e) => (e.updatedAt > latest ? e.updatedAt : latest), new Date(0));
  const feed = new Feed({
    id: `${origin}${selfPath}`,
    title,
    link: `${origin}/`,
    updated: entries.length ? updated : new Date(),
    copyright: "",
    feedLinks: { atom: `${origin}${selfPath}` },
  });
  for (const entry of entries) {
    feed.addItem({
      id: `${origin}/${entry.kind === "article" ? "articles" : entry.kind === "idea" ? "ideas" : "questions"}/${entry.id}`,
      title: entry.title,
      link: `${origin}${entry.url}`,
      description: entry.summary,
      date: entry.updatedAt,
      published: entry.createdAt,
      author: [{ name: entry.authorName }],
    });
  }
  return new Response(feed.atom1(), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}

/** The latest 30 articles and questions, of one tag or all, as an Atom response. */
export function postsFeed({
  request,
  tag,
  title,
  selfPath,
}: {
  request: Request;
  tag?: string;
  title: string;
  selfPath: string;
}) {
  const entries = latestTopPosts({ tag, limit: 30 }).map((p) => ({
    ...p,
    kind: p.kind as "article" | "question",
    url: postUrl(p),
    summary: p.summary || excerpt(p.body, 280),
  }));
  return atomResponse({ request, title, selfPath, entries });
}
