import type { ComebackComparison as Comparison, ComebackGroup } from "~/health/comeback";
import { HISTORY_WEEKS } from "~/health/history";
import { useT, type Translate } from "~/utils/i18n";

const rate = (g: ComebackGroup) => (g.count ? Math.round((100 * g.back) / g.count) : 0);

function cell(t: Translate, g: ComebackGroup) {
  if (!g.count) return "–";
  const base = t("health.comparisonCell", { back: g.back, count: g.count, rate: rate(g) });
  return g.pending ? `${base}, ${t("health.comparisonPending", { count: g.pending })}` : base;
}

/**
 * Nudged members against similar flagged members who were not nudged (docs/health.md, "Come-back rate"):
 * the sentence a lead reads, and the table by state.
 */
export function ComebackComparison({ comparison }: { comparison: Comparison }) {
  const t = useT();
  const { nudged, notNudged } = comparison.all;
  if (!nudged.count) return null;
  return (
    <>
      <p className="health-comparison-line">
        {t("health.comparison", {
          weeks: HISTORY_WEEKS,
          back: nudged.back,
          count: nudged.count,
          rate: rate(nudged),
          otherBack: notNudged.back,
          otherCount: notNudged.count,
          otherRate: rate(notNudged),
        })}
      </p>
      <table className="health-comparison">
        <caption>{t("health.comparisonCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("health.comparison.state")}</th>
            <th scope="col">{t("health.comparison.nudged")}</th>
            <th scope="col">{t("health.comparison.notNudged")}</th>
          </tr>
        </thead>
        <tbody>
          {(["cooling", "gone_quiet", "all"] as const).map((state) => (
            <tr key={state}>
              <th scope="row">{t(state === "all" ? "health.comparison.all" : `health.state.${state}`)}</th>
              <td>{cell(t, comparison[state].nudged)}</td>
              <td>{cell(t, comparison[state].notNudged)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
