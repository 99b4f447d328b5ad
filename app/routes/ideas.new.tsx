import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/Field";
import { PostEditor } from "~/components/PostEditor";
import { createIdea } from "~/models/idea.server";
import { getOrganisationBySlug, listOrganisations } from "~/models/organisation.server";
import { previewResponse } from "~/models/post-actions.server";
import { withPostingLimits } from "~/models/post-limits.server";
import { requireUser } from "~/utils/auth.server";
import { badRequest, limitRefused, parseForm, retryAfterHeaders } from "~/utils/forms.server";
import { formAnswer } from "~/utils/form-answer";
import { forbidden } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { IdeaSchema } from "~/utils/idea-schema";
import { pageTitle } from "~/utils/meta";
import { canProposeIdea } from "~/utils/permissions";
import contentStyles from "~/styles/content.css";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const org = new URL(request.url).searchParams.get("org") ?? "";
  return json({ orgs: listOrganisations().map(({ slug, name }) => ({ slug, name })), org });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canProposeIdea(user)) throw forbidden();
  const formData = await request.formData();
  const values = {
    title: formData.get("title"),
    body: formData.get("body"),
    tags: formData.get("tags"),
    orgSlug: formData.get("orgSlug"),
  };
  if (formData.get("intent") === "preview") return previewResponse(values);
  const parsed = parseForm(IdeaSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const { orgSlug, ...idea } = parsed.data;
  const org = getOrganisationBySlug(orgSlug);
  if (!org) return badRequest({ orgSlug: "error.orgRequired" }, values);
  const posted = withPostingLimits({ userId: user.id, text: idea.body }, (guard) =>
    createIdea({ authorId: user.id, orgId: org.id, ...idea, guard, screen: true }),
  );
  if (!posted.ok) return limitRefused(posted.refusal, values);
  return redirect(`/ideas/${posted.value.id}`);
}

export const headers = retryAfterHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ideas.propose");

export default function ProposeIdea() {
  const t = useT();
  const data = useActionData<typeof action>();
  const { orgs, org } = useLoaderData<typeof loader>();
  const { errors, values } = formAnswer(data);
  return (
    <section className="wide-form">
      <h1>{t("ideas.propose")}</h1>
      <p className="lead">{t("ideas.proposeIntro")}</p>
      <PostEditor
        fields={{ title: true, tags: true }}
        values={values}
        errors={errors}
        errorVars={(data as { errorVars?: Record<string, number> } | undefined)?.errorVars}
        previewHtml={(data as { previewHtml?: string } | undefined)?.previewHtml}
        submitLabel={t("ideas.post")}
        bodyRows={10}
        extra={
          <SelectField
            name="orgSlug"
            label={t("ideas.org")}
            defaultValue={values.orgSlug ?? org}
            error={errors.orgSlug}
            options={[
              { value: "", label: t("ideas.orgChoose") },
              ...orgs.map((o) => ({ value: o.slug, label: o.name })),
            ]}
          />
        }
      />
    </section>
  );
}
