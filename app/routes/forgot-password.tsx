import { json, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError } from "~/components/Field";
import { reserveAttempt, resetRequestLimits } from "~/models/login-throttle.server";
import { requestPasswordReset } from "~/models/password-reset.server";
import { badRequest, formOk, parseForm, retryAfterHeaders, tooManyRequests } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { emailField } from "~/utils/validation";
import { formAnswer } from "~/utils/form-answer";

const ForgotSchema = z.object({ email: emailField });

export const loader = () => json({});

/** The answer is the same whether or not the address has an account (and whether a mail went out). */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(ForgotSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, { email: formData.get("email") });
  // Each request counts against the client's address, so nobody can mail-bomb with it.
  const attempt = reserveAttempt(resetRequestLimits({ ip: context.clientIp ?? "unknown" }));
  if (!attempt.ok)
    return tooManyRequests("error.tooManyResetRequests", attempt.retryAfterSeconds, { email: parsed.data.email });
  requestPasswordReset(parsed.data.email);
  return formOk();
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forgot.title");

export default function ForgotPassword() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { errors, values, retryInMinutes } = formAnswer(actionData);
  return (
    <section className="narrow">
      <h1>{t("forgot.title")}</h1>
      {actionData?.ok ? (
        <p role="status" className="notice">
          {t("forgot.sent")}
        </p>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <Form method="post" noValidate className="stack">
            <FormError error={errors.form} vars={{ minutes: retryInMinutes }} />
            <Field
              name="email"
              type="email"
              label={t("field.email")}
              autoComplete="email"
              required
              defaultValue={values.email}
              error={errors.email}
            />
            <button type="submit" disabled={busy}>
              {t("forgot.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
