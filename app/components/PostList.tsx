import { Link } from "@remix-run/react";
import type { PostListItem } from "~/models/post-queries.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { TagList } from "./Post";

type Item = Omit<PostListItem, "createdAt" | "lastActivityAt"> & { createdAt: string; lastActivityAt: string };

export function ArticleList({ items }: { items: Item[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="post-list">
      {items.map((a) => (
        <li key={a.id}>
          <h3 lang={a.lang ?? undefined}>
            <Link to={`/articles/${a.slug}`}>{a.title}</Link>
          </h3>
          {a.summary ? <p lang={a.lang ?? undefined}>{a.summary}</p> : null}
          <p className="muted small">
            <Link to={`/members/${a.authorHandle}`}>{a.authorName}</Link> · {formatDate(a.createdAt, locale)} ·{" "}
            {t("post.score", { score: a.score })} · {t("post.comments", { count: a.commentCount })}
          </p>
          <TagList tags={a.tags} />
        </li>
      ))}
    </ul>
  );
}

export function QuestionList({ items }: { items: Item[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="post-list">
      {items.map((q) => (
        <li key={q.id} className="question-row">
          <div className={`answer-count${q.acceptedAnswerId ? " accepted" : q.answerCount ? " answered" : ""}`}>
            <strong>{q.answerCount}</strong>
            <span>{t("question.answersShort", { count: q.answerCount })}</span>
          </div>
          <div>
            <h3 lang={q.lang ?? undefined}>
              <Link to={`/questions/${q.id}`}>{q.title}</Link>
            </h3>
            <p className="muted small">
              <Link to={`/members/${q.authorHandle}`}>{q.authorName}</Link> ·{" "}
              {t("question.activity", { date: formatDate(q.lastActivityAt, locale) })} ·{" "}
              {t("post.score", { score: q.score })}
              {q.acceptedAnswerId ? <> · {t("question.hasAccepted")}</> : null}
            </p>
            <TagList tags={q.tags} />
          </div>
        </li>
      ))}
    </ul>
  );
}
