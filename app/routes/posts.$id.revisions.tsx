import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPost, listRevisions, postUrl } from "~/models/post.server";
import { getUser } from "~/utils/auth.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canSeeDeletedPost } from "~/utils/permissions";
import contentStyles from "~/styles/content.css";

/** The edit history of a post, newest first: who, when, and the full source of each version. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const post = getPost(Number(params.id) || 0);
  const user = await getUser(request);
  if (!post || (post.status === "deleted" && !canSeeDeletedPost(user, post))) throw new Response("Not found", { status: 404 });
  return json({ postUrl: postUrl(post), kind: post.kind, revisions: listRevisions(post.id) });
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "post.revisions");

export default function Revisions() {
  const { postUrl, revisions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("post.revisions")}</h1>
      <p>
        <Link to={postUrl}>← {t("post.backToPost")}</Link>
      </p>
      <ol className="revisions">
        {revisions.map((r, i) => (
          <li key={r.id}>
            <h2 className="small">
              {t("post.revisionBy", { number: revisions.length - i, name: r.editorName, date: formatDate(r.createdAt, locale, "datetime") })}
            </h2>
            {r.title ? <p><strong>{r.title}</strong></p> : null}
            {r.tags ? <p className="muted small">{r.tags}</p> : null}
            <pre className="source">{r.body}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
