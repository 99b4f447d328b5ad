import { useT } from "~/utils/i18n";

const STAGES = ["joined", "participated", "asked", "produced"] as const;

/** Of the members who joined in the period, how many reached each stage (journeyFunnel). */
export function FunnelTable({ funnel }: { funnel: Record<(typeof STAGES)[number], number> }) {
  const t = useT();
  return (
    <table className="leaderboard-table">
      <thead>
        <tr>
          <th scope="col">{t("health.col.state")}</th>
          <th scope="col" className="number">
            {t("health.funnel.members")}
          </th>
        </tr>
      </thead>
      <tbody>
        {STAGES.map((stage) => (
          <tr key={stage}>
            <td>{t(`health.funnel.${stage}`)}</td>
            <td className="number">{funnel[stage]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
