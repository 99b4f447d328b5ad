import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PostEditor } from "~/components/PostEditor";
import { previewResponse } from "~/models/post-actions.server";
import { editRefusal } from "~/models/post-limits.server";
import { getPost, postUrl } from "~/models/post-queries.server";
import { editPost } from "~/models/post.server";
import { tagsOfPosts } from "~/models/tag.server";
import { requireUser } from "~/utils/auth.server";
import { badRequest, limitRefused, parseForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canEditPost } from "~/utils/permissions";
import { AnswerSchema, ArticleSchema, bodyField, LIMITS, QuestionSchema } from "~/utils/post-schema";
import { z } from "zod";
import contentStyles from "~/styles/content.css";
import { forbidden, notFound, parseId } from "~/utils/http.server";

const SCHEMAS = {
  article: ArticleSchema,
  question: QuestionSchema,
  answer: AnswerSchema,
  comment: z.object({ body: bodyField(LIMITS.comment, 2) }),
  idea: QuestionSchema,
};

/** Editing any post: its author, or a lead or admin. Every saved edit is a revision. */
async function loadEditable(request: Request, idParam: string | undefined) {
  const user = await requireUser(request);
  const post = getPost(parseId(idParam));
  if (!post) throw notFound();
  if (!canEditPost(user, post)) throw forbidden();
  return { user, post };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { post } = await loadEditable(request, params.id);
  const tags = tagsOfPosts([post.id]).get(post.id) ?? [];
  return json({
    post: {
      id: post.id,
      kind: post.kind,
      title: post.title,
      summary: post.summary,
      body: post.body,
      tags: tags.join(", "),
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, post } = await loadEditable(request, params.id);
  const formData = await request.formData();
  const values = {
    title: formData.get("title"),
    summary: formData.get("summary"),
    body: formData.get("body"),
    tags: formData.get("tags"),
  };
  if (formData.get("intent") === "preview") {
    return previewResponse(values);
  }
  const parsed = parseForm(SCHEMAS[post.kind], formData);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const refusal = editRefusal({ userId: user.id, text: parsed.data.body });
  if (refusal) return limitRefused(refusal, values);
  editPost({ postId: post.id, editorId: user.id, ...parsed.data });
  return redirect(postUrl(post));
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "post.edit");

export default function EditPost() {
  const { post } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const top = post.kind === "article" || post.kind === "question" || post.kind === "idea";
  return (
    <section className="wide-form">
      <h1>{t("post.editTitle", { kind: t(`kind.${post.kind}`) })}</h1>
      <PostEditor
        fields={{ title: top, summary: post.kind === "article", tags: top }}
        values={(data?.values as Record<string, string> | undefined) ?? post}
        errors={data?.errors ?? {}}
        errorVars={(data as { errorVars?: Record<string, number> } | undefined)?.errorVars}
        previewHtml={(data as { previewHtml?: string } | undefined)?.previewHtml}
        submitLabel={t("post.save")}
        bodyRows={post.kind === "comment" ? 3 : 14}
      />
    </section>
  );
}
