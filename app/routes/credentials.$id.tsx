import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { takeBackBadge } from "~/models/badge.server";
import {
  achievementText,
  addToLinkedInUrl,
  credentialUrl,
  ISSUER_NAME,
  findCredential,
  verifyCredentialJwt,
} from "~/models/credential.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { issuerDid } from "~/utils/credential-key.server";
import { siteOrigin } from "~/utils/feed.server";
import { badRequest, parseForm } from "~/utils/forms.server";
import { forbidden, notFound } from "~/utils/http.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { canTakeBackBadge } from "~/utils/permissions";

const TakeBackSchema = z.object({
  intent: z.literal("take-back"),
  reason: z.string().trim().min(1, "error.required").max(300, "error.tooLong"),
});

/** /credentials/:id — an Open Badges 3.0 credential's page (docs/credentials.md); never cached, it says whether it verifies now. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  // The raw credential also answers at /credentials/:id.jwt (a path segment cannot be both page and file).
  if (id.endsWith(".jwt")) throw redirect(`/credentials/${id.slice(0, -4)}/jwt`, 301);
  const credential = findCredential(id);
  if (!credential) throw notFound();
  const viewer = await getUser(request);
  const origin = siteOrigin(request);
  const { name, criteria } = achievementText(credential.badge, credential.tag);
  const verified = !!(await verifyCredentialJwt(credential.jwt, credential.id));
  const url = credentialUrl(origin, credential.id);
  return json({
    credential: {
      id: credential.id,
      name,
      criteria,
      anchor: credential.tag ? `${credential.badge}-${credential.tag}` : credential.badge,
      awardedAt: credential.awardedAt,
      issuedAt: credential.issuedAt,
      revokedAt: credential.revokedAt,
      revokedReason: credential.revokedReason,
      recipient: { name: credential.name, handle: credential.handle },
    },
    verified,
    issuer: { name: ISSUER_NAME, did: issuerDid(origin), url: `${origin}/` },
    url,
    linkedIn: viewer?.id === credential.userId && !credential.revokedAt ? addToLinkedInUrl(credential, origin) : null,
    canTakeBack: canTakeBackBadge(viewer) && !credential.revokedAt,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const credential = findCredential(params.id ?? "");
  if (!credential) throw notFound();
  if (!canTakeBackBadge(actor)) throw forbidden();
  const parsed = parseForm(TakeBackSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.errors, { intent: "take-back" });
  takeBackBadge({ userBadgeId: credential.userBadgeId, actorId: actor.id, reason: parsed.data.reason });
  return redirect(`/credentials/${credential.id}`);
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...pageTitle(matches, data ? null : "errorPage.notFound.title", undefined, data?.credential.name),
  { name: "robots", content: "noindex" },
];

export default function CredentialPage() {
  const { credential, verified, issuer, url, linkedIn, canTakeBack } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <article className="credential stack">
      <h1>{t("credentials.title", { name: credential.name })}</h1>
      <p className="muted">{t("credentials.intro")}</p>
      {credential.revokedAt ? (
        <p className="form-error" role="status">
          <strong>{t("credentials.revoked", { date: formatDate(credential.revokedAt, locale) })}</strong>{" "}
          {credential.revokedReason ? t(`credentials.revoked.${credential.revokedReason}`) : null}
        </p>
      ) : verified ? (
        <p className="notice" role="status">
          ✔ {t("credentials.verified")}
        </p>
      ) : (
        <p className="form-error" role="status">
          {t("credentials.notVerified")}
        </p>
      )}
      <dl className="facts">
        <dt>{t("credentials.achievement")}</dt>
        <dd>
          <Link to={`/badges#${credential.anchor}`} lang="en">
            {credential.name}
          </Link>
        </dd>
        <dt>{t("credentials.criteria")}</dt>
        <dd lang="en">{credential.criteria}</dd>
        <dt>{t("credentials.issuer")}</dt>
        <dd>
          <a href={issuer.url}>{issuer.name}</a> <code className="small">{issuer.did}</code>
        </dd>
        <dt>{t("credentials.recipient")}</dt>
        <dd>
          <Link to={`/members/${credential.recipient.handle}`}>{credential.recipient.name}</Link>
        </dd>
        <dt>{t("credentials.awarded")}</dt>
        <dd>{formatDate(credential.awardedAt, locale)}</dd>
        <dt>{t("credentials.issued")}</dt>
        <dd>{formatDate(credential.issuedAt, locale)}</dd>
      </dl>
      {linkedIn ? (
        <p>
          <a
            href={linkedIn}
            className="button"
            target="_blank"
            rel="noopener noreferrer"
            aria-label={t("credentials.addToLinkedInNamed", { name: credential.name })}
          >
            {t("credentials.addToLinkedIn")}
          </a>
        </p>
      ) : null}
      <ul className="plain-list small">
        {credential.revokedReason !== "erased" ? (
          <li>
            <a href={`${url}/jwt`} type="application/jwt">
              {t("credentials.raw")}
            </a>
          </li>
        ) : null}
        <li>
          <a href={`${url}/status`} type="application/json">
            {t("credentials.status")}
          </a>
        </li>
        <li>
          <a href="/.well-known/jwks.json" type="application/json">
            {t("credentials.keys")}
          </a>
        </li>
      </ul>
      {canTakeBack ? (
        <Form method="post" className="stack narrow">
          <h2 id="take-back">{t("credentials.takeBack")}</h2>
          <p>{t("credentials.takeBackHelp")}</p>
          <input type="hidden" name="intent" value="take-back" />
          <Field
            name="reason"
            label={t("credentials.takeBackReason")}
            maxLength={300}
            required
            error={actionData?.errors.reason}
          />
          <button type="submit" className="danger">
            {t("credentials.takeBack")}
          </button>
        </Form>
      ) : null}
    </article>
  );
}
