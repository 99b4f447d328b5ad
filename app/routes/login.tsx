import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError } from "~/components/Field";
import { SuspensionDetails } from "~/components/SuspensionDetails";
import { forgiveAddress, loginLimits, releaseAttempt, reserveAttempt } from "~/models/login-throttle.server";
import { findOrganisationForEmail, getProviderBySlug, listSignInOrganisations } from "~/models/oidc.server";
import { findUserByEmail } from "~/models/user.server";
import { createUserSession, getUser, hashPassword, verifyPassword } from "~/utils/auth.server";
import { badRequest, parseForm, retryAfterHeaders, tooManyRequests } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { isKnownDevice, knownDeviceCookie } from "~/utils/known-device.server";
import { isSuspended } from "~/utils/permissions";
import { safeRedirect } from "~/utils/redirect";
import { formAnswer } from "~/utils/form-answer";
import { FORM_TARGETS_HEADER } from "~/utils/security-headers.server";
import { emailField } from "~/utils/validation";
import { startSignIn } from "~/utils/oidc.server";

const LoginSchema = z.object({
  email: z.string().trim().min(1, "error.required").max(254, "error.invalidCredentials"),
  password: z.string().min(1, "error.required").max(200, "error.invalidCredentials"),
  redirectTo: z.string().optional(),
});

// Unknown emails are checked against a real hash too, so response time does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

const LookupSchema = z.object({ ssoEmail: emailField, redirectTo: z.string().optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  const sso = listSignInOrganisations();
  // The sign-in buttons post here and are redirected to the providers: the page's form-action must allow them.
  const targets = sso.map((o) => new URL(o.issuer).origin).join(" ");
  return json(
    { sso: sso.map(({ slug, name }) => ({ slug, name })) },
    { headers: targets ? { [FORM_TARGETS_HEADER]: targets } : {} },
  );
}

/** "jan@acme.example": the organisation whose provider vouches for acme.example, and on to its sign-in. */
async function lookUpCompany(request: Request, formData: FormData) {
  const values = { ssoEmail: formData.get("ssoEmail") };
  const parsed = parseForm(LookupSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const org = findOrganisationForEmail(parsed.data.ssoEmail);
  const provider = org ? getProviderBySlug(org.slug) : null;
  if (!provider) return badRequest({ ssoEmail: "oidc.lookupNone" }, values);
  try {
    const { location, cookie } = await startSignIn(request, provider, parsed.data.redirectTo);
    return redirect(location, { headers: { "Set-Cookie": cookie } });
  } catch {
    return badRequest({ ssoEmail: "oidc.unavailable" }, values);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "sso") return lookUpCompany(request, formData);
  const values = { email: formData.get("email") };
  const parsed = parseForm(LoginSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const { email, password, redirectTo } = parsed.data;

  // The attempt counts as a failure from before the (slow) hash until it succeeds: parallel guesses all count.
  const ip = context.clientIp ?? "unknown";
  const user = findUserByEmail(email);
  const attempt = reserveAttempt(loginLimits({ ip, email, knownDevice: isKnownDevice(request, user?.id) }));
  if (!attempt.ok) return tooManyRequests("error.tooManyAttempts", attempt.retryAfterSeconds, values);
  dummyHash ??= hashPassword("kring-timing-equaliser");
  const valid = user
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await dummyHash, password), false);
  if (!user || !valid) return badRequest({ form: "error.invalidCredentials" }, values);
  releaseAttempt(attempt.ids);
  forgiveAddress({ email, ip });
  // A clear answer, with the reason and the end date, only to whoever knows the password (docs/moderation.md).
  if (isSuspended(user)) {
    const suspension = { reason: user.suspendReason, until: user.suspendedUntil?.toISOString() ?? null };
    return json({ ok: false as const, errors: {}, values, suspension }, { status: 403 });
  }
  const cookies = new Headers();
  cookies.append("Set-Cookie", await createUserSession(request, user.id));
  cookies.append("Set-Cookie", knownDeviceCookie(request, user.id));
  return redirect(safeRedirect(redirectTo, "/"), { headers: cookies });
}

export const headers: HeadersFunction = (args) => {
  const headers = new Headers(retryAfterHeaders(args));
  const targets = args.loaderHeaders.get(FORM_TARGETS_HEADER);
  if (targets) headers.set(FORM_TARGETS_HEADER, targets);
  return headers;
};

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

export default function Login() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { errors, values, retryInMinutes } = formAnswer(actionData);
  const suspension = actionData && "suspension" in actionData ? actionData.suspension : undefined;
  const { sso } = useLoaderData<typeof loader>();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  return (
    <section className="narrow">
      <h1>{t("login.title")}</h1>
      {searchParams.get("reset") ? (
        <p role="status" className="notice">
          {t("reset.done")}
        </p>
      ) : null}
      {suspension ? (
        <section className="form-error" role="alert" aria-labelledby="suspended-title">
          <h2 id="suspended-title">{t("error.accountSuspended")}</h2>
          <SuspensionDetails data={suspension} />
        </section>
      ) : null}
      {/* A full page load: the member's saved language may differ, and the browser holds one dictionary (docs/i18n.md). */}
      <Form method="post" noValidate className="stack" reloadDocument>
        <FormError error={errors.form} vars={{ minutes: retryInMinutes }} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
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
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      {sso.length ? (
        <section className="stack" aria-labelledby="sso-title">
          <h2 id="sso-title">{t("oidc.or")}</h2>
          {searchParams.get("sso") === "unavailable" ? (
            <p role="alert" className="form-error">
              {t("oidc.unavailable")}
            </p>
          ) : null}
          {sso.map((org) => (
            <Form key={org.slug} method="post" action={`/auth/oidc/${org.slug}`} reloadDocument>
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <button type="submit" className="secondary">
                {t("oidc.signInWith", { org: org.name })}
              </button>
            </Form>
          ))}
          <Form method="post" noValidate className="stack" reloadDocument>
            <input type="hidden" name="intent" value="sso" />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Field
              name="ssoEmail"
              type="email"
              label={t("oidc.lookupLabel")}
              hint={t("oidc.lookupHint")}
              autoComplete="email"
              required
              defaultValue={values.ssoEmail}
              error={errors.ssoEmail}
            />
            <button type="submit" className="secondary">
              {t("oidc.lookupSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
      <p>
        <Link to="/forgot-password">{t("forgot.link")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to="/join">{t("header.join")}</Link>
      </p>
    </section>
  );
}
