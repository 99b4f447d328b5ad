import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getNotification, markRead, listNotifications } from "~/models/notification.server";
import { requireUser } from "~/utils/auth.server";
import { writeUnlessReadOnly } from "~/utils/db.server";
import { safeRedirect } from "~/utils/redirect";
import { notFound, parseId } from "~/utils/http.server";

/** Following a notification marks it (and the unread ones grouped with it) read and goes to what it is about. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notification = getNotification(parseId(params.id));
  if (!notification || notification.userId !== user.id) throw notFound();
  const group = listNotifications(user.id).find((g) => g.ids.includes(notification.id));
  // A GET: on a read-only database the link still leads on, the notification stays unread (docs/accounts.md).
  writeUnlessReadOnly(() => markRead(user.id, group?.ids ?? [notification.id]));
  return redirect(safeRedirect(notification.url));
}
