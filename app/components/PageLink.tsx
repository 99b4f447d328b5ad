import { useNavigate } from "@remix-run/react";
import { useEffect, type AnchorHTMLAttributes } from "react";

type PageLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  /** An absolute path of a page of this app (not a resource route: those need a document load). */
  to: string;
  /** Keep the scroll position on a client-side navigation, like Remix's `preventScrollReset`. */
  preventScrollReset?: boolean;
};

/**
 * A link to a page of the app, for lists with many links (a question page has hundreds). It renders a plain
 * `<a>` without hooks, about a tenth of the cost of Remix's `<Link>` on the server, and can be rendered outside
 * the router (cached fragments). With JavaScript, `usePageLinkNavigation` in the root turns its clicks into
 * client-side navigations, as `<Link>` does. docs/decisions/009-signed-in-rendering.md
 */
export function PageLink({ to, preventScrollReset, children, ...props }: PageLinkProps) {
  return (
    <a data-page-link={preventScrollReset ? "keep-scroll" : ""} {...props} href={to}>
      {children}
    </a>
  );
}

/** One click listener for every PageLink: a plain left click navigates inside the app; anything else is the browser's. */
export function usePageLinkNavigation() {
  const navigate = useNavigate();
  useEffect(() => {
    function onClick(event: MouseEvent) {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[data-page-link]");
      if (!(anchor instanceof HTMLAnchorElement) || (anchor.target && anchor.target !== "_self")) return;
      const url = new URL(anchor.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(url.pathname + url.search + url.hash, {
        preventScrollReset: anchor.dataset.pageLink === "keep-scroll",
      });
    }
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}
