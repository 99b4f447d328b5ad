import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { PostEditor } from "~/components/PostEditor";
import { SimilarQuestions, useSimilarQuestions, type SimilarItem } from "~/components/SimilarQuestions";
import { previewResponse } from "~/models/post-actions.server";
import { withPostingLimits } from "~/models/post-limits.server";
import { createQuestion } from "~/models/post.server";
import { similarQuestions } from "~/models/search.server";
import { findUserByHandle } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { badRequest, limitRefused, parseForm, retryAfterHeaders } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { QuestionSchema } from "~/utils/post-schema";
import contentStyles from "~/styles/content.css";

/** `?expert=handle` (from "Ask an expert" on a profile) invites that member to answer. */
function invitedExpert(request: Request, askerId: number) {
  const handle = new URL(request.url).searchParams.get("expert");
  const expert = handle ? findUserByHandle(handle) : undefined;
  return expert && expert.id !== askerId ? expert : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const expert = invitedExpert(request, user.id);
  return json({ expert: expert ? { name: expert.name, handle: expert.handle } : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const values = { title: formData.get("title"), body: formData.get("body"), tags: formData.get("tags") };
  if (formData.get("intent") === "preview") {
    // Without JavaScript the preview is where a member sees the questions like theirs.
    return previewResponse(values, {
      similar: similarQuestions(String(values.title ?? ""), String(values.body ?? "")),
    });
  }
  const parsed = parseForm(QuestionSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const invitedExpertId = invitedExpert(request, user.id)?.id;
  const posted = withPostingLimits({ userId: user.id, text: parsed.data.body }, (guard) =>
    createQuestion({ authorId: user.id, ...parsed.data, invitedExpertId, guard, screen: true }),
  );
  if (!posted.ok) return limitRefused(posted.refusal, values);
  return redirect(`/questions/${posted.value.id}`);
}

export const headers = retryAfterHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "questions.ask");

export default function AskQuestion() {
  const t = useT();
  const data = useActionData<typeof action>();
  const { expert } = useLoaderData<typeof loader>();
  const values = (data?.values ?? {}) as Record<string, string>;
  const [title, setTitle] = useState(values.title ?? "");
  const similar = useSimilarQuestions((data as { similar?: SimilarItem[] } | undefined)?.similar, title);
  return (
    <section className="wide-form">
      <h1>{t("questions.ask")}</h1>
      <p className="lead">{t("questions.askIntro")}</p>
      {expert ? (
        <p className="notice" role="status">
          {t("ask.expertInvited", { name: expert.name })}
        </p>
      ) : null}
      <PostEditor
        fields={{ title: true, tags: true }}
        values={values}
        errors={data?.errors ?? {}}
        errorVars={(data as { errorVars?: Record<string, number> } | undefined)?.errorVars}
        previewHtml={(data as { previewHtml?: string } | undefined)?.previewHtml}
        submitLabel={t("questions.post")}
        bodyRows={10}
        afterTitle={<SimilarQuestions items={similar} />}
        onTitleChange={setTitle}
      />
    </section>
  );
}
