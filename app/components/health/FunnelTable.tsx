import { useT } from "~/utils/i18n";

const STAGES = ["joined", "participated", "asked", "produced"] as const;

/** Of the members who joined in the period, how many reached each stage (journeyFunnel). */
export function FunnelTable({
  funnel,
}: {
  /** `checklist`: how many did the whole newcomer's checklist (absent from reports stored before it was counted). */
  funnel: Record<(typeof STAGES)[number], number> & { checklist?: number };
}) {
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
        {funnel.checklist === undefined ? null : (
          <tr>
            <td>{t("health.funnel.checklist")}</td>
            <td className="number">{funnel.checklist}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
