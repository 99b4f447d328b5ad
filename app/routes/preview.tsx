import { json, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { LIMITS } from "~/utils/post-schema";
import { notFound } from "~/utils/http.server";

/** Live preview for the editor: the same renderer and sanitiser that publishing uses. */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const body = String((await request.formData()).get("body") ?? "").slice(0, LIMITS.articleBody);
  return json({ html: renderMarkdown(body) });
}

export function loader() {
  throw notFound();
}
