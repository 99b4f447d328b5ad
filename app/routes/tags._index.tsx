import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination, parsePage } from "~/components/Pagination";
import { listTags } from "~/models/tag.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "tags");
  const page = parsePage(new URL(request.url));
  return json({ ...listTags({ page, perPage: 60 }), page });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tags.title");

export default function Tags() {
  const { tags, hasMore, page } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("tags.title")}</h1>
      <p className="lead">{t("tags.intro")}</p>
      <ul className="card-grid">
        {tags.map((tag) => (
          <li key={tag.id} className="card">
            <h2>
              <Link to={`/tags/${encodeURIComponent(tag.name)}`} className="tag">
                {tag.name}
              </Link>
            </h2>
            <p className="muted small">{t("tags.postCount", { count: tag.postCount })}</p>
            {tag.description ? <p>{tag.description}</p> : null}
          </li>
        ))}
      </ul>
      <Pagination page={page} hasMore={hasMore} />
    </>
  );
}
