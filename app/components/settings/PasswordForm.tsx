import { Form } from "@remix-run/react";
import { Field, NewPasswordFields } from "~/components/Field";
import type { FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";

/** The change-password form of /settings. */
export function PasswordForm({ errors, saved, busy }: { errors: FormErrors; saved: boolean; busy: boolean }) {
  const t = useT();
  return (
    <>
      <h2>{t("settings.password")}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t("settings.passwordChanged")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="password" />
        <Field
          name="currentPassword"
          type="password"
          label={t("field.currentPassword")}
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <NewPasswordFields errors={errors} />
        <button type="submit" disabled={busy}>
          {t("settings.changePassword")}
        </button>
      </Form>
    </>
  );
}
