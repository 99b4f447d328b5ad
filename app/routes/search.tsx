import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { MemberCard } from "~/components/MemberCard";
import { ServerHtml } from "~/components/ServerHtml";
import { Pagination, parsePage } from "~/components/Pagination";
import { hasFilters, parseSearchQuery, searchPosts } from "~/models/search.server";
import { findMembersByPrefix } from "~/models/user.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { cacheDependsOn } from "~/utils/page-cache.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  cacheDependsOn(context, "search", "members", "names");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const page = parsePage(url);
  // The filter controls and the `tag:` / `kind:` / `author:` syntax in q say the same; a control wins.
  const fields = {
    kind: url.searchParams.get("kind") ?? "",
    tag: (url.searchParams.get("tag") ?? "").trim().slice(0, 40),
    author: (url.searchParams.get("author") ?? "").trim().slice(0, 40),
  };
  const controls = parseSearchQuery(
    [
      fields.kind && `kind:${fields.kind}`,
      fields.tag && `tag:${fields.tag}`,
      fields.author && `author:${fields.author}`,
    ].join(" "),
  );
  const typed = parseSearchQuery(q);
  const query = {
    ...typed,
    ...Object.fromEntries(Object.entries(controls).filter(([key, value]) => key !== "terms" && value)),
  };
  const { results, hasMore } = searchPosts(query, { page, perPage: 20 });
  const plainText = query.terms.join(" ");
  const showPeople = page === 1 && plainText && !hasFilters(query);
  return json({
    q,
    fields: { kind: controls.kind ?? "", tag: fields.tag, author: fields.author },
    filtered: hasFilters(query),
    page,
    results,
    hasMore,
    members: showPeople ? findMembersByPrefix(plainText, 6) : [],
  });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "search.title");

export default function Search() {
  const { q, fields, filtered, page, results, hasMore, members } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{q ? t("search.results", { q }) : filtered ? t("search.filtered") : t("search.title")}</h1>
      {/* Named, unlike the header's search: two unnamed search landmarks cannot be told apart (docs/html.md). */}
      <Form method="get" role="search" className="filters" aria-label={t("search.pageLabel")}>
        <div className="field">
          <label htmlFor="search-q">{t("search.label")}</label>
          <input id="search-q" type="search" name="q" defaultValue={q} aria-describedby="search-hint" />
        </div>
        <div className="field">
          <label htmlFor="search-kind">{t("search.kindLabel")}</label>
          <select id="search-kind" name="kind" defaultValue={fields.kind}>
            <option value="">{t("search.kindAll")}</option>
            <option value="article">{t("search.kindArticle")}</option>
            <option value="question">{t("search.kindQuestion")}</option>
            <option value="idea">{t("search.kindIdea")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-tag">{t("search.tagLabel")}</label>
          <input id="search-tag" name="tag" defaultValue={fields.tag} />
        </div>
        <div className="field">
          <label htmlFor="search-author">{t("search.authorLabel")}</label>
          <input id="search-author" name="author" defaultValue={fields.author} />
        </div>
        <button type="submit">{t("search.submit")}</button>
      </Form>
      <p className="muted small" id="search-hint">
        {t("search.hint")}
      </p>
      {(q || filtered) && !results.length && !members.length ? (
        <p>{q ? t("search.noResults", { q }) : t("search.noMatches")}</p>
      ) : null}
      {members.length ? (
        <section>
          <h2>{t("nav.members")}</h2>
          <ul className="member-list grid">
            {members.map((m) => (
              <MemberCard key={m.id} member={m} />
            ))}
          </ul>
        </section>
      ) : null}
      {results.length ? (
        <section>
          <h2>{t("search.posts")}</h2>
          <ol className="post-list search-results">
            {results.map((r) => (
              <li key={r.id}>
                <p className="muted small">{t(`kind.${r.kind}`)}</p>
                <h3 lang={r.titleLang ?? undefined}>
                  <Link to={r.url}>
                    <ServerHtml as="span" html={r.titleHtml} />
                  </Link>
                </h3>
                <ServerHtml as="p" className="snippet" lang={r.lang ?? undefined} html={r.snippetHtml} />
                <p className="muted small">
                  {r.authorName} · {formatDate(r.createdAt, locale)} · {t("post.score", { score: r.score })}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <Pagination page={page} hasMore={hasMore} />
    </>
  );
}
