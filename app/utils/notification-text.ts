import type { NotificationKind } from "~db/enums";
import type { MessageKey, Translate } from "./i18n";
import { parseReason, reasonText } from "./introductions";

/** The line that describes a notification, or a group of them ("5 new answers to …"), in app and email alike. */
export function notificationText(
  t: Translate,
  n: { kind: NotificationKind; actors: string[]; title: string; count: number },
) {
  if (n.kind === "badge") {
    // Stored as "badge" or "badge:tag", so it reads in the member's language.
    const [badge, tag] = n.title.split(":");
    const name = tag
      ? t("badge.perTag", { badge: t(`badge.${badge}` as MessageKey), tag })
      : t(`badge.${badge}` as MessageKey);
    return n.count > 1 ? t("notification.badge.many", { count: n.count }) : t("notification.badge", { title: name });
  }
  if (n.kind === "moderation") {
    // Stored as "outcome:title" (app/models/flag.server.ts), so it reads in the member's language.
    const split = n.title.indexOf(":");
    const title = n.title.slice(split + 1);
    return n.count > 1
      ? t("notification.moderation.many", { count: n.count, title })
      : t(`notification.moderation.${n.title.slice(0, split)}` as MessageKey, { title });
  }
  if (n.kind === "idea_status" && n.count === 1) {
    // Stored as "status:title" (app/models/idea.server.ts), so the status reads in the member's language.
    const split = n.title.indexOf(":");
    const status = t(`ideas.status.${n.title.slice(0, split)}` as MessageKey);
    const actor = n.actors[0] ?? t("notification.someone");
    return t("notification.idea_status", { actor, title: n.title.slice(split + 1), status });
  }
  if (n.kind === "introduction" && n.count === 1) {
    // Stored as the reason (JSON) from the greeted member's side (app/models/introduction.server.ts).
    const reason = parseReason(n.title);
    const actor = n.actors[0] ?? t("notification.someone");
    return t("notification.introduction", { actor, title: reason ? reasonText(t, reason) : "" }).trim();
  }
  const actor =
    n.actors.length > 1 ? `${n.actors[0]} +${n.actors.length - 1}` : (n.actors[0] ?? t("notification.someone"));
  const title = n.kind === "idea_status" ? n.title.slice(n.title.indexOf(":") + 1) : n.title;
  return n.count > 1
    ? t(`notification.${n.kind}.many` as const, { count: n.count, title, actor })
    : t(`notification.${n.kind}` as const, { actor, title });
}
