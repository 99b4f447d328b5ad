import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Checklist } from "~/components/Checklist";
import { PeopleToMeet } from "~/components/PeopleToMeet";
import { MemberCard } from "~/components/MemberCard";
import { ArticleList, QuestionList } from "~/components/PostList";
import { listArticles, listQuestions } from "~/models/post-queries.server";
import { homeChecklist } from "~/models/onboarding.server";
import { listMatches, sayHello } from "~/models/introduction.server";
import { listOrganisations } from "~/models/organisation.server";
import { countMembers, isReturningMember, listMembers } from "~/models/user.server";
import { useOptionalUser } from "~/root";
import { getUser, requireUser } from "~/utils/auth.server";
import { badRequest, parseForm } from "~/utils/forms.server";
import { HelloSchema } from "~/utils/introductions";
import { canSayHello } from "~/utils/permissions";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";

export async function loader({ context, request }: LoaderFunctionArgs) {
  cacheDependsOn(context, "list:article", "list:question", "members", "orgs", "names");
  const organisations = listOrganisations();
  const user = await getUser(request);
  return json({
    returning: user ? isReturningMember(user.id) : false,
    checklist: user ? homeChecklist(user.id) : null,
    // Read from the daily job's table (docs/people-to-meet.md), never computed on page view.
    suggestions: user ? listMatches(user.id) : [],
    memberCount: countMembers(),
    newest: listMembers({ sort: "newest", page: 1, perPage: 5 }).members,
    articles: listArticles({ page: 1, perPage: 5 }).items,
    questions: listQuestions({ state: "unanswered", page: 1, perPage: 8 }).items,
    organisations: organisations.slice(0, 8),
    orgCount: organisations.length,
  });
}

/** "Say hello" to a suggested member (`intent=hello`, `userId`): 403 for anyone else, 400 when said within 30 days. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canSayHello(user)) throw new Response("Forbidden", { status: 403 });
  const parsed = parseForm(HelloSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.errors);
  const result = sayHello({ from: user, toId: parsed.data.userId });
  if (!result.ok && result.error === "forbidden") throw new Response("Forbidden", { status: 403 });
  if (!result.ok)
    return badRequest(
      { form: result.error === "tooMany" ? "meet.tooMany" : "meet.tooSoon" },
      { userId: parsed.data.userId },
    );
  return redirect("/#people-to-meet");
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, null);

export default function Home() {
  const { memberCount, newest, organisations, orgCount, articles, questions, returning, checklist, suggestions } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const user = useOptionalUser();
  return (
    <>
      <section className="hero">
        <h1>{user ? t(returning ? "home.welcomeBack" : "home.welcomeNew", { name: user.name }) : t("home.title")}</h1>
        <p className="lead">{t("home.intro")}</p>
        <p className="muted">{t("home.stats", { members: memberCount, orgs: orgCount })}</p>
        {user ? null : (
          <p>
            <Link to="/join" className="button">
              {t("home.joinCta")}
            </Link>
          </p>
        )}
      </section>
      {checklist ? <Checklist steps={checklist.steps} done={checklist.done} total={checklist.total} from="/" /> : null}
      <PeopleToMeet
        title={t("meet.title")}
        suggestions={suggestions}
        hello
        error={actionData?.errors.form}
        errorFor={Number(actionData?.values?.userId) || undefined}
      />
      <div className="columns">
        <div>
          <section aria-labelledby="latest-articles">
            <h2 id="latest-articles">{t("home.latestArticles")}</h2>
            <ArticleList items={articles} />
            <p>
              <Link to="/articles">{t("home.allArticles")} →</Link>
            </p>
          </section>
          <section aria-labelledby="open-questions">
            <h2 id="open-questions">{t("home.openQuestions")}</h2>
            <QuestionList items={questions} />
            <p>
              <Link to="/questions?state=unanswered">{t("home.allQuestions")} →</Link>
            </p>
          </section>
        </div>
        <aside>
          <section aria-labelledby="new-members">
            <h2 id="new-members">{t("home.newMembers")}</h2>
            <ul className="member-list">
              {newest.map((m) => (
                <MemberCard key={m.id} member={m} />
              ))}
            </ul>
            <p>
              <Link to="/members">{t("home.allMembers")} →</Link>
            </p>
          </section>
          <section aria-labelledby="orgs">
            <h2 id="orgs">{t("home.organisations")}</h2>
            <ul className="plain-list">
              {organisations.map((o) => (
                <li key={o.id}>
                  <Link to={`/orgs/${o.slug}`}>{o.name}</Link>{" "}
                  <span className="muted small">
                    {t(`orgKind.${o.kind}`)} · {t("orgs.peopleCount", { count: o.memberCount })}
                  </span>
                </li>
              ))}
            </ul>
            <p>
              <Link to="/orgs">{t("home.allOrgs")} →</Link>
            </p>
          </section>
        </aside>
      </div>
    </>
  );
}
