import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  Byline,
  Comments,
  DeletedNotice,
  FlagControl,
  lockedHints,
  PostBody,
  PostControls,
  PrivilegeNotice,
  TagList,
  VoteButtons,
} from "~/components/Post";
import { ShareLinks } from "~/components/ShareLinks";
import { ReviewNotice } from "~/components/ReviewNotice";
import { runSharedPostIntent } from "~/models/post-actions.server";
import { flaggedBy } from "~/models/flag.server";
import { commentsOf, getArticleBySlug, votesBy } from "~/models/post-queries.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { siteOrigin } from "~/utils/feed.server";
import { badRequest, parseForm, retryAfterHeaders } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { ogImageMeta, pageTitle } from "~/utils/meta";
import {
  canComment,
  canDeleteOrRestore,
  canDownvote,
  canEditPost,
  canFlag,
  canSeePost,
  canUpvote,
  missingPostPrivileges,
} from "~/utils/permissions";
import { ArticleActionSchema } from "~/utils/action-schemas.server";
import { cacheDependsOn } from "~/utils/page-cache.server";
import contentStyles from "~/styles/content.css";
import { notFound } from "~/utils/http.server";

async function loadArticle(request: Request, slug: string | undefined) {
  const article = getArticleBySlug(slug ?? "");
  const user = await getUser(request);
  if (!article || !canSeePost(user, article)) {
    throw notFound();
  }
  return { article, user };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { article, user } = await loadArticle(request, params.slug);
  cacheDependsOn(context, `post:${article.id}`, "names");
  const origin = siteOrigin(request);
  const comments = commentsOf([article.id])[article.id] ?? [];
  const everyPost = [article, ...comments.map((c) => ({ ...c, status: "published" as const }))];
  return json({
    article,
    share: {
      url: `${origin}/articles/${params.slug}`,
      authorUrl: `${origin}/members/${article.author.handle}`,
      image: `${origin}/articles/${params.slug}/og.png`,
    },
    comments,
    flags: {
      can: everyPost.filter((p) => canFlag(user, p)).map((p) => p.id),
      done: flaggedBy(
        user?.id,
        everyPost.map((p) => p.id),
      ),
    },
    myVote: votesBy(user?.id, [article.id])[article.id] ?? 0,
    can: {
      up: canUpvote(user, article),
      down: canDownvote(user, article),
      comment: canComment(user, { ...article, root: article }),
      edit: canEditPost(user, article),
      delete: canDeleteOrRestore(user, article),
    },
    missing: missingPostPrivileges(user),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { article } = await loadArticle(request, params.slug);
  const formData = await request.formData();
  const parsed = parseForm(ArticleActionSchema, formData);
  if (!parsed.ok)
    return badRequest(parsed.errors, {
      intent: formData.get("intent"),
      postId: formData.get("postId"),
      body: formData.get("body"),
    });
  return runSharedPostIntent(context, user, parsed.data, article.id);
}

export const headers = retryAfterHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }];

/** Link previews (LinkedIn, Slack, Mastodon) read Open Graph; search engines the one description. */
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  if (!data) return pageTitle(matches, null);
  const { article, share } = data;
  const description = article.summary || article.title;
  return [
    ...pageTitle(matches, null, undefined, article.title, description),
    { tagName: "link", rel: "canonical", href: share.url },
    { property: "og:type", content: "article" },
    { property: "og:url", content: share.url },
    { property: "og:title", content: article.title },
    { property: "og:description", content: description },
    ...ogImageMeta(share.image, article.title),
    { property: "article:published_time", content: article.createdAt },
    { property: "article:author", content: share.authorUrl },
    ...article.tags.map((tag) => ({ property: "article:tag", content: tag })),
  ];
};

export default function ArticlePage() {
  const { article, comments, myVote, can, missing, flags, share } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="post" id={`post-${article.id}`}>
      {article.status === "deleted" ? <DeletedNotice /> : null}
      <ReviewNotice status={article.status} />
      <p className="muted small">{t("articles.kind")}</p>
      <h1 lang={article.lang ?? undefined}>{article.title}</h1>
      {article.summary ? (
        <p className="lead" lang={article.lang ?? undefined}>
          {article.summary}
        </p>
      ) : null}
      <Byline author={article.author} createdAt={article.createdAt} updatedAt={article.updatedAt} />
      <TagList tags={article.tags} />
      <PrivilegeNotice missing={missing} />
      <div className="post-with-votes">
        <VoteButtons
          postId={article.id}
          score={article.score}
          myVote={myVote}
          canUp={can.up}
          canDown={can.down}
          {...lockedHints(t, missing)}
        />
        <div>
          <PostBody html={article.bodyHtml} lang={article.lang} />
          {article.status === "published" ? <ShareLinks url={share.url} title={article.title} /> : null}
          <PostControls
            postId={article.id}
            canEdit={can.edit}
            canDelete={can.delete}
            deleted={article.status === "deleted"}
          />
          <FlagControl postId={article.id} flags={flags} />
          <Comments postId={article.id} comments={comments} flags={flags} canComment={can.comment} />
        </div>
      </div>
    </article>
  );
}
