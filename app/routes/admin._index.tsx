import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { PostBody } from "~/components/Post";
import { DECISIONS, decide, reviewQueue } from "~/models/moderation.server";
import { getPost } from "~/models/post-queries.server";
import { findUserById } from "~/models/user.server";
import { restrictionEnd } from "~/models/suspension.server";
import { RESTRICTION_DAYS } from "~/utils/restriction";
import { requirePermission } from "~/utils/auth.server";
import { badRequest, parseForm } from "~/utils/forms.server";
import { forbidden, notFound } from "~/utils/http.server";
import { formatDate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { flagNoteText } from "~/utils/spam-note";
import { canModerate, canSuspend } from "~/utils/permissions";
import contentStyles from "~/styles/content.css";

const DecisionSchema = z
  .object({
    postId: z.coerce.number().int().positive(),
    decision: z.enum(DECISIONS, { errorMap: () => ({ message: "error.invalid" }) }),
    reason: z.string().trim().max(500, "error.tooLong").default(""),
    days: z.enum(RESTRICTION_DAYS).default("7"),
    purge: z.literal("1").optional(),
  })
  .refine((d) => d.decision !== "suspend" || d.reason.length > 0, { message: "error.required", path: ["reason"] });

export const links = () => [{ rel: "stylesheet", href: contentStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.title");

/** /admin: the review queue (docs/moderation.md). Leads and admins; others get 403. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, canModerate);
  const { items, total } = reviewQueue();
  return json({
    total,
    items: items.map((item) => ({ ...item, canSuspend: canSuspend(user, item.author) })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, canModerate);
  const formData = await request.formData();
  const parsed = parseForm(DecisionSchema, formData);
  const values = { postId: formData.get("postId"), decision: formData.get("decision") };
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const { postId, decision, reason, days, purge } = parsed.data;
  const post = getPost(postId);
  if (!post) throw notFound();
  if (decision === "suspend" && !canSuspend(user, findUserById(post.authorId)!)) throw forbidden();
  decide({ postId, moderatorId: user.id, decision, reason, suspendUntil: restrictionEnd(days), purgeRecent: !!purge });
  return redirect("/admin?decided=1", 303);
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

export default function ReviewQueue() {
  const { items, total } = useLoaderData<typeof loader>();
  const t = useT();
  const [searchParams] = useSearchParams();
  return (
    <section className="review-queue">
      <h1>{t("admin.title")}</h1>
      <p className="muted">
        {t("admin.intro")} <Link to="/admin/audit">{t("admin.auditLink")}</Link>
      </p>
      {searchParams.get("decided") ? (
        <p className="notice" role="status">
          {t("admin.done")}
        </p>
      ) : null}
      {items.length ? <p>{t("admin.count", { count: total })}</p> : <p>{t("admin.empty")}</p>}
      <ol className="queue">
        {items.map((item) => (
          <QueueItem key={item.post.id} item={item} />
        ))}
      </ol>
    </section>
  );
}

function QueueItem({ item }: { item: Item }) {
  const t = useT();
  const locale = useLocale();
  const { post, author, flags } = item;
  const headingId = `queue-${post.id}`;
  return (
    <li className="queue-item card" id={`queue-post-${post.id}`}>
      <h2 id={headingId}>
        {t(`admin.kind.${post.kind}`)}: <Link to={post.url}>{post.title}</Link>{" "}
        <span className="muted small">({t(`admin.status.${post.status}`)})</span>
      </h2>
      <PostBody html={post.bodyHtml} />
      <h3>{t("admin.flags")}</h3>
      <ul>
        {flags.map((flag) => (
          <li key={flag.id}>
            <strong>{t(`flag.reason.${flag.reason}`)}</strong>
            {flag.note ? <> — {flagNoteText(t, flag)}</> : null} ·{" "}
            {flag.flaggerHandle ? (
              <Link to={`/members/${flag.flaggerHandle}`}>{flag.flaggerName}</Link>
            ) : (
              t("admin.spamRules")
            )}{" "}
            · <time dateTime={flag.createdAt}>{formatDate(flag.createdAt, locale, "datetime")}</time>
          </li>
        ))}
      </ul>
      <h3>{t("admin.author")}</h3>
      <p>
        <Link to={`/members/${author.handle}`}>{author.name}</Link>{" "}
        <span className="muted small">
          {t("admin.authorFacts", {
            joined: formatDate(author.createdAt, locale),
            reputation: author.reputation,
            posts: author.postCount,
            upheld: author.earlierFlags.upheld,
            dismissed: author.earlierFlags.dismissed,
          })}
        </span>
      </p>
      {author.recent.length ? (
        <details>
          <summary>{t("admin.recent")}</summary>
          <ul className="small">
            {author.recent.map((p) => (
              <li key={p.id}>
                {t(`admin.kind.${p.kind}`)} · {p.title || `#${p.id}`} · {t(`admin.status.${p.status}`)} ·{" "}
                {formatDate(p.createdAt, locale)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <Decisions item={item} labelledBy={headingId} />
    </li>
  );
}

/** One form, one click: the reason is optional, each button is a decision. Ids carry the post id: many items, one page. */
function Decisions({ item, labelledBy }: { item: Item; labelledBy: string }) {
  const t = useT();
  const data = useActionData<typeof action>();
  const { post } = item;
  const refused = data && Number(data.values?.postId) === post.id ? data.errors : undefined;
  const buttons: { decision: string; label: MessageKey }[] =
    post.status === "published"
      ? [
          { decision: "dismiss", label: "admin.decide.dismiss" },
          { decision: "hide", label: "admin.decide.hide" },
          { decision: "delete", label: "admin.decide.delete" },
        ]
      : [
          { decision: "restore", label: post.status === "held" ? "admin.decide.approve" : "admin.decide.restore" },
          { decision: "delete", label: "admin.decide.delete" },
        ];
  const suspendError = data?.values?.decision === "suspend" ? refused?.reason : undefined;
  return (
    <div className="decisions">
      <Form method="post" className="stack" aria-labelledby={labelledBy}>
        <input type="hidden" name="postId" value={post.id} />
        <div className="field">
          <label htmlFor={`decision-reason-${post.id}`}>{t("admin.decisionReason")}</label>
          <input id={`decision-reason-${post.id}`} name="reason" maxLength={500} />
        </div>
        <p className="button-row">
          {buttons.map((b) => (
            <button key={b.decision} type="submit" name="decision" value={b.decision} className="small-button">
              {t(b.label)}
            </button>
          ))}
        </p>
      </Form>
      {item.canSuspend ? (
        <Form method="post" className="stack suspend-author">
          <h3 id={`suspend-${post.id}-title`}>{t("admin.suspendAuthor")}</h3>
          <input type="hidden" name="postId" value={post.id} />
          <input type="hidden" name="decision" value="suspend" />
          <div className="field">
            <label htmlFor={`suspend-reason-${post.id}`}>{t("admin.suspendReason")}</label>
            <input
              id={`suspend-reason-${post.id}`}
              name="reason"
              required
              maxLength={500}
              aria-invalid={suspendError ? true : undefined}
              aria-describedby={suspendError ? `suspend-reason-${post.id}-error` : undefined}
            />
            {suspendError ? (
              <p className="field-error" id={`suspend-reason-${post.id}-error`} role="alert">
                {t(suspendError)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`suspend-days-${post.id}`}>{t("moderation.duration")}</label>
            <select id={`suspend-days-${post.id}`} name="days" defaultValue="7">
              {RESTRICTION_DAYS.map((d) => (
                <option key={d} value={d}>
                  {d === "indefinite" ? t("moderation.indefinite") : t("moderation.days", { count: Number(d) })}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox">
            <input type="checkbox" name="purge" value="1" /> {t("admin.purgeRecent")}
          </label>
          <button type="submit" className="small-button">
            {t("admin.suspendAuthor")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
