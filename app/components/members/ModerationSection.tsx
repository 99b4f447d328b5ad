import { Form } from "@remix-run/react";
import { Field, SelectField } from "~/components/Field";
import { RESTRICTION_DAYS } from "~/utils/restriction";
import { formatDate, useLocale, useT, type MessageKey } from "~/utils/i18n";

type Restrictions = {
  suspended: { until: string | null; reason: string } | null;
  silenced: { until: string | null } | null;
};

/**
 * What leads see on a member's profile (docs/moderation.md): whether the member is suspended or silenced,
 * until when and why, and the forms to suspend, silence or lift either, each with a reason and an end date.
 */
export function ModerationSection({
  restrictions,
  canRestrict,
  errors,
  intent,
}: {
  restrictions: Restrictions;
  canRestrict: boolean;
  errors: Partial<Record<string, MessageKey>>;
  intent?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const until = (date: string | null) =>
    date ? t("moderation.until", { date: formatDate(date, locale, "datetime") }) : t("moderation.indefinite");
  return (
    <section aria-labelledby="moderation" className="moderation-section">
      <h2 id="moderation">{t("moderation.title")}</h2>
      {restrictions.suspended ? (
        <p className="form-error" role="status">
          {t("moderation.isSuspended", { until: until(restrictions.suspended.until) })}{" "}
          {restrictions.suspended.reason ? t("moderation.reason", { reason: restrictions.suspended.reason }) : null}
        </p>
      ) : null}
      {restrictions.silenced ? (
        <p className="notice" role="status">
          {t("moderation.isSilenced", { until: until(restrictions.silenced.until) })}
        </p>
      ) : null}
      {!restrictions.suspended && !restrictions.silenced ? <p className="muted">{t("moderation.none")}</p> : null}
      {canRestrict ? (
        <div className="profile-columns">
          {(["suspend", "silence"] as const).map((kind) =>
            (kind === "suspend" ? restrictions.suspended : restrictions.silenced) ? (
              <Form method="post" key={kind}>
                <input type="hidden" name="intent" value={`lift-${kind}`} />
                <button type="submit" className="secondary">
                  {t(`moderation.lift.${kind}`)}
                </button>
              </Form>
            ) : (
              <Form method="post" className="stack" key={kind} aria-labelledby={`${kind}-title`}>
                <h3 id={`${kind}-title`}>{t(`moderation.${kind}.title`)}</h3>
                <input type="hidden" name="intent" value={kind} />
                <Field
                  name={`${kind}-reason`}
                  label={t("moderation.reasonLabel")}
                  required
                  maxLength={500}
                  error={intent === kind ? errors.reason : undefined}
                />
                <SelectField
                  name={`${kind}-days`}
                  label={t("moderation.duration")}
                  defaultValue="7"
                  error={intent === kind ? errors.days : undefined}
                  options={RESTRICTION_DAYS.map((d) => ({
                    value: d,
                    label: d === "indefinite" ? t("moderation.indefinite") : t("moderation.days", { count: Number(d) }),
                  }))}
                />
                <button type="submit">{t(`moderation.${kind}.submit`)}</button>
              </Form>
            ),
          )}
        </div>
      ) : null}
    </section>
  );
}
