/**
 * The weekly health digest for leads and admins: the status, the week's flags and the biggest movers, and
 * the routed questions still unanswered at twice their target (docs/routing.md), by email. One job per week fans out one email job per lead; both are idempotent by their keys.
 */
import { inArray, isNull, and } from "drizzle-orm";
import { users } from "~db/schema";
import { renderEmail } from "~/emails/layout.server";
import { overdueRoutedQuestions } from "~/models/routing-outcome.server";
import { latestHealthReport } from "~/models/health-snapshot.server";
import { unsubscribeUrl } from "~/models/unsubscribe.server";
import { notSuspended } from "~/models/suspension.server";
import { findUserById } from "~/models/user.server";
import { receivesEmail } from "~/utils/permissions";
import { db, writeTransaction } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { enqueueJob, type JobHandler } from "~/utils/jobs.server";
import { sendMail, siteUrl } from "~/utils/mail.server";
import { communityWeek } from "~/utils/time";

export function scheduleHealthDigest(now = new Date()) {
  const week = communityWeek(now);
  writeTransaction((tx) =>
    enqueueJob(tx, {
      kind: "health-digest",
      key: `health-digest:${week}`,
      payload: { week, at: now.getTime() },
      runAt: now,
    }),
  );
}

export const enqueueHealthDigests: JobHandler = (payload) => {
  const leads = db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, ["lead", "admin"]), notSuspended(), isNull(users.erasedAt)))
    .all();
  writeTransaction((tx) => {
    for (const { id } of leads) {
      enqueueJob(tx, {
        kind: "health-digest-email",
        key: `health-digest-email:${payload.week}:${id}`,
        payload: { userId: id, at: payload.at },
      });
    }
  });
};

export const sendHealthDigest: JobHandler = async (payload, job) => {
  const lead = findUserById(Number(payload.userId));
  if (!lead || !receivesEmail(lead) || lead.digest !== "weekly") return;
  // The hourly snapshot: computing the report per lead would cost seconds each at scale.
  const { report } = latestHealthReport(new Date(Number(payload.at)));
  const locale = lead.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const unsubscribe = unsubscribeUrl(lead.id, "digest");
  const pct = (x: number) => `${Math.round(x * 100)}`;
  const movers = report.members.slice(0, 5).map((m) => ({
    text: `${m.name}: ${t(`health.state.${m.state!}`)}, ${t("health.numbers", { before: m.baselineCount, recent: m.recentCount, change: pct(m.change) })}`,
    url: siteUrl(`/members/${m.handle}`),
  }));
  const tags = report.tags.slice(0, 5).map((x) => ({
    text: `${x.name}: ${t("health.numbers", { before: x.baselineCount, recent: x.recentCount, change: pct(x.change) })}`,
    url: siteUrl(`/tags/${encodeURIComponent(x.name)}`),
  }));
  const overdue = overdueRoutedQuestions(new Date(Number(payload.at))).map((q) => ({
    text: q.title,
    url: siteUrl(`/questions/${q.id}`),
  }));
  await sendMail({
    id: job.key,
    to: lead.email,
    subject: `${t("health.title")}: ${t(`health.status.${report.status as "healthy" | "watch" | "declining"}`)}`,
    ...renderEmail({
      locale,
      name: lead.name,
      paragraphs: [`${t(`health.status.${report.status as "healthy" | "watch" | "declining"}`)}.`],
      sections: [
        ...(movers.length ? [{ heading: t("health.members"), lines: movers }] : []),
        ...(tags.length ? [{ heading: t("health.tags"), lines: tags }] : []),
        ...(overdue.length ? [{ heading: t("health.routingOverdue"), lines: overdue }] : []),
      ],
      action: { label: t("health.title"), url: siteUrl("/health") },
      settingsUrl: siteUrl("/settings#notifications"),
      unsubscribeUrl: unsubscribe,
    }),
    unsubscribeUrl: unsubscribe,
  });
};
