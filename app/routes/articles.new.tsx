import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { PostEditor } from "~/components/PostEditor";
import { previewResponse } from "~/models/post-actions.server";
import { withPostingLimits } from "~/models/post-limits.server";
import { createArticle } from "~/models/post.server";
import { requireUser } from "~/utils/auth.server";
import { badRequest, limitRefused, parseForm, retryAfterHeaders } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canWriteArticle } from "~/utils/permissions";
import { ArticleSchema } from "~/utils/post-schema";
import contentStyles from "~/styles/content.css";
import { forbidden } from "~/utils/http.server";

async function requireWriter(request: Request) {
  const user = await requireUser(request);
  if (!canWriteArticle(user)) throw forbidden();
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireWriter(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireWriter(request);
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
  const parsed = parseForm(ArticleSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const posted = withPostingLimits({ userId: user.id, text: parsed.data.body }, (guard) =>
    createArticle({ authorId: user.id, ...parsed.data, guard, screen: true }),
  );
  if (!posted.ok) return limitRefused(posted.refusal, values);
  return redirect(`/articles/${posted.value.slug}`);
}

export const headers = retryAfterHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "articles.new");

export default function NewArticle() {
  const t = useT();
  const data = useActionData<typeof action>();
  return (
    <section className="wide-form">
      <h1>{t("articles.new")}</h1>
      <PostEditor
        fields={{ title: true, summary: true, tags: true }}
        values={(data?.values ?? {}) as Record<string, string>}
        errors={data?.errors ?? {}}
        errorVars={(data as { errorVars?: Record<string, number> } | undefined)?.errorVars}
        previewHtml={(data as { previewHtml?: string } | undefined)?.previewHtml}
        submitLabel={t("articles.publish")}
      />
    </section>
  );
}
