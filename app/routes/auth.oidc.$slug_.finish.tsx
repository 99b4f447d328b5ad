import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Field, FormError } from "~/components/Field";
import { forgiveAddress, loginLimits, releaseAttempt, reserveAttempt } from "~/models/login-throttle.server";
import { createOidcMember, getProviderBySlug, linkIdentity, proposeHandle } from "~/models/oidc.server";
import { findUserByEmail, isEmailTaken, isHandleTaken } from "~/models/user.server";
import { createUserSession, verifyPassword } from "~/utils/auth.server";
import { formAnswer } from "~/utils/form-answer";
import { badRequest, parseForm, retryAfterHeaders, tooManyRequests } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { isKnownDevice, knownDeviceCookie } from "~/utils/known-device.server";
import { pageTitle } from "~/utils/meta";
import { clearIdentityCookie, pendingIdentity, signedInWithCookie, type VerifiedIdentity } from "~/utils/oidc.server";
import { isSuspended } from "~/utils/permissions";
import { handleField, nameField } from "~/utils/validation";

const FinishSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("join"), name: nameField, handle: handleField }),
  z.object({
    intent: z.literal("link"),
    password: z.string().min(1, "error.required").max(200, "error.invalidCredentials"),
  }),
]);

/** The identity the provider verified a moment ago in this browser, for this organisation; else back to /login. */
function load(request: Request, slug: string | undefined) {
  const provider = getProviderBySlug(slug ?? "");
  const identity = pendingIdentity(request);
  if (!provider || !identity || identity.orgId !== provider.org.id) throw redirect("/login");
  return { provider, identity };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { provider, identity } = load(request, params.slug);
  // An email that already has an account is never signed in by the provider alone: its owner proves it first.
  const mode = isEmailTaken(identity.email) ? ("link" as const) : ("join" as const);
  return json({
    mode,
    org: provider.org.name,
    email: identity.email,
    name: identity.name,
    handle: mode === "join" ? proposeHandle(identity.name, identity.email) : "",
  });
}

async function signIn(request: Request, identity: VerifiedIdentity, userId: number, slug: string) {
  const headers = new Headers();
  headers.append("Set-Cookie", clearIdentityCookie(request));
  headers.append("Set-Cookie", await createUserSession(request, userId));
  headers.append("Set-Cookie", knownDeviceCookie(request, userId));
  headers.append("Set-Cookie", signedInWithCookie(request, slug));
  return redirect(identity.redirectTo, { headers });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { provider, identity } = load(request, params.slug);
  const formData = await request.formData();
  const values = { name: formData.get("name"), handle: formData.get("handle") };
  const parsed = parseForm(FinishSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const link = { issuer: identity.issuer, subject: identity.subject, orgId: provider.org.id };
  const existing = findUserByEmail(identity.email);
  if (parsed.data.intent === "link") {
    if (!existing) throw redirect(`/auth/oidc/${provider.org.slug}/finish`);
    // Guessing the password here is guessing it on /login: the same limits count.
    const ip = context.clientIp ?? "unknown";
    const limits = loginLimits({ ip, email: identity.email, knownDevice: isKnownDevice(request, existing.id) });
    const attempt = reserveAttempt(limits);
    if (!attempt.ok) return tooManyRequests("error.tooManyAttempts", attempt.retryAfterSeconds, values);
    if (!(await verifyPassword(existing.passwordHash, parsed.data.password)))
      return badRequest({ password: "error.invalidCredentials" }, values);
    releaseAttempt(attempt.ids);
    forgiveAddress({ email: identity.email, ip });
    if (isSuspended(existing)) return badRequest({ form: "error.accountSuspended" }, values, 403);
    linkIdentity({ identity: link, userId: existing.id, joinAsEmployee: provider.joinAsEmployee });
    return signIn(request, identity, existing.id, provider.org.slug);
  }
  if (existing) throw redirect(`/auth/oidc/${provider.org.slug}/finish`);
  const { name, handle } = parsed.data;
  if (isHandleTaken(handle)) return badRequest({ handle: "error.handleTaken" }, values);
  let user;
  try {
    user = createOidcMember({
      identity: link,
      name,
      handle,
      email: identity.email,
      joinAsEmployee: provider.joinAsEmployee,
    });
  } catch (error) {
    // A double submit, or a race for the handle: the unique indexes decide.
    if (error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_CONSTRAINT"))
      return badRequest({ handle: "error.handleTaken" }, values);
    throw error;
  }
  return signIn(request, identity, user.id, provider.org.slug);
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data?.mode === "link"
    ? pageTitle(matches, "oidc.linkTitle")
    : pageTitle(matches, "oidc.joinTitle", { name: data?.name ?? "" });

export default function FinishSignIn() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { errors, values, retryInMinutes } = formAnswer(useActionData<typeof action>());
  const busy = useNavigation().state === "submitting";
  const vars = { org: data.org, email: data.email, name: data.name };
  return (
    <section className="narrow">
      <h1>{data.mode === "link" ? t("oidc.linkTitle") : t("oidc.joinTitle", vars)}</h1>
      <p>{data.mode === "link" ? t("oidc.linkIntro", vars) : t("oidc.joinIntro", vars)}</p>
      <Form method="post" noValidate className="stack" reloadDocument>
        <FormError error={errors.form} vars={{ minutes: retryInMinutes }} />
        <input type="hidden" name="intent" value={data.mode} />
        {data.mode === "link" ? (
          <Field
            name="password"
            type="password"
            label={t("field.password")}
            autoComplete="current-password"
            required
            error={errors.password}
          />
        ) : (
          <>
            <Field
              name="name"
              label={t("field.name")}
              autoComplete="name"
              required
              defaultValue={values.name ?? data.name}
              error={errors.name}
            />
            <Field
              name="handle"
              label={t("field.handle")}
              hint={t("field.handleHint")}
              required
              defaultValue={values.handle ?? data.handle}
              error={errors.handle}
            />
          </>
        )}
        <button type="submit" disabled={busy}>
          {data.mode === "link" ? t("oidc.linkSubmit") : t("oidc.joinSubmit")}
        </button>
      </Form>
    </section>
  );
}
