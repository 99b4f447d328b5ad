import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { IDEA_STATUSES } from "~db/enums";
import { Field, FormError, SelectField, TextAreaField } from "~/components/Field";
import { Byline, DeletedNotice, FlagControl, PostBody, PostControls, TagList } from "~/components/Post";
import { FollowButton } from "~/components/FollowButton";
import { ReviewNotice } from "~/components/ReviewNotice";
import { flaggedBy } from "~/models/flag.server";
import { viewerFollows } from "~/models/follow.server";
import { getIdea, hasVoted, mergeIdea, setIdeaStatus, setIdeaVote } from "~/models/idea.server";
import { getMembership } from "~/models/organisation.server";
import { runSharedPostIntent } from "~/models/post-actions.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { followIntent } from "~/utils/follow.server";
import { badRequest, parseForm } from "~/utils/forms.server";
import { formAnswer } from "~/utils/form-answer";
import { forbidden, notFound, parseId } from "~/utils/http.server";
import { formatDate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { IDEA_RESPONSE_MAX, IdeaActionSchema } from "~/utils/idea-schema";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";
import {
  canDeleteOrRestore,
  canEditPost,
  canFlag,
  canMergeIdeas,
  canSeePost,
  canSetIdeaStatus,
  canFollow,
  canSupportIdea,
} from "~/utils/permissions";
import contentStyles from "~/styles/content.css";
import ideaStyles from "~/styles/ideas.css";

async function loadIdea(request: Request, idParam: string | undefined) {
  const idea = getIdea(parseId(idParam));
  const user = await getUser(request);
  if (!idea || !canSeePost(user, idea)) throw notFound();
  // A merged duplicate lives on as its target (docs/ideas.md).
  if (idea.mergedIntoId) throw redirect(`/ideas/${idea.mergedIntoId}`, 301);
  return { idea, user };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { idea, user } = await loadIdea(request, params.id);
  cacheDependsOn(context, `post:${idea.id}`, "names");
  return json({
    idea,
    voted: hasVoted(user?.id, idea.id),
    flags: { can: canFlag(user, idea) ? [idea.id] : [], done: flaggedBy(user?.id, [idea.id]) },
    signedIn: !!user,
    follow: canFollow(user) ? { following: viewerFollows(user?.id, "idea", idea.id) } : null,
    own: !!user && user.id === idea.authorId,
    can: {
      support: canSupportIdea(user, idea),
      setStatus: canSetIdeaStatus(user, { orgId: idea.org.id }, user ? getMembership(user.id) : null),
      merge: canMergeIdeas(user),
      edit: canEditPost(user, idea),
      delete: canDeleteOrRestore(user, idea),
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { idea } = await loadIdea(request, params.id);
  const formData = await request.formData();
  if (formData.get("intent") === "follow")
    return followIntent({ user, formData, kind: "idea", targetId: idea.id, back: `/ideas/${idea.id}` });
  const values = Object.fromEntries(formData);
  const parsed = parseForm(IdeaActionSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const input = parsed.data;
  const here = `/ideas/${idea.id}`;
  if (input.intent === "delete" || input.intent === "restore" || input.intent === "flag")
    return runSharedPostIntent(context, user, input, idea.id);
  if (input.intent === "vote") {
    if (user.id === idea.authorId) return badRequest({ form: "ideas.ownIdea" }, values, 403);
    if (!canSupportIdea(user, idea)) throw forbidden();
    const result = setIdeaVote({ ideaId: idea.id, userId: user.id, value: input.value });
    if (result === "own") return badRequest({ form: "ideas.ownIdea" }, values, 403);
    if (result === "invalid") throw notFound();
    return redirect(here);
  }
  if (input.intent === "status") {
    if (!canSetIdeaStatus(user, { orgId: idea.org.id }, getMembership(user.id))) throw forbidden();
    const result = setIdeaStatus({ ideaId: idea.id, actorId: user.id, status: input.status, response: input.response });
    if (result === "invalid") throw notFound();
    return redirect(here);
  }
  if (!canMergeIdeas(user)) throw forbidden();
  const result = mergeIdea({ sourceId: idea.id, targetId: input.target, actorId: user.id });
  if (result === "invalid") return badRequest({ target: "ideas.mergeInvalid" }, values);
  return redirect(`/ideas/${input.target}`);
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contentStyles },
  { rel: "stylesheet", href: ideaStyles },
];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, null, undefined, data?.idea.title);

export default function IdeaPage() {
  const { idea, voted, signedIn, own, can, flags, follow } = useLoaderData<typeof loader>();
  const { errors, values } = formAnswer(useActionData<typeof action>());
  const t = useT();
  const locale = useLocale();
  const response = idea.response;
  return (
    <article className="post" id={`post-${idea.id}`}>
      {idea.status === "deleted" ? <DeletedNotice /> : null}
      <ReviewNotice status={idea.status} />
      <h1 lang={idea.lang ?? undefined}>{idea.title}</h1>
      {follow ? <FollowButton kind="idea" name={idea.title} following={follow.following} /> : null}
      <p className="idea-meta">
        <span className={`idea-status idea-status-${idea.ideaStatus}`}>{t(`ideas.status.${idea.ideaStatus}`)}</span>{" "}
        <Link to={`/orgs/${idea.org.slug}/roadmap`}>{t("ideas.for", { org: idea.org.name })}</Link>
      </p>
      <Byline author={idea.author} createdAt={idea.createdAt} updatedAt={idea.updatedAt} />
      <TagList tags={idea.tags} />
      {response ? (
        <section className="official-response" aria-labelledby="official-response">
          <h2 id="official-response">{t("ideas.officialResponse")}</h2>
          <PostBody html={response.html} />
          <p className="muted small">
            {response.responder ? (
              <>
                {response.orgName
                  ? t("ideas.responseBy", {
                      name: response.responder.name,
                      role: t(`relation.${response.role}` as MessageKey),
                      org: response.orgName,
                    })
                  : t("ideas.responseByRole", {
                      name: response.responder.name,
                      role: t(`role.${response.role}` as MessageKey),
                    })}
                {" · "}
              </>
            ) : null}
            {response.at ? <time dateTime={response.at}>{formatDate(response.at, locale)}</time> : null}
          </p>
        </section>
      ) : null}
      <PostBody html={idea.bodyHtml} lang={idea.lang} />
      <PostControls postId={idea.id} canEdit={can.edit} canDelete={can.delete} deleted={idea.status === "deleted"} />
      <FlagControl postId={idea.id} flags={flags} />

      <section className="idea-support" aria-label={t("ideas.votes", { count: idea.votes })}>
        <p className="idea-count">
          <strong>{t("ideas.votes", { count: idea.votes })}</strong>
        </p>
        <FormError error={errors.form} />
        {can.support ? (
          <Form method="post">
            <input type="hidden" name="intent" value="vote" />
            <input type="hidden" name="value" value={voted ? "0" : "1"} />
            {voted ? <p className="small">{t("ideas.supported")}</p> : null}
            <button type="submit" className={voted ? "secondary" : undefined}>
              {voted ? t("ideas.unsupport") : t("ideas.support")}
            </button>
          </Form>
        ) : own ? (
          <p className="muted small">{t("ideas.ownIdea")}</p>
        ) : !signedIn ? (
          <p>
            <a href={`/login?redirectTo=${encodeURIComponent(`/ideas/${idea.id}`)}`}>{t("ideas.loginToSupport")}</a>
          </p>
        ) : null}
      </section>

      {can.setStatus ? (
        <section className="wide-form" aria-labelledby="idea-status-form">
          <h2 id="idea-status-form">{t("ideas.setStatus")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="status" />
            <SelectField
              name="status"
              label={t("ideas.statusLabel")}
              defaultValue={values.status ?? idea.ideaStatus}
              error={errors.status}
              options={IDEA_STATUSES.map((s) => ({ value: s, label: t(`ideas.status.${s}`) }))}
            />
            <TextAreaField
              name="response"
              label={t("ideas.response")}
              hint={t("field.bodyHint")}
              rows={6}
              maxLength={IDEA_RESPONSE_MAX}
              defaultValue={values.response ?? response?.source ?? ""}
              error={errors.response}
            />
            <div className="button-row">
              <button type="submit">{t("ideas.saveStatus")}</button>
            </div>
          </Form>
        </section>
      ) : null}

      {can.merge ? (
        <section className="narrow" aria-labelledby="idea-merge-form">
          <h2 id="idea-merge-form">{t("ideas.merge")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="merge" />
            <Field
              name="target"
              label={t("ideas.mergeTarget")}
              inputMode="numeric"
              required
              defaultValue={values.target}
              error={errors.target}
            />
            <div className="button-row">
              <button type="submit" className="secondary">
                {t("ideas.mergeSubmit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
