import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError } from "~/components/Field";
import { joinLimits, reserveAttempt } from "~/models/login-throttle.server";
import { isBusySignUpAddress } from "~/models/spam.server";
import { createUser, isEmailTaken, isHandleTaken } from "~/models/user.server";
import { createUserSession, getUser, hashPassword } from "~/utils/auth.server";
import { badRequest, parseForm, retryAfterHeaders, tooManyRequests, type FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { knownDeviceCookie } from "~/utils/known-device.server";
import { pageTitle } from "~/utils/meta";
import { safeRedirect } from "~/utils/redirect";
import { emailField, handleField, nameField, newPasswordField } from "~/utils/validation";
import { formAnswer } from "~/utils/form-answer";

const JoinSchema = z.object({
  name: nameField,
  handle: handleField,
  email: emailField,
  password: newPasswordField,
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return json({});
}

/** A field people never see nor fill; sign-up scripts fill every field (docs/moderation.md, "Spam rules"). */
const HONEYPOT = "website";

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const values = { name: formData.get("name"), handle: formData.get("handle"), email: formData.get("email") };
  const ip = context.clientIp ?? "unknown";
  if (String(formData.get(HONEYPOT) ?? "") !== "") {
    // Counted like any sign-up, so a script that keeps trying meets the throttle and makes its address busy.
    const attempt = reserveAttempt(joinLimits({ ip }));
    if (!attempt.ok) return tooManyRequests("error.tooManySignUps", attempt.retryAfterSeconds, values);
    return badRequest({ form: "error.signUpRefused" }, values);
  }
  const parsed = parseForm(JoinSchema, formData);
  // Report every problem at once: a taken handle or email too, not only format errors.
  const errors: FormErrors = parsed.ok ? {} : { ...parsed.errors };
  const handle = String(values.handle ?? "").trim();
  const email = String(values.email ?? "").trim();
  if (!errors.handle && isHandleTaken(handle)) errors.handle = "error.handleTaken";
  if (!errors.email && isEmailTaken(email)) errors.email = "error.emailTaken";
  if (!parsed.ok || Object.keys(errors).length) return badRequest(errors, values);
  const { name, password } = parsed.data;
  // Counted before the (slow) hash and kept: sign-ups per address are limited, successful or not.
  const attempt = reserveAttempt(joinLimits({ ip }));
  if (!attempt.ok) return tooManyRequests("error.tooManySignUps", attempt.retryAfterSeconds, values);
  // Many accounts from one address in an hour: their posts wait for a lead until one is approved.
  const reviewPosts = isBusySignUpAddress(ip);
  let user;
  try {
    user = createUser({ name, handle, email, passwordHash: await hashPassword(password), reviewPosts });
  } catch (error) {
    // Two sign-ups racing for the same handle or email: the unique index decides.
    if (error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE") {
      return badRequest(
        isHandleTaken(handle) ? { handle: "error.handleTaken" } : { email: "error.emailTaken" },
        values,
      );
    }
    throw error;
  }
  const cookies = new Headers();
  cookies.append("Set-Cookie", await createUserSession(request, user.id));
  cookies.append("Set-Cookie", knownDeviceCookie(request, user.id));
  return redirect(safeRedirect(parsed.data.redirectTo, `/members/${user.handle}`), { headers: cookies });
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "join.title");

export default function Join() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { errors, values, retryInMinutes } = formAnswer(actionData);
  return (
    <section className="narrow">
      <h1>{t("join.title")}</h1>
      <p>{t("join.intro")}</p>
      {/* A full page load, like log in: the page's language comes with its dictionary (docs/i18n.md). */}
      <Form method="post" noValidate className="stack" reloadDocument>
        <FormError error={errors.form} vars={{ minutes: retryInMinutes }} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <div className="visually-hidden">
          <label htmlFor={HONEYPOT}>{t("join.honeypot")}</label>
          <input id={HONEYPOT} name={HONEYPOT} type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <Field
          name="name"
          label={t("field.name")}
          autoComplete="name"
          required
          defaultValue={values.name}
          error={errors.name}
        />
        <Field
          name="handle"
          label={t("field.handle")}
          hint={t("field.handleHint")}
          autoComplete="username"
          required
          defaultValue={values.handle}
          error={errors.handle}
        />
        <Field
          name="email"
          type="email"
          label={t("field.email")}
          autoComplete="email"
          required
          defaultValue={values.email}
          error={errors.email}
        />
        <Field
          name="password"
          type="password"
          label={t("field.password")}
          hint={t("field.passwordHint")}
          autoComplete="new-password"
          required
          minLength={10}
          error={errors.password}
        />
        <button type="submit" disabled={busy}>
          {t("join.submit")}
        </button>
      </Form>
      <p>
        {t("join.haveAccount")} <Link to="/login">{t("header.login")}</Link>
      </p>
    </section>
  );
}
