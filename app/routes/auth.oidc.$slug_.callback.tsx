import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { findIdentityUser, getProviderBySlug } from "~/models/oidc.server";
import { createUserSession } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { finishSignIn, identityCookies, signedInWithCookie } from "~/utils/oidc.server";
import { isSuspended } from "~/utils/permissions";

/**
 * Where the provider sends the browser back (a GET by design). A refusal writes nothing and says why; a known
 * identity signs in; a new one goes on to choose a handle, or to prove the account its email already has.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = getProviderBySlug(params.slug ?? "");
  if (!provider) throw notFound();
  const result = await finishSignIn(request, provider);
  // The state is used up, whatever the outcome.
  const headers = new Headers({ "Set-Cookie": identityCookies(request, null)[0] });
  if (!result.ok) {
    return json({ reason: result.reason, org: provider.org.name }, { status: result.status, headers });
  }
  const { identity } = result;
  const known = findIdentityUser(identity);
  if (known && isSuspended(known)) {
    return json({ reason: "error.accountSuspended" as const, org: provider.org.name }, { status: 403, headers });
  }
  if (known) {
    headers.append("Set-Cookie", await createUserSession(request, known.id));
    headers.append("Set-Cookie", signedInWithCookie(request, provider.org.slug));
    return redirect(identity.redirectTo, { headers });
  }
  headers.append("Set-Cookie", identityCookies(request, identity)[1]);
  return redirect(`/auth/oidc/${provider.org.slug}/finish`, { headers });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "oidc.refusedTitle");

export default function SignInRefused() {
  const t = useT();
  const { reason, org } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>{t("oidc.refusedTitle")}</h1>
      <p role="alert" className="form-error">
        {t(reason, { org })}
      </p>
      <p>
        <Link to="/login">{t("oidc.tryAgain")}</Link>
      </p>
    </section>
  );
}
