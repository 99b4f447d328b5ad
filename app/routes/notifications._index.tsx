import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listNotifications, markRead } from "~/models/notification.server";
import { requireUser } from "~/utils/auth.server";
import { badRequest, parseForm } from "~/utils/forms.server";
import { formatDate, useLocale, useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { notificationText } from "~/utils/notification-text";

const ReadSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("read"),
    ids: z
      .string()
      .regex(/^\d+(,\d+)*$/, "error.invalid")
      .max(2000, "error.invalid"),
  }),
  z.object({ intent: z.literal("read-all") }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ groups: listNotifications(user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(ReadSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.errors);
  markRead(user.id, parsed.data.intent === "read" ? parsed.data.ids.split(",").map(Number) : undefined);
  return redirect("/notifications");
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.title");

export default function Notifications() {
  const { groups } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const anyUnread = groups.some((g) => g.unread);
  return (
    <section className="narrow">
      <div className="title-row">
        <h1>{t("notifications.title")}</h1>
        {anyUnread ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="secondary">
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {groups.length ? (
        <ul className="notification-list">
          {groups.map((group) => (
            <li key={group.ids[0]} className={group.unread ? "unread" : undefined}>
              <div>
                {group.unread ? <span className="visually-hidden">{t("notifications.unread")}: </span> : null}
                {/* A document load, so the header's unread count (root data) is fresh on arrival. */}
                <Link to={`/notifications/${group.ids[0]}`} reloadDocument>
                  {notificationText(t, group)}
                </Link>
                {group.message ? <p className="notification-message">{group.message}</p> : null}
                <div className="muted small">
                  <time dateTime={group.createdAt}>{formatDate(group.createdAt, locale, "datetime")}</time>
                </div>
              </div>
              {group.unread ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="ids" value={group.ids.join(",")} />
                  <button type="submit" className="link-button small">
                    {t("notifications.markRead")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("notifications.empty")}</p>
      )}
      <p>
        <Link to="/settings#notifications">{t("notifications.settings")}</Link>
      </p>
    </section>
  );
}
