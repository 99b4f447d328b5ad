import { Form, useActionData, useFetcher, useLocation } from "@remix-run/react";
import { FLAG_REASONS } from "~db/enums";
import { ServerHtml } from "~/components/ServerHtml";
import type { FormErrors } from "~/utils/forms.server";
import { PageLink } from "~/components/PageLink";
import { formatDate, useLocale, useT, type Translate } from "~/utils/i18n";

/**
 * Stored, sanitised HTML from the markdown renderer (never raw user input), in its language when known
 * (docs/content-language.md). `html` is a loader's `*Html` field: null right after a document load (ServerHtml).
 */
export function PostBody({
  html,
  lang,
  postId,
}: {
  html: string | null | undefined;
  lang?: string | null;
  /** Gives the body the id `body-<post id>`: needed inside a StaticFragment (see ServerHtml). */
  postId?: number;
}) {
  return (
    <ServerHtml
      className="prose"
      lang={lang ?? undefined}
      html={html}
      id={postId === undefined ? undefined : `body-${postId}`}
    />
  );
}

export function TagList({ tags }: { tags: string[] }) {
  if (!tags.length) return null;
  return (
    <ul className="tag-list">
      {tags.map((tag) => (
        <li key={tag}>
          <PageLink to={`/tags/${encodeURIComponent(tag)}`} className="tag">
            {tag}
          </PageLink>
        </li>
      ))}
    </ul>
  );
}

export function Byline({
  author,
  createdAt,
  updatedAt,
}: {
  author: { name: string; handle: string };
  createdAt: string;
  updatedAt?: string;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <p className="byline muted small">
      <PageLink to={`/members/${author.handle}`}>{author.name}</PageLink> ·{" "}
      <time dateTime={createdAt}>{formatDate(createdAt, locale, "datetime")}</time>
      {updatedAt && updatedAt !== createdAt ? (
        <> · {t("post.edited", { date: formatDate(updatedAt, locale) })}</>
      ) : null}
    </p>
  );
}

/**
 * Up/down buttons. A second press of the same button undoes the vote (value 0), which is always
 * allowed. Without JavaScript it is a plain form post; with it, a fetcher keeps the page in place and
 * shows the new score at once. A button the member lacks the privilege for is disabled and says why.
 * The form has no accessible name on purpose: a named form is a landmark, and a question page would list
 * one "Votes" landmark per answer (docs/html.md); the buttons say what they do.
 */
export function VoteButtons({
  postId,
  score,
  myVote,
  canUp,
  canDown,
  upLocked,
  downLocked,
}: {
  postId: number;
  score: number;
  myVote: number;
  canUp: boolean;
  canDown: boolean;
  /** Why voting up (down) is not allowed, when that is for lack of reputation. */
  upLocked?: string;
  downLocked?: string;
}) {
  const t = useT();
  const fetcher = useFetcher<{ score?: number }>();
  const pending = fetcher.formData ? Number(fetcher.formData.get("value")) : undefined;
  const current = pending ?? myVote;
  const shownScore = pending !== undefined ? score - myVote + pending : (fetcher.data?.score ?? score);
  const upLabel = current === 1 ? t("vote.undo") : t("vote.up");
  const downLabel = current === -1 ? t("vote.undo") : t("vote.down");
  return (
    <fetcher.Form method="post" className="votes">
      <input type="hidden" name="intent" value="vote" />
      <input type="hidden" name="postId" value={postId} />
      <button
        type="submit"
        name="value"
        value={current === 1 ? 0 : 1}
        aria-pressed={current === 1}
        disabled={!(canUp || current === 1)}
        title={!canUp && current !== 1 && upLocked ? upLocked : upLabel}
      >
        <span aria-hidden="true">▲</span>
        <span className="visually-hidden">{upLabel}</span>
      </button>
      <span className="score" aria-live="polite" title={t("vote.score")}>
        {shownScore}
      </span>
      <button
        type="submit"
        name="value"
        value={current === -1 ? 0 : -1}
        aria-pressed={current === -1}
        disabled={!(canDown || current === -1)}
        title={!canDown && current !== -1 && downLocked ? downLocked : downLabel}
      >
        <span aria-hidden="true">▼</span>
        <span className="visually-hidden">{downLabel}</span>
      </button>
    </fetcher.Form>
  );
}

type Missing = { privilege: "upvote" | "downvote" | "comment"; needed: number; have: number };

/** The titles of vote buttons a member lacks reputation for. */
export function lockedHints(t: Translate, missing: Missing[]) {
  const text = (privilege: Missing["privilege"]) => {
    const m = missing.find((x) => x.privilege === privilege);
    return m ? t(`privilege.${privilege}`, { needed: m.needed, have: m.have }) : undefined;
  };
  return { upLocked: text("upvote"), downLocked: text("downvote") };
}

