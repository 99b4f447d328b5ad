import { Form, Link, useFetcher } from "@remix-run/react";
import { formatDate, useLocale, useT } from "~/utils/i18n";

/** Stored, sanitised HTML from the markdown renderer (never raw user input). */
export function PostBody({ html }: { html: string }) {
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function TagList({ tags }: { tags: string[] }) {
  if (!tags.length) return null;
  return (
    <ul className="tag-list">
      {tags.map((tag) => (
        <li key={tag}>
          <Link to={`/tags/${encodeURIComponent(tag)}`} className="tag">
            {tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function Byline({ author, createdAt, updatedAt }: { author: { name: string; handle: string }; createdAt: string; updatedAt?: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p className="byline muted small">
      <Link to={`/members/${author.handle}`}>{author.name}</Link> · <time dateTime={createdAt}>{formatDate(createdAt, locale, "datetime")}</time>
      {updatedAt && updatedAt !== createdAt ? <> · {t("post.edited", { date: formatDate(updatedAt, locale) })}</> : null}
    </p>
  );
}

/**
 * Up/down buttons. A second press of the same button undoes the vote (value 0). Without JavaScript
 * it is a plain form post; with it, a fetcher keeps the page in place and shows the new score at once.
 */
export function VoteButtons({ postId, score, myVote, canVote }: { postId: number; score: number; myVote: number; canVote: boolean }) {
  const t = useT();
  const fetcher = useFetcher<{ score?: number }>();
  const pending = fetcher.formData ? Number(fetcher.formData.get("value")) : undefined;
  const current = pending ?? myVote;
  const shownScore = pending !== undefined ? score - myVote + pending : (fetcher.data?.score ?? score);
  return (
    <fetcher.Form method="post" className="votes" aria-label={t("vote.label")}>
      <input type="hidden" name="intent" value="vote" />
      <input type="hidden" name="postId" value={postId} />
      <button
        type="submit"
        name="value"
        value={current === 1 ? 0 : 1}
        aria-pressed={current === 1}
        disabled={!canVote}
        title={current === 1 ? t("vote.undo") : t("vote.up")}
      >
        <span aria-hidden="true">▲</span>
        <span className="visually-hidden">{current === 1 ? t("vote.undo") : t("vote.up")}</span>
      </button>
      <span className="score" aria-live="polite" title={t("vote.score")}>
        {shownScore}
      </span>
      <button
        type="submit"
        name="value"
        value={current === -1 ? 0 : -1}
        aria-pressed={current === -1}
        disabled={!canVote}
        title={current === -1 ? t("vote.undo") : t("vote.down")}
      >
        <span aria-hidden="true">▼</span>
        <span className="visually-hidden">{current === -1 ? t("vote.undo") : t("vote.down")}</span>
      </button>
    </fetcher.Form>
  );
}

export type CommentView = { id: number; bodyHtml: string; createdAt: string; authorName: string; authorHandle: string };

/**
 * A post's comments and the form to add one. On a page with many posts (a question's answers) only
 * the post named in `?comment=` gets the form; the others offer a link to it. Rendering thirty forms
 * that nobody opens made every question page slower for every member.
 */
export function Comments({ postId, comments, canComment, formOpen = true }: { postId: number; comments: CommentView[]; canComment: boolean; formOpen?: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="comments" aria-label={t("comment.list")}>
      {comments.length ? (
        <ul>
          {comments.map((c) => (
            <li key={c.id} id={`post-${c.id}`}>
              <PostBody html={c.bodyHtml} />
              <span className="muted small">
                — <Link to={`/members/${c.authorHandle}`}>{c.authorName}</Link>, {formatDate(c.createdAt, locale)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canComment && formOpen ? (
        <Form method="post" className="stack" id={`comment-${postId}`}>
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="postId" value={postId} />
          <label htmlFor={`comment-body-${postId}`} className="small">
            {t("comment.add")}
          </label>
          <textarea id={`comment-body-${postId}`} name="body" rows={2} maxLength={600} required />
          <button type="submit" className="small-button">
            {t("comment.submit")}
          </button>
        </Form>
      ) : canComment ? (
        <Link to={`?comment=${postId}#comment-${postId}`} className="small">
          {t("comment.add")}
        </Link>
      ) : null}
    </section>
  );
}

/** Edit link and delete/restore button, shown only to those the permissions module allows. */
export function PostControls({ postId, canEdit, deleted }: { postId: number; canEdit: boolean; deleted: boolean }) {
  const t = useT();
  if (!canEdit) return null;
  return (
    <div className="post-controls">
      <Link to={`/posts/${postId}/edit`}>{t("post.edit")}</Link>
      <Link to={`/posts/${postId}/revisions`}>{t("post.revisions")}</Link>
      <Form method="post">
        <input type="hidden" name="intent" value={deleted ? "restore" : "delete"} />
        <input type="hidden" name="postId" value={postId} />
        <button type="submit" className="link-button">
          {deleted ? t("post.restore") : t("post.delete")}
        </button>
      </Form>
    </div>
  );
}

export function DeletedNotice() {
  const t = useT();
  return (
    <p className="form-error" role="status">
      {t("post.deletedNotice")}
    </p>
  );
}
