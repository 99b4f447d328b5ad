import { Form, useNavigation } from "@remix-run/react";
import type { FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { Field, FormError, TextAreaField } from "./Field";

/** The meetup form, with the field names of the form contract in docs/product.md. */
export function EventForm({
  values,
  errors,
  errorVars,
  submitLabel,
}: {
  values: Record<string, string | undefined>;
  errors: FormErrors;
  /** Placeholders of the form's error (a posting limit's numbers). */
  errorVars?: Record<string, number>;
  submitLabel: string;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="stack" noValidate>
      <FormError error={errors.form} vars={errorVars} />
      <Field name="title" label={t("events.field.title")} required defaultValue={values.title} error={errors.title} />
      <TextAreaField
        name="description"
        label={t("events.field.description")}
        rows={8}
        required
        defaultValue={values.description}
        error={errors.description}
      />
      <div className="field-row">
        <Field
          name="startsAt"
          type="datetime-local"
          label={t("events.field.startsAt")}
          required
          defaultValue={values.startsAt}
          error={errors.startsAt}
        />
        <Field
          name="endsAt"
          type="datetime-local"
          label={t("events.field.endsAt")}
          required
          defaultValue={values.endsAt}
          error={errors.endsAt}
        />
      </div>
      <Field
        name="timezone"
        label={t("events.field.timezone")}
        defaultValue={values.timezone ?? "Europe/Amsterdam"}
        error={errors.timezone}
      />
      <Field name="venue" label={t("events.field.venue")} defaultValue={values.venue} error={errors.venue} />
      <Field name="address" label={t("events.field.address")} defaultValue={values.address} error={errors.address} />
      <Field name="city" label={t("events.field.city")} defaultValue={values.city} error={errors.city} />
      <Field
        name="onlineUrl"
        type="url"
        label={t("events.field.onlineUrl")}
        hint={t("events.field.onlineHint")}
        defaultValue={values.onlineUrl}
        error={errors.onlineUrl}
      />
      <Field
        name="capacity"
        type="number"
        min={1}
        max={10000}
        label={t("events.field.capacity")}
        hint={t("events.field.capacityHint")}
        defaultValue={values.capacity}
        error={errors.capacity}
      />
      <Field
        name="rsvpDeadline"
        type="datetime-local"
        label={t("events.field.rsvpDeadline")}
        defaultValue={values.rsvpDeadline}
        error={errors.rsvpDeadline}
      />
      <Field name="tags" label={t("events.field.tags")} defaultValue={values.tags} error={errors.tags} />
      <Field name="hosts" label={t("events.field.hosts")} defaultValue={values.hosts} error={errors.hosts} />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
