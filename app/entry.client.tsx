import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale, registerDictionary } from "~/utils/i18n";

// Only the page's language is downloaded, before hydration, so the first render matches the server's.
// Whatever can change the language reloads the document (reloadDocument). docs/i18n.md
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
const dictionary =
  locale === "nl" ? import("~/locales/nl").then((m) => m.nl) : import("~/locales/en").then((m) => m.en);

dictionary.then((loaded) => {
  registerDictionary(locale, loaded);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
