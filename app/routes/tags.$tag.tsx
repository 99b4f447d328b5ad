import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FollowButton } from "~/components/FollowButton";
import { ArticleList, QuestionList } from "~/components/PostList";
import { viewerFollows } from "~/models/follow.server";
import { listArticles, listQuestions } from "~/models/post-queries.server";
import { tagExperts } from "~/models/reputation.server";
import { getTagByName } from "~/models/tag.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { followIntent } from "~/utils/follow.server";
import { badRequest } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { canFollow } from "~/utils/permissions";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tag = getTagByName(params.tag ?? "");
  if (!tag) throw notFound();
  cacheDependsOn(context, `tag:${tag.name}`, "names");
  const user = await getUser(request);
  return json({
    tag,
    follow: canFollow(user) ? { following: viewerFollows(user?.id, "tag", tag.id) } : null,
    articles: listArticles({ tag: tag.name, page: 1, perPage: 10 }),
    questions: listQuestions({ tag: tag.name, page: 1, perPage: 15 }),
    experts: tagExperts(tag.id, 10),
  });
}

/** The one form of a tag page: follow it (`intent=follow`, `value` 1/0). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const tag = getTagByName(params.tag ?? "");
  if (!tag) throw notFound();
  const formData = await request.formData();
  if (formData.get("intent") !== "follow") return badRequest({ intent: "error.invalid" });
  const back = `/tags/${encodeURIComponent(tag.name)}`;
  return followIntent({ user, formData, kind: "tag", targetId: tag.id, back });
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...pageTitle(matches, null, undefined, data?.tag.name),
  ...(data
    ? [
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: `Kring · ${data.tag.name}`,
          href: `/tags/${encodeURIComponent(data.tag.name)}/feed.xml`,
        },
      ]
    : []),
];

export default function TagPage() {
  const { tag, articles, questions, experts, follow } = useLoaderData<typeof loader>();
  const t = useT();
  const encoded = encodeURIComponent(tag.name);
  return (
    <>
      <p className="muted small">{t("tags.kind")}</p>
      <h1 className="tag-title">{tag.name}</h1>
      {tag.description ? <p className="lead">{tag.description}</p> : null}
      <p className="muted small">
        {t("tags.postCount", { count: tag.postCount })} ·{" "}
        <a href={`/tags/${encoded}/feed.xml`}>{t("feed.subscribe")}</a>
      </p>
      {follow ? <FollowButton kind="tag" name={tag.name} following={follow.following} /> : null}
      <div className="columns">
        <div>
          <h2>{t("articles.title")}</h2>
          {articles.items.length ? <ArticleList items={articles.items} /> : <p>{t("articles.none")}</p>}
          {articles.hasMore ? <Link to={`/articles?tag=${encoded}`}>{t("tags.moreArticles")} →</Link> : null}
          <h2>{t("questions.title")}</h2>
          {questions.items.length ? <QuestionList items={questions.items} /> : <p>{t("questions.none")}</p>}
          {questions.hasMore ? <Link to={`/questions?tag=${encoded}`}>{t("tags.moreQuestions")} →</Link> : null}
        </div>
        <aside aria-labelledby="top-experts">
          <h2 id="top-experts">{t("tags.experts")}</h2>
          <ol className="plain-list">
            {experts.map((c) => (
              <li key={c.id}>
                <Link to={`/members/${c.handle}`}>{c.name}</Link>{" "}
                <span className="muted small">{t("profile.tagPoints", { points: c.points })}</span>
              </li>
            ))}
          </ol>
          <Link to={`/leaderboard?tag=${encoded}&period=all`} className="small">
            {t("leaderboard.title")} →
          </Link>
        </aside>
      </div>
    </>
  );
}
