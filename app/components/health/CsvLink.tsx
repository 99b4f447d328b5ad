import { useT } from "~/utils/i18n";

/** "Download CSV", with the table's name for screen readers (six such links share the page). */
export function CsvLink({ href, table }: { href: string; table: string }) {
  const t = useT();
  return (
    <a href={href} className="small">
      {t("health.exportCsv")}
      <span className="visually-hidden">: {table}</span>
    </a>
  );
}
