import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getPost, listRevisions, postUrl, postWithAncestors } from "~/models/post-queries.server";
import { rollbackPost } from "~/models/post.server";
import contentStyles from "~/styles/content.css";
import { getUser, requireUser } from "~/utils/auth.server";
import { wordDiff, type DiffPart } from "~/utils/diff.server";
import { badRequest, parseForm } from "~/utils/forms.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canEditPost, canSeePost } from "~/utils/permissions";
import { forbidden, notFound, parseId } from "~/utils/http.server";

const RollbackSchema = z.object({ intent: z.literal("rollback"), revisionId: z.coerce.number().int().positive() });

async function loadPost(request: Request, idParam: string | undefined) {
  const post = getPost(parseId(idParam));
  const user = await getUser(request);
  // A deleted or hidden post hides its history, and so does one above it.
  const hidden = (p: NonNullable<typeof post>) => !canSeePost(user, p);
  if (!post || postWithAncestors(post).some(hidden)) throw notFound();
  return { post, user };
}

const REVISIONS_SHOWN = 50;

/**
 * The edit history of a post, newest first: who, when, and each version as a word diff against the
 * one before it (the first version in full). Who may edit the post may roll back to an older version.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { post, user } = await loadPost(request, params.id);
  // The newest 50 versions, and the one before them to diff the oldest shown against.
  const revisions = listRevisions(post.id, REVISIONS_SHOWN + 1);
  const fields = (r: (typeof revisions)[number]) => ({
    title: r.title,
    summary: r.summary,
    tags: r.tags.split(",").join(", "),
    body: r.body,
  });
  return json({
    postUrl: postUrl(post),
    kind: post.kind,
    canRollback: canEditPost(user, post),
    revisions: revisions.slice(0, REVISIONS_SHOWN).map((r, i) => {
      const after = fields(r);
      const before = revisions[i + 1] ? fields(revisions[i + 1]) : { title: "", summary: "", tags: "", body: "" };
      const first = !revisions[i + 1];
      // The first version has nothing to compare with: shown as it was, not as one big insertion.
      const diff = (key: keyof typeof after): DiffPart[] =>
        first ? (after[key] ? [{ text: after[key] }] : []) : wordDiff(before[key], after[key]);
      return {
        id: r.id,
        current: i === 0,
        createdAt: r.createdAt,
        editorName: r.editorName,
        title: diff("title"),
        summary: diff("summary"),
        tags: diff("tags"),
        body: diff("body"),
      };
    }),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { post } = await loadPost(request, params.id);
  if (!canEditPost(user, post)) throw forbidden();
  const parsed = parseForm(RollbackSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.errors);
  const rolledBack = rollbackPost({ postId: post.id, revisionId: parsed.data.revisionId, editorId: user.id });
  if (!rolledBack) throw notFound();
  return redirect(postUrl(post), 303);
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contentStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "post.revisions");

/** Added and removed runs say so in words (for screen readers), and are underlined or struck through. */
function Diff({ parts, block }: { parts: DiffPart[]; block?: boolean }) {
  const t = useT();
  const Tag = block ? "div" : "span";
  return (
    <Tag className={block ? "diff" : undefined}>
      {parts.map((part, i) =>
        part.change === "added" ? (
          <ins key={i}>
            <span className="visually-hidden">{`[${t("revision.added")}: `}</span>
            {part.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : part.change === "removed" ? (
          <del key={i}>
            <span className="visually-hidden">{`[${t("revision.removed")}: `}</span>
            {part.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </Tag>
  );
}

export default function Revisions() {
  const { postUrl, revisions, canRollback } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("post.revisions")}</h1>
      <p>
        <Link to={postUrl}>← {t("post.backToPost")}</Link>
      </p>
      <p className="muted small">{t("revision.legend")}</p>
      <ol className="revisions">
        {revisions.map((r, i) => (
          <li key={r.id} id={`revision-${r.id}`}>
            <h2 className="small">
              {t("post.revisionBy", {
                number: revisions.length - i,
                name: r.editorName,
                date: formatDate(r.createdAt, locale, "datetime"),
              })}
              {r.current ? <> · {t("revision.current")}</> : null}
            </h2>
            {r.title.length ? (
              <p>
                <strong>
                  <Diff parts={r.title} />
                </strong>
              </p>
            ) : null}
            {r.summary.length ? (
              <p>
                <Diff parts={r.summary} />
              </p>
            ) : null}
            {r.tags.length ? (
              <p className="muted small">
                {`${t("revision.tags")}: `}
                <Diff parts={r.tags} />
              </p>
            ) : null}
            <Diff parts={r.body} block />
            {canRollback && !r.current ? (
              <Form method="post">
                <input type="hidden" name="intent" value="rollback" />
                <input type="hidden" name="revisionId" value={r.id} />
                <button type="submit" className="secondary small-button">
                  {t("revision.rollback", { number: revisions.length - i })}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
