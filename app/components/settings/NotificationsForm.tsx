import { Form } from "@remix-run/react";
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from "~db/enums";
import { SelectField } from "~/components/Field";
import { IN_APP_ONLY_KINDS } from "~/utils/follow";
import { useT } from "~/utils/i18n";

/** The /settings form with a channel per kind of notification and the weekly digest. */
export function NotificationsForm({
  settings,
  saved,
  busy,
}: {
  settings: { channels: Record<NotificationKind, NotificationChannel>; digest: string };
  saved: boolean;
  busy: boolean;
}) {
  const t = useT();
  return (
    <>
      <h2 id="notifications">{t("settings.notifications")}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate aria-labelledby="notifications">
        <input type="hidden" name="intent" value="notifications" />
        <p className="muted">{t("settings.notificationsHelp")}</p>
        {NOTIFICATION_KINDS.map((kind) => (
          <SelectField
            key={kind}
            name={`channel_${kind}`}
            label={t(`notificationKind.${kind}`)}
            defaultValue={settings.channels[kind]}
            options={NOTIFICATION_CHANNELS.filter(
              (channel) => channel !== "email" || !IN_APP_ONLY_KINDS.includes(kind),
            ).map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
          />
        ))}
        <SelectField
          name="digest"
          label={t("settings.digest")}
          defaultValue={settings.digest}
          options={[
            { value: "weekly", label: t("digest.weekly") },
            { value: "off", label: t("digest.off") },
          ]}
        />
        <button type="submit" disabled={busy}>
          {t("settings.saveNotifications")}
        </button>
      </Form>
    </>
  );
}
