import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { readUnsubscribeToken, unsubscribe, type UnsubscribeScope } from "~/models/unsubscribe.server";
import { useT, type Translate } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

/**
 * The link in every email. Opening it (GET) only asks for confirmation, because mail scanners open
 * links; a POST, from the button or a mail client's one-click (RFC 8058), turns the email off. No
 * session is needed: the signed token names the member and the kind of email.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const target = readUnsubscribeToken(params.token ?? "");
  return json({ scope: target?.scope ?? null }, { status: target ? 200 : 404 });
}

export async function action({ params }: ActionFunctionArgs) {
  const target = readUnsubscribeToken(params.token ?? "");
  if (!target) return json({ done: false }, { status: 404 });
  unsubscribe(target.userId, target.scope);
  return json({ done: true });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "unsubscribe.title");

function describe(t: Translate, scope: UnsubscribeScope) {
  if (scope === "all") return t("unsubscribe.all");
  if (scope === "digest") return t("unsubscribe.digest");
  return t(`notificationKind.${scope}` as const);
}

export default function Unsubscribe() {
  const { scope } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>()?.done;
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("unsubscribe.title")}</h1>
      {!scope ? (
        <p className="form-error" role="alert">
          {t("unsubscribe.invalid")}
        </p>
      ) : done ? (
        <p role="status" className="notice">
          {t("unsubscribe.done")}
        </p>
      ) : (
        <Form method="post">
          <p>{t("unsubscribe.confirm", { what: describe(t, scope) })}</p>
          <button type="submit">{t("unsubscribe.submit")}</button>
        </Form>
      )}
    </section>
  );
}
