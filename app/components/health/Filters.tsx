import { Form } from "@remix-run/react";
import { SelectField } from "~/components/Field";
import { PERIODS } from "~/health/vitals";
import { useT } from "~/utils/i18n";

/** The view a lead picks: a tag, an organisation and the period of the charts and funnel. */
export function HealthFilters({
  tags,
  orgs,
  tag,
  org,
  period,
}: {
  tags: string[];
  orgs: { slug: string; name: string }[];
  tag: string;
  org: string;
  period: number;
}) {
  const t = useT();
  return (
    <Form method="get" className="filters">
      <SelectField
        name="tag"
        label={t("health.filterTag")}
        defaultValue={tag}
        options={[{ value: "", label: t("health.anyTag") }, ...tags.map((n) => ({ value: n, label: n }))]}
      />
      <SelectField
        name="org"
        label={t("health.filterOrg")}
        defaultValue={org}
        options={[{ value: "", label: t("health.anyOrg") }, ...orgs.map((o) => ({ value: o.slug, label: o.name }))]}
      />
      <SelectField
        name="period"
        label={t("health.filterPeriod")}
        defaultValue={String(period)}
        options={PERIODS.map((weeks) => ({ value: String(weeks), label: t("health.period", { weeks }) }))}
      />
      <button type="submit">{t("health.filter")}</button>
    </Form>
  );
}
