import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getProviderBySlug } from "~/models/oidc.server";
import { getUser, logout } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { endSessionUrl, signedInWith, signedInWithCookie } from "~/utils/oidc.server";

/**
 * POST only ends a session: a GET (a link, a prefetch, an <img>) must never. After signing out of a session
 * that began at a company's provider, the GET page offers the provider's end-session page, when it has one.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const slug = new URL(request.url).searchParams.get("from");
  const provider = slug && !(await getUser(request)) ? getProviderBySlug(slug) : null;
  const url = provider ? await endSessionUrl(provider) : null;
  if (!provider || !url) throw redirect("/");
  return json({ org: provider.org.name, url });
}

export async function action({ request }: ActionFunctionArgs) {
  const headers = new Headers({ "Set-Cookie": await logout(request) });
  const slug = signedInWith(request);
  if (!slug) return redirect("/", { headers });
  headers.append("Set-Cookie", signedInWithCookie(request, ""));
  return redirect(`/logout?${new URLSearchParams({ from: slug })}`, { headers });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "logout.title");

export default function SignedOut() {
  const t = useT();
  const { org, url } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>{t("logout.title")}</h1>
      <p role="status">{t("oidc.signedOut")}</p>
      <p>
        <a href={url}>{t("oidc.endSession", { org })}</a>
      </p>
      <p>
        <Link to="/">{t("nav.home")}</Link>
      </p>
    </section>
  );
}
