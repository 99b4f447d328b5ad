import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ORG_KINDS } from "~db/enums";
import { Field, SelectField, TextAreaField } from "~/components/Field";
import { createOrganisation, isOrgSlugTaken } from "~/models/organisation.server";
import { requireRole } from "~/utils/auth.server";
import { badRequest, parseForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { optionalText } from "~/utils/validation";
import { formAnswer } from "~/utils/form-answer";

const OrgSchema = z.object({
  name: z.string().trim().min(2, "error.nameLength").max(80, "error.nameLength"),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, "error.slugFormat")
    .refine((s) => s.length >= 2, "error.slugFormat"),
  description: optionalText(1000),
  website: z.union([
    z.literal(""),
    z
      .string()
      .trim()
      .url("error.urlInvalid")
      .regex(/^https?:\/\//, "error.urlInvalid")
      .max(300, "error.tooLong"),
  ]),
  kind: z.enum(ORG_KINDS, { errorMap: () => ({ message: "error.invalid" }) }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const values = Object.fromEntries(formData);
  const parsed = parseForm(OrgSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  if (isOrgSlugTaken(parsed.data.slug)) return badRequest({ slug: "error.slugTaken" }, values);
  const org = createOrganisation({ actorId: admin.id, ...parsed.data });
  return redirect(`/orgs/${org.slug}`);
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "orgs.new");

export default function NewOrganisation() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { errors, values } = formAnswer(actionData);
  return (
    <section className="narrow">
      <h1>{t("orgs.new")}</h1>
      <Form method="post" className="stack" noValidate>
        <Field name="name" label={t("field.orgName")} required defaultValue={values.name} error={errors.name} />
        <Field
          name="slug"
          label={t("field.slug")}
          hint={t("field.slugHint")}
          required
          defaultValue={values.slug}
          error={errors.slug}
        />
        <SelectField
          name="kind"
          label={t("field.kind")}
          defaultValue={values.kind}
          error={errors.kind}
          options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
        />
        <Field
          name="website"
          type="url"
          label={t("field.website")}
          defaultValue={values.website}
          error={errors.website}
        />
        <TextAreaField
          name="description"
          label={t("field.description")}
          rows={4}
          defaultValue={values.description}
          error={errors.description}
        />
        <button type="submit" disabled={busy}>
          {t("orgs.create")}
        </button>
      </Form>
    </section>
  );
}
