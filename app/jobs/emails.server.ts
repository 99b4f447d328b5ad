/**
 * The jobs that write emails. Each renders at send time in the recipient's current language, checks
 * that the recipient still wants it, and sends under the job's key as message id, so a job that runs
 * again after a crash does not send a second copy.
 */
import { eq } from "drizzle-orm";
import { jobs } from "~db/schema";
import { renderEmail } from "~/emails/layout.server";
import { channelsOf, getNotification } from "~/models/notification.server";
import { unsubscribeUrl } from "~/models/unsubscribe.server";
import { findUserById } from "~/models/user.server";
import { db } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import type { JobHandler } from "~/utils/jobs.server";
import { sendMail, siteUrl } from "~/utils/mail.server";
import { notificationText } from "~/utils/notification-text";
import { receivesEmail } from "~/utils/permissions";

const SETTINGS_URL = () => siteUrl("/settings#notifications");

export const sendNotificationEmail: JobHandler = async (payload, job) => {
  const notification = getNotification(Number(payload.notificationId));
  if (!notification) return;
  const user = findUserById(notification.userId);
  if (!user || !receivesEmail(user) || channelsOf(user.id)[notification.kind] !== "email") return;
  const actor = notification.actorId ? findUserById(notification.actorId) : undefined;
  const locale = user.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const subject = notificationText(t, {
    kind: notification.kind,
    actors: actor ? [actor.name] : [],
    title: notification.title,
    count: 1,
  });
  const unsubscribe = unsubscribeUrl(user.id, notification.kind);
  await sendMail({
    id: job.key,
    to: user.email,
    subject,
    ...renderEmail({
      locale,
      name: user.name,
      paragraphs: [subject, ...(notification.message ? [notification.message] : [])],
      action: { label: t("email.open"), url: siteUrl(notification.url) },
      settingsUrl: SETTINGS_URL(),
      unsubscribeUrl: unsubscribe,
    }),
    unsubscribeUrl: unsubscribe,
  });
};

export const sendPasswordResetEmail: JobHandler = async (payload, job) => {
  // A rerun after the token was blanked has nothing left to send (the email went out).
  if (typeof payload.token !== "string") return;
  const user = findUserById(Number(payload.userId));
  if (!user) return;
  const locale = user.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const unsubscribe = unsubscribeUrl(user.id, "all");
  await sendMail({
    id: job.key,
    to: user.email,
    subject: t("email.reset.subject"),
    ...renderEmail({
      locale,
      name: user.name,
      paragraphs: [t("email.reset.body")],
      action: { label: t("email.reset.action"), url: siteUrl(`/reset-password/${payload.token}`) },
      settingsUrl: SETTINGS_URL(),
      unsubscribeUrl: unsubscribe,
    }),
    unsubscribeUrl: unsubscribe,
  });
  db.update(jobs).set({ payload: "{}" }).where(eq(jobs.id, job.id)).run();
};
