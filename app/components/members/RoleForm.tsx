import { Form } from "@remix-run/react";
import { ROLES, type Role } from "~db/enums";
import { SelectField } from "~/components/Field";
import { useT, type MessageKey } from "~/utils/i18n";

/** An admin's form on another member's profile to change their role. */
export function RoleForm({ role, saved, error }: { role: Role; saved: boolean; error?: MessageKey }) {
  const t = useT();
  return (
    <Form method="post" className="stack narrow">
      <input type="hidden" name="intent" value="role" />
      {saved ? (
        <p className="notice" role="status">
          {t("profile.roleSaved")}
        </p>
      ) : null}
      <SelectField
        name="role"
        label={t("profile.changeRole")}
        defaultValue={role}
        error={error}
        options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
      />
      <button type="submit">{t("profile.changeRole")}</button>
    </Form>
  );
}
