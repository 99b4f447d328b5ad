import { Form } from "@remix-run/react";
import { LOCALES, THEMES, type Locale, type Theme } from "~db/enums";
import { Field, SelectField, TextAreaField } from "~/components/Field";
import type { FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";

export type ProfileValues = {
  name: string;
  headline: string;
  bio: string;
  location: string;
  locale: Locale | null;
  theme: Theme;
  expertise: string;
};

/** The profile, language and theme form of /settings. */
export function ProfileForm({
  profile,
  errors,
  saved,
  busy,
}: {
  profile: ProfileValues;
  errors: FormErrors;
  saved: boolean;
  busy: boolean;
}) {
  const t = useT();
  return (
    <>
      <h2>{t("settings.profile")}</h2>
      {saved ? (
        <p className="notice" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      {/* A full page load, so a new language arrives with its dictionary (the browser holds only one). */}
      <Form method="post" className="stack" noValidate reloadDocument>
        <input type="hidden" name="intent" value="profile" />
        <Field name="name" label={t("field.name")} defaultValue={profile.name} required error={errors.name} />
        <Field
          name="headline"
          label={t("field.headline")}
          hint={t("field.headlineHint")}
          defaultValue={profile.headline}
          error={errors.headline}
        />
        <TextAreaField name="bio" label={t("field.bio")} rows={5} defaultValue={profile.bio} error={errors.bio} />
        <Field name="location" label={t("field.location")} defaultValue={profile.location} error={errors.location} />
        <Field
          name="expertise"
          label={t("settings.expertise")}
          hint={t("settings.expertiseHint")}
          defaultValue={profile.expertise}
          error={errors.expertise}
        />
        <SelectField
          name="locale"
          label={t("field.language")}
          defaultValue={profile.locale ?? ""}
          error={errors.locale}
          options={[{ value: "", label: t("lang.auto") }, ...LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))]}
        />
        <SelectField
          name="theme"
          label={t("field.theme")}
          defaultValue={profile.theme}
          error={errors.theme}
          options={THEMES.map((th) => ({ value: th, label: t(`theme.${th}`) }))}
        />
        <button type="submit" disabled={busy}>
          {t("settings.save")}
        </button>
      </Form>
    </>
  );
}
