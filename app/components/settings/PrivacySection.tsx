import { Form, Link } from "@remix-run/react";
import { Field } from "~/components/Field";
import type { FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";

/** /settings: download a copy of everything Kring keeps about you, or delete your account (docs/privacy.md). */
export function PrivacySection({ errors, busy }: { errors: FormErrors; busy: boolean }) {
  const t = useT();
  return (
    <>
      <h2 id="privacy">{t("settings.privacy")}</h2>
      <p className="muted">
        {t("settings.privacyHelp")} <Link to="/privacy">{t("privacy.title")}</Link>
      </p>
      <p>
        <a href="/settings/export.json" download className="button">
          {t("settings.export")}
        </a>
      </p>
      <h3 id="delete-account">{t("settings.deleteAccount")}</h3>
      <p>{t("settings.deleteAccountHelp")}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="erase" />
        {errors.form ? (
          <p className="form-error" role="alert">
            {t(errors.form)}
          </p>
        ) : null}
        <Field
          name="erasePassword"
          type="password"
          label={t("field.currentPassword")}
          autoComplete="current-password"
          required
          error={errors.erasePassword}
        />
        <label>
          <input type="checkbox" name="deletePosts" value="1" /> {t("settings.deletePosts")}
        </label>
        <button type="submit" className="danger" disabled={busy}>
          {t("settings.deleteAccountButton")}
        </button>
      </Form>
    </>
  );
}