/** "You need 125 reputation to vote down; you have 40." once per page, for a signed-in member who lacks it. */
export function PrivilegeNotice({ missing }: { missing: Missing[] }) {
  const t = useT();
  if (!missing.length) return null;
  return (
    <p className="privilege-notice muted small" id="privileges">
      {missing.map((m) => t(`privilege.${m.privilege}`, { needed: m.needed, have: m.have })).join(" ")}{" "}
      <PageLink to="/badges#reputation">{t("privilege.how")}</PageLink>
    </p>
  );
}

export type CommentView = {
  id: number;
  bodyHtml: string;
  lang?: string | null;
  createdAt: string;
  authorName: string;
  authorHandle: string;
};

/**
 * A post's comments and the form to add one. On a page with many posts (a question's answers) only
 * the post named in `?comment=` gets the form; the others offer a link to it. Rendering thirty forms
 * that nobody opens made every question page slower for every member.
 * A plain block, not a named section: that would be one "Comments" landmark per post (docs/html.md).
 */
export function Comments({
  postId,
  comments,
  canComment,
  formOpen = true,
  flags,
}: {
  postId: number;
  comments: CommentView[];
  canComment: boolean;
  formOpen?: boolean;
  flags?: FlagState;
}) {
  const t = useT();
  const locale = useLocale();
  const { pathname } = useLocation();
  // A refused comment (too short, a posting limit) comes back to its post's form, open, with the message and the text.
  const data = useActionData<{
    errors?: FormErrors;
    errorVars?: Record<string, number>;
    values?: { intent?: string; postId?: string; body?: string };
  }>();
  const refused = data?.values?.intent === "comment" && Number(data.values.postId) === postId ? data : undefined;
  const error = refused?.errors?.form ?? refused?.errors?.body;
  return (
    <div className="comments">
      {comments.length ? (
        <ul>
          {comments.map((c) => (
            <li key={c.id} id={`post-${c.id}`}>
              <PostBody html={c.bodyHtml} lang={c.lang} postId={c.id} />
              <span className="muted small">
                — <PageLink to={`/members/${c.authorHandle}`}>{c.authorName}</PageLink>,{" "}
                {formatDate(c.createdAt, locale)}
              </span>
              {flags ? <FlagControl postId={c.id} flags={flags} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canComment && (formOpen || refused) ? (
        <Form method="post" className="stack" id={`comment-${postId}`}>
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="postId" value={postId} />
          <label htmlFor={`comment-body-${postId}`} className="small">
            {t("comment.add")}
          </label>
          <textarea
            id={`comment-body-${postId}`}
            name="body"
            rows={2}
            maxLength={600}
            required
            defaultValue={refused?.values?.body}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `comment-error-${postId}` : undefined}
          />
          {error ? (
            <p className="field-error" id={`comment-error-${postId}`} role="alert">
              {t(error, refused?.errorVars)}
            </p>
          ) : null}
          <button type="submit" className="small-button">
            {t("comment.submit")}
          </button>
        </Form>
      ) : canComment ? (
        <PageLink to={`${pathname}?comment=${postId}#comment-${postId}`} className="small">
          {t("comment.add")}
        </PageLink>
      ) : null}
    </div>
  );
}

/**
 * Edit link and delete/restore, shown only to those the permissions module allows. Deleting takes two
 * steps, with or without JavaScript: the first is a link to `?delete=<id>` (a GET, so nothing happens
 * yet), which shows the real delete form with a way back. Restoring is harmless and takes one.
 */
export function PostControls({
  postId,
  canEdit,
  canDelete = canEdit,
  deleted,
}: {
  postId: number;
  canEdit: boolean;
  canDelete?: boolean;
  deleted: boolean;
}) {
  const t = useT();
  const { pathname, search } = useLocation();
  if (!canEdit && !canDelete) return null;
  const searchParams = new URLSearchParams(search);
  const confirming = !deleted && searchParams.get("delete") === String(postId);
  const without = new URLSearchParams(searchParams);
  without.delete("delete");
  const withConfirm = new URLSearchParams(without);
  withConfirm.set("delete", String(postId));
  return (
    <div className="post-controls">
      {canEdit ? (
        <>
          <PageLink to={`/posts/${postId}/edit`}>{t("post.edit")}</PageLink>
          <PageLink to={`/posts/${postId}/revisions`}>{t("post.revisions")}</PageLink>
        </>
      ) : null}
      {canDelete && deleted ? (
        <Form method="post">
          <input type="hidden" name="intent" value="restore" />
          <input type="hidden" name="postId" value={postId} />
          <button type="submit" className="link-button">
            {t("post.restore")}
          </button>
        </Form>
      ) : canDelete && confirming ? (
        <Form
          method="post"
          className="delete-confirm"
          id={`delete-${postId}`}
          aria-labelledby={`delete-${postId}-question`}
        >
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="postId" value={postId} />
          <span id={`delete-${postId}-question`}>{t("post.deleteConfirm")}</span>{" "}
          <button type="submit">{t("post.deleteYes")}</button>{" "}
          <PageLink to={`${withSearch(pathname, without)}#post-${postId}`} preventScrollReset>
            {t("post.deleteCancel")}
          </PageLink>
        </Form>
      ) : canDelete ? (
        <PageLink to={`${pathname}?${withConfirm}#delete-${postId}`} preventScrollReset>
          {t("post.delete")}
        </PageLink>
      ) : null}
    </div>
  );
}

/** A path with its search, without a bare "?" when there is none (as Remix's `<Link to="?…">` resolves). */
function withSearch(pathname: string, params: URLSearchParams) {
  const search = params.toString();
  return search ? `${pathname}?${search}` : pathname;
}

export function DeletedNotice() {
  const t = useT();
  return (
    <p className="form-error" role="status">
      {t("post.deletedNotice")}
    </p>
  );
}

/** Which posts on the page the viewer may flag, and which they already flagged (open flags). */
export type FlagState = { can: number[]; done: number[] };

/**
 * "Flag" under a post: a link to `?flag=<id>` (a GET, like the comment and delete forms, so a page of thirty
 * answers carries no thirty forms) that opens the form with the reasons; once flagged, it says so.
 */
export function FlagControl({ postId, flags }: { postId: number; flags: FlagState }) {
  const t = useT();
  const { pathname, search } = useLocation();
  const data = useActionData<FlagActionData>();
  if (flags.done.includes(postId))
    return (
      <p className="muted small" id={`flag-${postId}`}>
        {t("flag.done")}
      </p>
    );
  if (!flags.can.includes(postId)) return null;
  const refused = data?.values?.intent === "flag" && Number(data.values.postId) === postId ? data : undefined;
  const without = new URLSearchParams(search);
  without.delete("flag");
  if (!refused && new URLSearchParams(search).get("flag") !== String(postId)) {
    const open = new URLSearchParams(without);
    open.set("flag", String(postId));
    return (
      <PageLink to={`${pathname}?${open}#flag-${postId}`} className="small flag-link" preventScrollReset>
        {t("flag.link")}
      </PageLink>
    );
  }
  return <FlagForm postId={postId} refused={refused} back={`${withSearch(pathname, without)}#post-${postId}`} />;
}

type FlagActionData = {
  errors?: FormErrors;
  values?: { intent?: string; postId?: string; reason?: string; note?: string };
};

function FlagForm({ postId, refused, back }: { postId: number; refused?: FlagActionData; back: string }) {
  const t = useT();
  const noteError = refused?.errors?.note;
  const reasonError = refused?.errors?.reason;
  return (
    <Form method="post" className="stack flag-form" id={`flag-${postId}`} aria-labelledby={`flag-${postId}-legend`}>
      <input type="hidden" name="intent" value="flag" />
      <input type="hidden" name="postId" value={postId} />
      <fieldset aria-describedby={reasonError ? `flag-${postId}-reason-error` : undefined}>
        <legend id={`flag-${postId}-legend`}>{t("flag.legend")}</legend>
        {FLAG_REASONS.map((reason) => (
          <label key={reason} className="radio">
            <input
              type="radio"
              name="reason"
              value={reason}
              required
              defaultChecked={refused?.values?.reason === reason}
            />{" "}
            {t(`flag.reason.${reason}`)}
          </label>
        ))}
        {reasonError ? (
          <p className="field-error" id={`flag-${postId}-reason-error`} role="alert">
            {t(reasonError)}
          </p>
        ) : null}
      </fieldset>
      <label htmlFor={`flag-note-${postId}`} className="small">
        {t("flag.note")}
      </label>
      <textarea
        id={`flag-note-${postId}`}
        name="note"
        rows={2}
        maxLength={500}
        defaultValue={refused?.values?.note}
        aria-invalid={noteError ? true : undefined}
        aria-describedby={noteError ? `flag-note-${postId}-error` : undefined}
      />
      {noteError ? (
        <p className="field-error" id={`flag-note-${postId}-error`} role="alert">
          {t(noteError)}
        </p>
      ) : null}
      <p>
        <button type="submit" className="small-button">
          {t("flag.submit")}
        </button>{" "}
        <PageLink to={back} preventScrollReset className="small">
          {t("post.deleteCancel")}
        </PageLink>
      </p>
    </Form>
  );
}
