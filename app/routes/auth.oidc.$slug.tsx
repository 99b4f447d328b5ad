import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getProviderBySlug } from "~/models/oidc.server";
import { notFound } from "~/utils/http.server";
import { startSignIn } from "~/utils/oidc.server";

/** POST only (a form on /login): a GET (a link, a prefetch) must not start a sign-in. */
export async function loader() {
  return redirect("/login");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const provider = getProviderBySlug(params.slug ?? "");
  if (!provider) throw notFound();
  const formData = await request.formData();
  const redirectTo = String(formData.get("redirectTo") ?? "") || undefined;
  try {
    const { location, cookie } = await startSignIn(request, provider, redirectTo);
    return redirect(location, { headers: { "Set-Cookie": cookie } });
  } catch {
    return redirect("/login?sso=unavailable");
  }
}
