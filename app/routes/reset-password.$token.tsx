import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormError, NewPasswordFields } from "~/components/Field";
import { forgiveAccount } from "~/models/login-throttle.server";
import { isUsableResetToken, resetPassword } from "~/models/password-reset.server";
import { findUserById } from "~/models/user.server";
import { badRequest, parseForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { knownDeviceCookie } from "~/utils/known-device.server";
import { pageTitle } from "~/utils/meta";
import { newPasswordField } from "~/utils/validation";

const ResetSchema = z.object({ newPassword: newPasswordField, confirmPassword: z.string() });

export async function loader({ params }: LoaderFunctionArgs) {
  return json({ usable: isUsableResetToken(params.token ?? "") });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(ResetSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.errors);
  if (parsed.data.newPassword !== parsed.data.confirmPassword)
    return badRequest({ confirmPassword: "error.passwordMismatch" });
  const userId = await resetPassword(params.token ?? "", parsed.data.newPassword);
  if (userId === null) return badRequest({ form: "reset.invalid" }, {}, 410);
  // The link proved the mailbox is the member's: this browser may log in even while the account is
  // under attack, with no failures counted against it (docs/security.md).
  const user = findUserById(userId);
  if (user) forgiveAccount(user.email);
  return redirect("/login?reset=1", { headers: { "Set-Cookie": knownDeviceCookie(request, userId) } });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.title");

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.errors ?? {};
  const invalid = !usable || errors.form === "reset.invalid";
  return (
    <section className="narrow">
      <h1>{t("reset.title")}</h1>
      {invalid ? (
        <>
          <p className="form-error" role="alert">
            {t("reset.invalid")}
          </p>
          <p>
            <Link to="/forgot-password">{t("reset.requestNew")}</Link>
          </p>
        </>
      ) : (
        <Form method="post" noValidate className="stack">
          <FormError error={errors.form} />
          <NewPasswordFields errors={errors} />
          <button type="submit" disabled={busy}>
            {t("reset.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
