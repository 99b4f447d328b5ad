import { Link } from "@remix-run/react";
import type { IdeaListItem } from "~/models/idea.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { TagList } from "./Post";

type Item = Omit<IdeaListItem, "createdAt"> & { createdAt: string };

/** Ideas with their support, status and organisation (/ideas, the roadmap's columns). */
export function IdeaList({ items, showOrg = true }: { items: Item[]; showOrg?: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="post-list">
      {items.map((idea) => (
        <li key={idea.id} className="question-row">
          <div className="answer-count">
            <strong>{idea.votes}</strong>
            <span>{t("ideas.votesShort", { count: idea.votes })}</span>
          </div>
          <div>
            <h3 lang={idea.lang ?? undefined}>
              <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
            </h3>
            <p className="muted small">
              <span className={`idea-status idea-status-${idea.status}`}>{t(`ideas.status.${idea.status}`)}</span>
              {showOrg ? (
                <>
                  {" · "}
                  <Link to={`/orgs/${idea.orgSlug}/roadmap`}>{t("ideas.for", { org: idea.orgName })}</Link>
                </>
              ) : null}
              {" · "}
              <Link to={`/members/${idea.authorHandle}`}>{idea.authorName}</Link> · {formatDate(idea.createdAt, locale)}
            </p>
            <TagList tags={idea.tags} />
          </div>
        </li>
      ))}
    </ul>
  );
}
