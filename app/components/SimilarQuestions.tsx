import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT } from "~/utils/i18n";

export type SimilarItem = { id: number; title: string; answerCount: number; accepted: boolean };

/** Shortest title worth asking about; the server also drops stop words (docs/similar-questions.md). */
const MIN_TITLE = 3;

/**
 * Questions like the one being written, so a member finds an existing answer before asking again.
 * Without JavaScript the list comes with the editor's preview; with it, from /questions/similar as the
 * title is typed. The live region is always there so a screen reader hears the list change.
 */
export function SimilarQuestions({ items }: { items: SimilarItem[] }) {
  const t = useT();
  return (
    <div className="similar-questions" aria-live="polite">
      {items.length ? (
        <section aria-labelledby="similar-heading" className="notice">
          <h2 id="similar-heading" className="small">
            {t("questions.similar.heading")}
          </h2>
          <p className="muted small">{t("questions.similar.hint")}</p>
          <ul>
            {items.map((q) => (
              <li key={q.id}>
                <Link to={`/questions/${q.id}`} target="_blank" rel="noopener">
                  {q.title}
                </Link>{" "}
                <span className="muted small">
                  · {t("questions.similar.answers", { count: q.answerCount })}
                  {q.accepted ? <> · ✓ {t("question.hasAccepted")}</> : null}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/**
 * The list to show: the preview's (no JavaScript) until the title changes, then the resource route's
 * answer for the title typed, fetched 300 ms after typing stops; nothing for a title too short.
 */
export function useSimilarQuestions(initial: SimilarItem[] | undefined, title: string) {
  const fetcher = useFetcher<{ questions: SimilarItem[] }>();
  const last = useRef(title.trim());
  const [tooShort, setTooShort] = useState(false);
  useEffect(() => {
    const q = title.trim();
    if (q === last.current) return;
    last.current = q;
    if (q.length < MIN_TITLE) {
      setTooShort(true);
      return;
    }
    const timer = setTimeout(() => {
      setTooShort(false);
      fetcher.load(`/questions/similar?${new URLSearchParams({ q })}`);
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [title]);
  if (tooShort) return [];
  return fetcher.data?.questions ?? initial ?? [];
}
