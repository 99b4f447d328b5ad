import { Form } from "@remix-run/react";
import { Field } from "~/components/Field";
import type { FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";

/**
 * An admin's form on a member's page to erase their account on their request (docs/privacy.md). Typing the
 * handle guards against the wrong member; the reason goes to the audit log (no names or addresses there).
 */
export function EraseMemberForm({ handle, errors }: { handle: string; errors: FormErrors }) {
  const t = useT();
  return (
    <Form method="post" className="stack narrow">
      <h2 id="erase">{t("erase.title")}</h2>
      <p>{t("erase.help")}</p>
      <input type="hidden" name="intent" value="erase" />
      <Field name="reason" label={t("erase.reason")} maxLength={300} error={errors.reason} />
      <Field name="confirm" label={t("erase.confirm", { handle })} autoComplete="off" required error={errors.confirm} />
      <label>
        <input type="checkbox" name="deletePosts" value="1" /> {t("erase.deletePosts")}
      </label>
      <button type="submit" className="danger">
        {t("erase.submit")}
      </button>
    </Form>
  );
}
