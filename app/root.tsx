import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { THEMES, type Locale } from "~db/enums";
import stylesHref from "~/styles/app.css";
import { unreadCount } from "~/models/notification.server";
import { getUser, type SessionUser } from "~/utils/auth.server";
import { DEFAULT_LOCALE, LOCALES, localeOfError, translator, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { useNonce } from "~/utils/nonce";
import { canModerate, canSeeHealth } from "~/utils/permissions";
import { usePageLinkNavigation } from "~/components/PageLink";
import { StaticFragment } from "~/utils/fragment";
import { SuspensionDetails, type SuspensionData } from "~/components/SuspensionDetails";
import { resolveLocale, resolveTheme } from "~/utils/preferences.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "alternate", type: "application/atom+xml", title: "Kring", href: "/feed.xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const publicUser = user
    ? { id: user.id, name: user.name, handle: user.handle, role: user.role, unread: unreadCount(user.id) }
    : null;
  return json({ user: publicUser, locale: resolveLocale(request, user), theme: resolveTheme(request, user) });
}

export type RootData = {
  user: (Pick<SessionUser, "id" | "name" | "handle" | "role"> & { unread: number }) | null;
  locale: Locale;
  theme: string;
};

export function useOptionalUser() {
  return useRouteLoaderData<RootData>("root")?.user ?? null;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const locale = useLocale();
  const theme = data?.theme ?? "system";
  const nonce = useNonce();
  const t = translator(locale);
  const location = useLocation();
  usePageLinkNavigation();
  return (
    <html lang={locale} data-theme={theme}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content={theme === "system" ? "light dark" : theme} />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("nav.skip")}
        </a>
        {/* The same for every page view with this member, language, theme and URL: rendered once. */}
        <StaticFragment parts={["header", locale, theme, location.pathname, location.search, data?.user ?? null]}>
          {() => <Header />}
        </StaticFragment>
        <main id="main" className="container">
          {children}
        </main>
        <Footer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * On small screens the navigation, search and account links fold into a menu. The toggle is a <details> whose
 * open state shows its sibling panel by CSS, so the menu works without JavaScript; with it, following a link
 * closes the menu. docs/frontend.md
 */
function Header() {
  const t = useT();
  const user = useOptionalUser();
  const location = useLocation();
  const here = location.pathname + location.search;
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.key]);
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link to="/" className="logo" aria-label={t("nav.home")}>
          <span aria-hidden="true" className="logo-mark">
            ◯
          </span>{" "}
          {t("app.name")}
        </Link>
        <details className="menu-toggle" ref={menu}>
          <summary>
            {t("nav.menu")}
            {user?.unread ? <span className="badge-count">{t("header.unread", { count: user.unread })}</span> : null}
          </summary>
        </details>
        <div className="menu-panel">
          <nav aria-label={t("nav.main")} className="main-nav">
            <NavLink to="/articles">{t("nav.articles")}</NavLink>
            <NavLink to="/questions">{t("nav.questions")}</NavLink>
            <NavLink to="/ideas">{t("nav.ideas")}</NavLink>
            <NavLink to="/tags">{t("nav.tags")}</NavLink>
            <NavLink to="/members">{t("nav.members")}</NavLink>
            <NavLink to="/orgs">{t("nav.orgs")}</NavLink>
            <NavLink to="/events">{t("nav.events")}</NavLink>
            <NavLink to="/leaderboard">{t("nav.leaderboard")}</NavLink>
            {user && canSeeHealth(user) ? <NavLink to="/health">{t("nav.health")}</NavLink> : null}
            {user && canModerate(user) ? <NavLink to="/admin">{t("nav.admin")}</NavLink> : null}
          </nav>
          <Form method="get" action="/search" role="search" className="search-box">
            <label htmlFor="site-search" className="visually-hidden">
              {t("search.label")}
            </label>
            <input id="site-search" type="search" name="q" placeholder={t("search.placeholder")} />
            <button type="submit">{t("search.submit")}</button>
          </Form>
          <div className="account">
            {user ? (
              <>
                <Link to="/notifications" className="notifications-link">
                  {t("header.notifications")}
                  {user.unread ? (
                    <span className="badge-count">{t("header.unread", { count: user.unread })}</span>
                  ) : null}
                </Link>
                <Link to={`/members/${user.handle}`} title={t("header.signedInAs", { name: user.name })}>
                  {user.name}
                </Link>
                <Link to="/settings">{t("header.settings")}</Link>
                {/* A full page load: signed out, the page may speak another language (docs/i18n.md). */}
                <Form method="post" action="/logout" reloadDocument>
                  <button type="submit" className="link-button">
                    {t("header.logout")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("header.login")}</Link>
                <Link to="/join" className="button">
                  {t("header.join")}
                </Link>
              </>
            )}
          </div>
          <PreferenceSwitches redirectTo={here} />
        </div>
      </div>
    </header>
  );
}

