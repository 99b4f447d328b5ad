import { Form, Link } from "@remix-run/react";
import { STEP_LINKS, type ChecklistStep } from "~/utils/onboarding";
import { useT } from "~/utils/i18n";

/**
 * The newcomer's checklist (home page and /welcome): each step links to where it is done and is ticked from
 * what the member did. "Hide" posts to /welcome (`intent=dismiss`) and comes back to `from`.
 */
export function Checklist({
  steps,
  done,
  total,
  from,
  headingLevel = 2,
}: {
  steps: { step: ChecklistStep; done: boolean }[];
  done: number;
  total: number;
  from: string | null;
  headingLevel?: 1 | 2;
}) {
  const t = useT();
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section className="welcome-box" aria-labelledby="checklist-title">
      <Heading id="checklist-title">{t("welcome.title")}</Heading>
      <p>{t("welcome.intro")}</p>
      <p className="muted small" id="checklist-progress">
        {t("welcome.progress", { done, total })}
      </p>
      <ol className="checklist" aria-describedby="checklist-progress">
        {steps.map(({ step, done: ticked }) => (
          <li key={step} className={ticked ? "done" : undefined} data-step={step}>
            <span className="tick" aria-hidden="true">
              {ticked ? "✔" : "○"}
            </span>
            <Link to={STEP_LINKS[step]}>{t(`welcome.step.${step}`)}</Link>{" "}
            <span className="visually-hidden">({ticked ? t("welcome.stepDone") : t("welcome.stepTodo")})</span>
          </li>
        ))}
      </ol>
      {from ? (
        <div>
          {from === "/" ? (
            <>
              <Link to="/welcome">{t("welcome.more")} →</Link>{" "}
            </>
          ) : null}
          <Form method="post" action="/welcome" className="follow-form">
            <input type="hidden" name="intent" value="dismiss" />
            <input type="hidden" name="redirectTo" value={from} />
            <button type="submit" className="small-button secondary">
              {t("welcome.dismiss")}
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
