import { Form, Link } from "@remix-run/react";
import type { Role } from "~db/enums";
import { useT, type MessageKey } from "~/utils/i18n";
import { reasonText, type MatchReason } from "~/utils/introductions";
import { MemberCard } from "./MemberCard";

export type SuggestionData = {
  otherId: number;
  name: string;
  handle: string;
  role: Role;
  headline: string;
  reasons: MatchReason[];
  helloAt: string | null;
};

/**
 * People you should meet (docs/people-to-meet.md), each with the reasons in words; `hello` shows the "Say hello"
 * form (the member's own list), posting `intent=hello` and `userId` to the page. `error` is that form's error for
 * the suggestion `errorFor`.
 */
export function PeopleToMeet({
  title,
  suggestions,
  hello,
  error,
  errorFor,
}: {
  title: string;
  suggestions: SuggestionData[];
  hello: boolean;
  error?: MessageKey;
  errorFor?: number;
}) {
  const t = useT();
  if (!suggestions.length) return null;
  return (
    <section aria-labelledby="people-to-meet-heading" id="people-to-meet" className="people-to-meet">
      <h2 id="people-to-meet-heading">{title}</h2>
      <p className="muted small">{t("meet.intro")}</p>
      <ul className="member-list">
        {suggestions.map((s) => {
          const meetup = s.reasons.find((r) => r.code === "meetup");
          const errorId = `hello-${s.otherId}-error`;
          return (
            <MemberCard key={s.otherId} member={s}>
              <ul className="meet-reasons">
                {s.reasons.map((r) => (
                  <li key={r.code}>{reasonText(t, r)}</li>
                ))}
              </ul>
              {meetup && meetup.code === "meetup" ? (
                <p className="small">
                  <Link to={`/events/${meetup.eventId}`}>{t("meet.seeYou", { title: meetup.title })}</Link>
                </p>
              ) : null}
              {hello && s.helloAt ? <p className="muted small">{t("meet.helloSent")}</p> : null}
              {hello && !s.helloAt ? (
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="intent" value="hello" />
                  <input type="hidden" name="userId" value={s.otherId} />
                  <button
                    type="submit"
                    className="button small"
                    aria-label={t("meet.sayHelloTo", { name: s.name })}
                    aria-describedby={errorFor === s.otherId && error ? errorId : undefined}
                  >
                    {t("meet.sayHello")}
                  </button>
                </Form>
              ) : null}
              {errorFor === s.otherId && error ? (
                <p className="field-error" id={errorId} role="alert">
                  {t(error)}
                </p>
              ) : null}
            </MemberCard>
          );
        })}
      </ul>
    </section>
  );
}