function PreferenceSwitches({ redirectTo }: { redirectTo: string }) {
  const t = useT();
  const data = useRouteLoaderData<RootData>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const theme = data?.theme ?? "system";
  return (
    <div className="switches">
      <Form method="post" action="/preferences" className="switch" aria-label={t("header.language")} reloadDocument>
        <input type="hidden" name="intent" value="locale" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {LOCALES.map((l) => (
          <button
            key={l}
            type="submit"
            name="locale"
            value={l}
            lang={l}
            aria-pressed={l === locale}
            aria-label={t(`lang.${l}`)}
          >
            {l.toUpperCase()}
          </button>
        ))}
      </Form>
      <Form method="post" action="/preferences" className="switch" aria-label={t("header.theme")}>
        <input type="hidden" name="intent" value="theme" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {THEMES.map((th) => (
          <button
            key={th}
            type="submit"
            name="theme"
            value={th}
            aria-pressed={th === theme}
            title={t("theme.switchTo", { theme: t(`theme.${th}`) })}
          >
            <span aria-hidden="true">{th === "light" ? "☀" : th === "dark" ? "☾" : "◐"}</span>
            <span className="visually-hidden">{t(`theme.${th}`)}</span>
          </button>
        ))}
      </Form>
    </div>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>
          <strong>{t("app.name")}</strong> — {t("app.tagline")}
        </p>
        <p className="muted">{t("footer.about")}</p>
        <p>
          <Link to="/privacy">{t("footer.privacy")}</Link>
        </p>
      </div>
    </footer>
  );
}

export default function App() {
  return <Outlet />;
}

const ERROR_TEXT: Record<number, { title: MessageKey; body: MessageKey }> = {
  400: { title: "errorPage.badRequest.title", body: "errorPage.badRequest.body" },
  403: { title: "errorPage.forbidden.title", body: "errorPage.forbidden.body" },
  404: { title: "errorPage.notFound.title", body: "errorPage.notFound.body" },
};
const SERVER_ERROR_TEXT = { title: "errorPage.server.title", body: "errorPage.server.body" } as const;
const SUSPENDED_TEXT = { title: "errorPage.suspended.title", body: "errorPage.suspended.body" } as const;

/** What the error page says: a suspended member's 403 (app/utils/auth.server.ts) says why; other statuses by number. */
function errorText(error: unknown) {
  if (!isRouteErrorResponse(error)) return SERVER_ERROR_TEXT;
  if ((error.data as { suspended?: unknown } | null)?.suspended === true) return SUSPENDED_TEXT;
  return ERROR_TEXT[error.status] ?? SERVER_ERROR_TEXT;
}

/**
 * Only the error page uses this: when the root's boundary renders, the failed route's meta is gone
 * and the <title> would be empty. Pages without an error bring their own meta.
 */
export const meta: MetaFunction<typeof loader> = ({ error, data }) => {
  if (!error) return [];
  const t = translator(localeOfError(error) ?? data?.locale ?? DEFAULT_LOCALE);
  return [{ title: `${t(errorText(error).title)} · ${t("app.name")}` }];
};

/** The one error page: 404, 403 and 400 say what happened; anything else is a 500 without details. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const text = errorText(error);
  return (
    <section className="error-page">
      <p className="error-code">{status}</p>
      <h1>{t(text.title)}</h1>
      <p>{t(text.body)}</p>
      {text === SUSPENDED_TEXT ? <SuspensionDetails data={(error as { data: SuspensionData }).data} /> : null}
      <p>
        <Link to="/">{t("errorPage.backHome")}</Link>
      </p>
    </section>
  );
}
