import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/utils/i18n";

/** The one pagination helper: reads and writes `?page=` and keeps the other query parameters. */
export function parsePage(url: URL) {
  const page = Number(url.searchParams.get("page") ?? "1");
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

export function Pagination({ page, hasMore }: { page: number; hasMore: boolean }) {
  const t = useT();
  const location = useLocation();
  if (page === 1 && !hasMore) return null;
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="muted">{t("pagination.page", { page })}</span>
      {hasMore ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {t("pagination.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
