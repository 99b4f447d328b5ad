import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { similarQuestions } from "~/models/search.server";

/**
 * Similar questions for the ask page while the title is typed (docs/similar-questions.md): JSON,
 * `?q=` the draft title. Public, as /search is: it shows only published questions, and a session
 * that ends mid-draft must not turn the editor's background fetch into a redirect to /login.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 300);
  return json({ questions: similarQuestions(q) }, { headers: { "Cache-Control": "no-store" } });
}
