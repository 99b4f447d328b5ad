import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pagination, parsePage } from "~/components/Pagination";
import { QuestionList } from "~/components/PostList";
import { listQuestions } from "~/models/post-queries.server";
import { QUESTION_STATES, type QuestionState } from "~/utils/questions";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";

const PER_PAGE = 30;

export async function loader({ request, context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "list:question", "names");
  const url = new URL(request.url);
  const tag = url.searchParams.get("tag")?.trim().toLowerCase().slice(0, 30) || undefined;
  const stateParam = url.searchParams.get("state") ?? "";
  const state = (QUESTION_STATES as readonly string[]).includes(stateParam) ? (stateParam as QuestionState) : undefined;
  const page = parsePage(url);
  return json({ ...listQuestions({ tag, state, page, perPage: PER_PAGE }), page, tag, state });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "questions.title");

export default function Questions() {
  const { items, hasMore, page, tag, state } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="title-row">
        <h1>{tag ? t("questions.titleTag", { tag }) : t("questions.title")}</h1>
        <Link to="/questions/ask" className="button">
          {t("questions.ask")}
        </Link>
      </div>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="questions-state">{t("questions.state")}</label>
          <select id="questions-state" name="state" defaultValue={state ?? ""}>
            <option value="">{t("questions.stateAll")}</option>
            {QUESTION_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`questions.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="questions-tag">{t("field.tag")}</label>
          <input id="questions-tag" name="tag" defaultValue={tag ?? ""} />
        </div>
        <button type="submit">{t("members.filter")}</button>
      </Form>
      {/* The list's titles are h3, as on the home and tag pages: a heading of their own keeps h1 → h2 → h3 (docs/html.md). */}
      <h2 className="visually-hidden">{t("questions.listHeading")}</h2>
      {items.length ? <QuestionList items={items} /> : <p>{t("questions.none")}</p>}
      <Pagination page={page} hasMore={hasMore} />
    </>
  );
}
