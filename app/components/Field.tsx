import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT, type MessageKey } from "~/utils/i18n";

type Common = { name: string; label: string; error?: MessageKey; hint?: string };

function describedBy(name: string, error?: string, hint?: string) {
  return [error ? `${name}-error` : "", hint ? `${name}-hint` : ""].filter(Boolean).join(" ") || undefined;
}

function FieldMessages({ name, error, hint }: Omit<Common, "label">) {
  const t = useT();
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${name}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </>
  );
}

/** A labelled input whose error is tied to it with aria-describedby and aria-invalid. */
export function Field({ name, label, error, hint, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
        {...input}
      />
      <FieldMessages name={name} error={error} hint={hint} />
    </div>
  );
}

export function TextAreaField({
  name,
  label,
  error,
  hint,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <textarea
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
        {...input}
      />
      <FieldMessages name={name} error={error} hint={hint} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  error,
  hint,
  options,
  defaultValue,
}: Common & { options: { value: string; label: string }[]; defaultValue?: string }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select
        id={name}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages name={name} error={error} hint={hint} />
    </div>
  );
}

/** `vars` fill the message's placeholders ("you can post again in {wait} minutes"). */
export function FormError({ error, vars }: { error?: MessageKey; vars?: Record<string, string | number> }) {
  const t = useT();
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {t(error, vars)}
    </p>
  );
}

/** A new password and its confirmation, as /settings and the reset page ask for them. */
export function NewPasswordFields({
  errors,
}: {
  errors: Partial<Record<"newPassword" | "confirmPassword", MessageKey>>;
}) {
  const t = useT();
  return (
    <>
      <Field
        name="newPassword"
        type="password"
        label={t("field.newPassword")}
        hint={t("field.passwordHint")}
        autoComplete="new-password"
        required
        error={errors.newPassword}
      />
      <Field
        name="confirmPassword"
        type="password"
        label={t("field.confirmPassword")}
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
    </>
  );
}
