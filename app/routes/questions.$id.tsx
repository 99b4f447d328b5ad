import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
  type SerializeFrom,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import {
  Byline,
  type CommentView,
  Comments,
  DeletedNotice,
  FlagControl,
  type FlagState,
  lockedHints,
  PostBody,
  PostControls,
  PrivilegeNotice,
  TagList,
  VoteButtons,
} from "~/components/Post";
import { AskedExperts } from "~/components/AskedExperts";
import { FollowButton } from "~/components/FollowButton";
import { ShareLinks } from "~/components/ShareLinks";
import { StaticFragment } from "~/utils/fragment";
import { siteOrigin } from "~/utils/feed.server";
import { ReviewNotice } from "~/components/ReviewNotice";
import { PostEditor } from "~/components/PostEditor";
import { isSharedIntent, previewResponse, runSharedPostIntent } from "~/models/post-actions.server";
import { withPostingLimits } from "~/models/post-limits.server";
import { flaggedBy } from "~/models/flag.server";
import { viewerFollows } from "~/models/follow.server";
import { getQuestionThread, votesBy } from "~/models/post-queries.server";
import { acceptAnswer } from "~/models/post-votes.server";
import { createAnswer } from "~/models/post.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { followIntent } from "~/utils/follow.server";
import { badRequest, limitRefused, parseForm, retryAfterHeaders, type FormErrors } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import {
  canAcceptAnswer,
  canAnswer,
  canComment,
  canDeleteOrRestore,
  canDeletePost,
  canDownvote,
  canEditPost,
  canFlag,
  canFollow,
  canSeeRouting,
  canSeePost,
  canUpvote,
  missingPostPrivileges,
} from "~/utils/permissions";
import { askedExperts } from "~/models/routing.server";
import { QuestionActionSchema } from "~/utils/action-schemas.server";
import { cacheDependsOn } from "~/utils/page-cache.server";
import { pageHtml } from "~/utils/page-html.server";
import contentStyles from "~/styles/content.css";
import { forbidden, notFound, parseId } from "~/utils/http.server";

