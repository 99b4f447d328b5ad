import { Form, Link } from "@remix-run/react";
import type { FollowKind } from "~db/enums";
import { SelectField } from "~/components/Field";
import { useT } from "~/utils/i18n";

type Followed = { kind: FollowKind; targetId: number; name: string; url: string };

/** /settings: whether asking and answering follow the question, and everything the member follows, to unfollow. */
export function FollowingSection({
  items,
  autoFollow,
  saved,
  busy,
}: {
  items: Followed[];
  autoFollow: boolean;
  saved: boolean;
  busy: boolean;
}) {
  const t = useT();
  return (
    <>
      <h2 id="following">{t("settings.following")}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      <p className="muted">{t("settings.followingHelp")}</p>
      <Form method="post" className="stack" noValidate aria-labelledby="following">
        <input type="hidden" name="intent" value="auto-follow" />
        <SelectField
          name="autoFollow"
          label={t("settings.autoFollow")}
          defaultValue={autoFollow ? "on" : "off"}
          options={[
            { value: "on", label: t("settings.autoFollowOn") },
            { value: "off", label: t("settings.autoFollowOff") },
          ]}
        />
        <button type="submit" disabled={busy}>
          {t("settings.saveAutoFollow")}
        </button>
      </Form>
      {items.length ? (
        <ul className="plain-list following-list">
          {items.map((item) => (
            <li key={`${item.kind}:${item.targetId}`}>
              <span className="muted small">{t(`follow.kind.${item.kind}`)}</span>{" "}
              <Link to={item.url}>{item.name}</Link>{" "}
              <Form method="post" className="follow-form">
                <input type="hidden" name="intent" value="unfollow" />
                <input type="hidden" name="kind" value={item.kind} />
                <input type="hidden" name="targetId" value={item.targetId} />
                <button
                  type="submit"
                  className="small-button secondary"
                  aria-label={t("follow.stopLabel", { name: item.name })}
                >
                  {t("follow.stop")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("settings.followingNone")}</p>
      )}
    </>
  );
}
