import { Form, useSearchParams } from "@remix-run/react";
import { PageLink } from "~/components/PageLink";
import { SelectField, TextAreaField } from "~/components/Field";
import type { FollowUp } from "~/health/comeback";
import { causeText, pct, suggestionUrl } from "~/health/text";
import type { SuggestedAction } from "~/health/todo";
import type { MemberFlag } from "~/models/health.server";
import type { FormErrors } from "~/utils/forms.server";
import { formatDate, useLocale, useT, type Translate } from "~/utils/i18n";
import type { Locale } from "~db/enums";

/** A flagged member as the page receives it: what the row shows (dates as strings). */
export type MemberData = Pick<
  MemberFlag,
  "userId" | "name" | "handle" | "state" | "baselineCount" | "recentCount" | "change" | "causes"
> & { lastAction: { kind: string; at: string } | null };

/** What happened after the latest nudge: back (when), still within the 4 weeks, or not back. */
function followUpText(t: Translate, locale: Locale, followUp: FollowUp) {
  const nudged = formatDate(followUp.nudgedAt, locale);
  if (followUp.backAt) return t("health.followUp.back", { nudged, back: formatDate(followUp.backAt, locale) });
  if (followUp.daysLeft !== null) return t("health.followUp.pending", { nudged, count: followUp.daysLeft });
  return t("health.followUp.notBack", { nudged });
}

/**
 * One flagged member as a to-do: who, the numbers, the causes, the suggested action and what followed a
 * nudge. The forms are rendered for one member at a time (?act=<userId>): fifty members' forms made the
 * page several times its size (docs/health.md). Plain links (PageLink): fifty rows have two hundred.
 * The content of the row's `<li id="member-<userId>">`, which the page renders (with no row open the whole list is
 * a StaticFragment, with one open each closed row is).
 */
export function MemberTodo({
  member,
  upcoming,
  suggestion,
  followUp,
  open,
  errors,
}: {
  member: MemberData;
  upcoming: { id: number; title: string }[];
  /** From the data (app/models/health-act.server.ts): the meetup or question it names is linked. */
  suggestion: SuggestedAction;
  followUp?: FollowUp;
  open: boolean;
  errors: FormErrors;
}) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const firstName = member.name.split(" ")[0];
  // The suggested meetup first in the invitation's list.
  const invite = suggestion.kind === "invite" ? suggestion.target! : null;
  const meetups = invite ? [invite, ...upcoming.filter((e) => e.id !== invite.id)] : upcoming;
  const actParams = new URLSearchParams(params);
  actParams.delete("done");
  actParams.set("act", String(member.userId));
  return (
    <>
      <h3>
        <PageLink to={`/members/${member.handle}`}>{member.name}</PageLink>{" "}
        <span className="muted">({t(`health.state.${member.state!}`)})</span>
      </h3>
      <p className="todo-numbers">
        {t("health.numbers", { before: member.baselineCount, recent: member.recentCount, change: pct(member.change) })}
      </p>
      {member.causes.length ? (
        <ul className="todo-causes">
          {member.causes.map((c) => (
            <li key={c.kind}>
              {causeText(t, c)}
              {c.url ? (
                <>
                  {": "}
                  <PageLink to={c.url}>{c.title}</PageLink>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="todo-action">
        {t(`health.suggest.${suggestion.kind}`, { name: firstName })}
        {suggestion.target ? (
          <>
            {" "}
            <PageLink to={suggestionUrl(suggestion)!}>{suggestion.target.title}</PageLink>
          </>
        ) : null}
      </p>
      {followUp ? (
        <p className="todo-done">{followUpText(t, locale, followUp)}</p>
      ) : member.lastAction ? (
        <p className="todo-done">
          {t("health.lastAction", {
            action: t(`health.action.${member.lastAction.kind as "nudge"}`),
            date: formatDate(member.lastAction.at, locale),
          })}
        </p>
      ) : null}
      {open ? (
        <div className="todo-forms">
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="nudge" />
            <input type="hidden" name="userId" value={member.userId} />
            <TextAreaField
              name="message"
              label={t("health.nudgeMessage", { name: member.name })}
              rows={4}
              error={errors.message}
              defaultValue={t(suggestion.kind === "recognise" ? "health.recogniseDefault" : "health.nudgeDefault", {
                name: firstName,
              })}
            />
            <button type="submit">{t("health.nudge")}</button>
          </Form>
          {meetups.length ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="invite" />
              <input type="hidden" name="userId" value={member.userId} />
              <SelectField
                name="eventId"
                label={t("health.inviteEvent")}
                error={errors.eventId}
                options={meetups.map((e) => ({ value: String(e.id), label: e.title }))}
                defaultValue={invite ? String(invite.id) : undefined}
              />
              <button type="submit">{t("health.invite")}</button>
            </Form>
          ) : null}
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="handled" />
            <input type="hidden" name="userId" value={member.userId} />
            <button type="submit" className="link-button">
              {t("health.markHandled")}
            </button>
          </Form>
        </div>
      ) : (
        <PageLink to={`/health?${actParams}#member-${member.userId}`} preventScrollReset className="todo-act">
          {t("health.act")}
          <span className="visually-hidden">: {member.name}</span>
        </PageLink>
      )}
    </>
  );
}