async function loadThread(request: Request, idParam: string | undefined) {
  const thread = getQuestionThread(parseId(idParam));
  const user = await getUser(request);
  if (!thread || !canSeePost(user, thread.question)) {
    throw notFound();
  }
  return { ...thread, user };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { question, answers, comments, user } = await loadThread(request, params.id);
  cacheDependsOn(context, `post:${question.id}`, "names");
  const ids = [question.id, ...answers.map((a) => a.id)];
  const everyPost = [
    question,
    ...answers,
    ...Object.values(comments)
      .flat()
      .map((c) => ({ ...c, status: "published" as const })),
  ];
  const html = pageHtml(context);
  return json({
    question: { ...question, bodyHtml: html(question.bodyHtml) },
    // Only what the page shows: the loader data is sent to the browser again, as JSON.
    answers: answers.map((a) => ({
      id: a.id,
      score: a.score,
      bodyHtml: html(a.bodyHtml),
      lang: a.lang,
      author: a.author,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      can: {
        up: canUpvote(user, a),
        down: canDownvote(user, a),
        edit: canEditPost(user, a),
        delete: canDeletePost(user, a),
        comment: canComment(user, { ...a, root: question }),
      },
    })),
    comments: Object.fromEntries(
      Object.entries(comments).map(([postId, list]) => [
        postId,
        // What a comment shows: the author's id and role stay here (they decide who may flag it).
        list.map((c) => ({
          id: c.id,
          bodyHtml: html(c.bodyHtml),
          lang: c.lang,
          createdAt: c.createdAt,
          authorName: c.authorName,
          authorHandle: c.authorHandle,
        })),
      ]),
    ),
    myVotes: votesBy(user?.id, ids),
    flags: {
      can: everyPost.filter((p) => canFlag(user, p)).map((p) => p.id),
      done: flaggedBy(
        user?.id,
        everyPost.map((p) => p.id),
      ),
    },
    can: {
      up: canUpvote(user, question),
      down: canDownvote(user, question),
      delete: canDeleteOrRestore(user, question),
      edit: canEditPost(user, question),
      comment: canComment(user, { ...question, root: question }),
      answer: canAnswer(user, question),
      accept: canAcceptAnswer(user, question),
    },
    signedIn: !!user,
    shareUrl: `${siteOrigin(request)}/questions/${question.id}`,
    asked: canSeeRouting(user, question) ? askedExperts(question.id) : null,
    follow: canFollow(user) ? { following: viewerFollows(user?.id, "question", question.id) } : null,
    missing: missingPostPrivileges(user),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { question } = await loadThread(request, params.id);
  const formData = await request.formData();
  if (formData.get("intent") === "follow")
    return followIntent({ user, formData, kind: "question", targetId: question.id, back: `/questions/${question.id}` });
  if (formData.get("intent") === "preview") {
    return previewResponse({ intent: "answer", body: formData.get("body") });
  }
  const parsed = parseForm(QuestionActionSchema, formData);
  const values = { intent: formData.get("intent"), postId: formData.get("postId"), body: formData.get("body") };
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const input = parsed.data;
  if (isSharedIntent(input)) return runSharedPostIntent(context, user, input, question.id);
  if (input.intent === "answer") {
    if (!canAnswer(user, question)) throw forbidden();
    const posted = withPostingLimits({ userId: user.id, text: input.body }, (guard) =>
      createAnswer({ authorId: user.id, questionId: question.id, body: input.body, guard, screen: true }),
    );
    if (!posted.ok) return limitRefused(posted.refusal, values);
    if (!posted.value) throw notFound();
    return redirect(`/questions/${question.id}#post-${posted.value.id}`);
  }
  const result = acceptAnswer({ questionId: question.id, answerId: input.answerId, askerId: user.id });
  if (result === "forbidden") throw forbidden();
  if (result === "invalid") return badRequest({ form: "error.invalid" });
  return redirect(`/questions/${question.id}#post-${input.answerId}`);
}

export const headers = retryAfterHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, null, undefined, data?.question.title);

type AnswerProps = {
  answer: SerializeFrom<typeof loader>["answers"][number];
  comments: CommentView[];
  accepted: boolean;
  myVote: number;
  locked: ReturnType<typeof lockedHints>;
  canAccept: boolean;
  flags: FlagState;
  commentFormOpen: boolean;
  share: { url: string; title: string } | null;
};

/**
 * One answer with the viewer's controls. Its HTML depends only on these props, the language and the URL, and
 * most viewers share them, so the server keeps it per version of those (app/utils/fragment.tsx) instead of
 * rendering thirty answers for every request. After a form post (action data) it is rendered afresh.
 */
function Answer({ answer, comments, accepted, myVote, locked, canAccept, flags, commentFormOpen, share }: AnswerProps) {
  const t = useT();
  return (
    <div className="post-with-votes">
      <VoteButtons
        postId={answer.id}
        score={answer.score}
        myVote={myVote}
        canUp={answer.can.up}
        canDown={answer.can.down}
        {...locked}
      />
      <div>
        {accepted ? <p className="accepted-label">✔ {t("question.accepted")}</p> : null}
        <PostBody html={answer.bodyHtml} lang={answer.lang} postId={answer.id} />
        <Byline author={answer.author} createdAt={answer.createdAt} updatedAt={answer.updatedAt} />
        {share ? (
          <ShareLinks url={`${share.url}#post-${answer.id}`} title={t("share.answerTitle", { title: share.title })} />
        ) : null}
        {canAccept && !accepted ? (
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <input type="hidden" name="answerId" value={answer.id} />
            <button type="submit" className="small-button secondary">
              {t("question.accept")}
            </button>
          </Form>
        ) : null}
        <PostControls postId={answer.id} canEdit={answer.can.edit} canDelete={answer.can.delete} deleted={false} />
        <FlagControl postId={answer.id} flags={flags} />
        <Comments
          postId={answer.id}
          comments={comments}
          flags={flags}
          canComment={answer.can.comment}
          formOpen={commentFormOpen}
        />
      </div>
    </div>
  );
}

export default function QuestionPage() {
  const { question, answers, comments, myVotes, can, missing, signedIn, flags, follow, asked, shareUrl } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  // The answer form shows what came back for it; a comment's errors and text go to that comment's form.
  const forAnswer =
    (actionData?.values as { intent?: string } | undefined)?.intent === "answer" ? actionData : undefined;
  const answerValues = forAnswer?.values as { body?: string } | undefined;
  const answerErrors: FormErrors = forAnswer?.errors ?? {};
  const commentFormFor = Number(useSearchParams()[0].get("comment"));
  const locked = lockedHints(t, missing);
  const shareable = question.status === "published" ? { url: shareUrl, title: question.title } : null;
  return (
    <article className="post">
      {question.status === "deleted" ? <DeletedNotice /> : null}
      <ReviewNotice status={question.status} />
      <h1 lang={question.lang ?? undefined}>{question.title}</h1>
      <Byline author={question.author} createdAt={question.createdAt} updatedAt={question.updatedAt} />
      <TagList tags={question.tags} />
      {asked?.length ? <AskedExperts experts={asked} /> : null}
      {follow ? <FollowButton kind="question" name={question.title} following={follow.following} /> : null}
      <div className="post-with-votes" id={`post-${question.id}`}>
        <VoteButtons
          postId={question.id}
          score={question.score}
          myVote={myVotes[question.id] ?? 0}
          canUp={can.up}
          canDown={can.down}
          {...locked}
        />
        <div>
          <PostBody html={question.bodyHtml} lang={question.lang} postId={question.id} />
          <PostControls
            postId={question.id}
            canEdit={can.edit}
            canDelete={can.delete}
            deleted={question.status === "deleted"}
          />
          <FlagControl postId={question.id} flags={flags} />
          <Comments
            postId={question.id}
            comments={comments[question.id] ?? []}
            flags={flags}
            canComment={can.comment}
            formOpen={commentFormFor === question.id}
          />
        </div>
      </div>

      <PrivilegeNotice missing={missing} />
      <h2>{t("question.answers", { count: answers.length })}</h2>
      <ol className="answers">
        {answers.map((answer) => {
          const accepted = answer.id === question.acceptedAnswerId;
          const postIds = [answer.id, ...(comments[answer.id] ?? []).map((c) => c.id)];
          const props: AnswerProps = {
            answer,
            comments: comments[answer.id] ?? [],
            accepted,
            myVote: myVotes[answer.id] ?? 0,
            locked,
            canAccept: can.accept,
            flags: {
              can: flags.can.filter((id) => postIds.includes(id)),
              done: flags.done.filter((id) => postIds.includes(id)),
            },
            commentFormOpen: commentFormFor === answer.id,
            share: shareable,
          };
          return (
            <li key={answer.id} id={`post-${answer.id}`} className={`answer${accepted ? " accepted" : ""}`}>
              {actionData ? (
                <Answer {...props} />
              ) : (
                <StaticFragment parts={["answer", locale, location.pathname, location.search, props]}>
                  {() => <Answer {...props} />}
                </StaticFragment>
              )}
            </li>
          );
        })}
      </ol>

      {can.answer ? (
        <section className="wide-form" aria-labelledby="your-answer">
          <h2 id="your-answer">{t("question.yourAnswer")}</h2>
          <PostEditor
            fields={{}}
            intent="answer"
            values={{ body: answerValues?.body ?? "" }}
            errors={answerErrors}
            errorVars={(forAnswer as { errorVars?: Record<string, number> } | undefined)?.errorVars}
            previewHtml={(forAnswer as { previewHtml?: string } | undefined)?.previewHtml}
            submitLabel={t("question.postAnswer")}
            bodyRows={8}
          />
        </section>
      ) : !signedIn ? (
        <p>
          <a href={`/login?redirectTo=${encodeURIComponent(`/questions/${question.id}`)}`}>
            {t("question.loginToAnswer")}
          </a>
        </p>
      ) : null}
    </article>
  );
}
