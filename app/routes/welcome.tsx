import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Checklist } from "~/components/Checklist";
import { checklistOf, dismissChecklist, suggestedQuestions, suggestedTags } from "~/models/onboarding.server";
import { requireUser } from "~/utils/auth.server";
import { badRequest, parseForm } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { safeRedirect } from "~/utils/redirect";

const WelcomeSchema = z.object({ intent: z.literal("dismiss"), redirectTo: z.string().max(300).optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const checklist = checklistOf(user.id);
  if (!checklist) throw notFound();
  return json({
    checklist,
    tags: suggestedTags(user.id),
    questions: suggestedQuestions(user.id),
  });
}

/** "Hide this checklist": stored, so the home page stops showing it. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(WelcomeSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.errors);
  dismissChecklist(user.id);
  return redirect(safeRedirect(parsed.data.redirectTo, "/welcome"), 303);
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "welcome.title");

export default function Welcome() {
  const { checklist, tags, questions } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="narrow">
      <Checklist
        steps={checklist.steps}
        done={checklist.done}
        total={checklist.total}
        from={checklist.dismissed || checklist.complete ? null : "/welcome"}
        headingLevel={1}
      />
      {checklist.complete ? (
        <p className="notice" role="status">
          {t("welcome.complete")}
        </p>
      ) : checklist.dismissed ? (
        <p className="muted">{t("welcome.dismissed")}</p>
      ) : null}
      <h2 id="suggested-tags">{t("welcome.suggestedTags")}</h2>
      <p className="muted">{t(`welcome.tagsHelp.${tags.relation ?? "none"}`)}</p>
      {tags.tags.length ? (
        <ul className="plain-list following-list">
          {tags.tags.map((tag) => (
            <li key={tag.name}>
              <Link to={`/tags/${encodeURIComponent(tag.name)}`}>{tag.name}</Link>{" "}
              <span className="muted small">{t("welcome.tagQuestions", { count: tag.questions })}</span>{" "}
              <Form method="post" action={`/tags/${encodeURIComponent(tag.name)}`} className="follow-form">
                <input type="hidden" name="intent" value="follow" />
                <input type="hidden" name="value" value="1" />
                <input type="hidden" name="redirectTo" value="/welcome#suggested-tags" />
                <button type="submit" className="small-button" aria-label={t("follow.label.tag", { name: tag.name })}>
                  {t("follow.start")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("welcome.noTags")}</p>
      )}
      <h2 id="open-questions">{t("welcome.openQuestions")}</h2>
      <p className="muted">{t("welcome.openQuestionsHelp")}</p>
      {questions.length ? (
        <ul className="plain-list">
          {questions.map((q) => (
            <li key={q.id}>
              <Link to={`/questions/${q.id}`}>{q.title}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("welcome.noQuestions")}</p>
      )}
    </section>
  );
}
