import { Form } from "@remix-run/react";
import type { FollowKind } from "~db/enums";
import { useT } from "~/utils/i18n";

/**
 * The follow button of a tag, member, question, idea or meetup page: a form posting `intent=follow` with
 * `value` 1 or 0 to the page itself (the form contract), so it works without JavaScript.
 */
export function FollowButton({ kind, name, following }: { kind: FollowKind; name: string; following: boolean }) {
  const t = useT();
  return (
    <Form method="post" className="follow-form" preventScrollReset>
      <input type="hidden" name="intent" value="follow" />
      <input type="hidden" name="value" value={following ? "0" : "1"} />
      <button
        type="submit"
        className={following ? "small-button secondary" : "small-button"}
        aria-label={following ? t("follow.stopLabel", { name }) : t(`follow.label.${kind}`, { name })}
      >
        {following ? t("follow.stop") : t("follow.start")}
      </button>
    </Form>
  );
}
