import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination, parsePage } from "~/components/Pagination";
import { ArticleList } from "~/components/PostList";
import { listArticles } from "~/models/post-queries.server";
import { getUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canWriteArticle } from "~/utils/permissions";
import { cacheDependsOn } from "~/utils/page-cache.server";

const PER_PAGE = 20;

export async function loader({ request, context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "list:article", "names");
  const url = new URL(request.url);
  const tag = url.searchParams.get("tag")?.trim().toLowerCase().slice(0, 30) || undefined;
  const page = parsePage(url);
  const user = await getUser(request);
  return json({ ...listArticles({ tag, page, perPage: PER_PAGE }), page, tag, canWrite: canWriteArticle(user) });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "articles.title");

export default function Articles() {
  const { items, hasMore, page, tag, canWrite } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="title-row">
        <h1>{tag ? t("articles.titleTag", { tag }) : t("articles.title")}</h1>
        {canWrite ? (
          <Link to="/articles/new" className="button">
            {t("articles.new")}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t("articles.intro")}</p>
      {/* The list's titles are h3, as on the home and tag pages: a heading of their own keeps h1 → h2 → h3 (docs/html.md). */}
      <h2 className="visually-hidden">{t("articles.listHeading")}</h2>
      {items.length ? <ArticleList items={items} /> : <p>{t("articles.none")}</p>}
      <Pagination page={page} hasMore={hasMore} />
    </>
  );
}
