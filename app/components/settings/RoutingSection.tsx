import { Form } from "@remix-run/react";
import { SelectField } from "~/components/Field";
import { useT } from "~/utils/i18n";

/** /settings: whether the router may ask this member to answer questions in their expertise (docs/routing.md). */
export function RoutingSection({ routable, saved, busy }: { routable: boolean; saved: boolean; busy: boolean }) {
  const t = useT();
  return (
    <>
      <h2 id="routing">{t("routing.settings")}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      <p className="muted">{t("routing.settingsHelp")}</p>
      <Form method="post" className="stack" noValidate aria-labelledby="routing">
        <input type="hidden" name="intent" value="routing" />
        <SelectField
          name="routable"
          label={t("routing.routable")}
          defaultValue={routable ? "on" : "off"}
          options={[
            { value: "on", label: t("settings.autoFollowOn") },
            { value: "off", label: t("settings.autoFollowOff") },
          ]}
        />
        <button type="submit" disabled={busy}>
          {t("routing.save")}
        </button>
      </Form>
    </>
  );
}
