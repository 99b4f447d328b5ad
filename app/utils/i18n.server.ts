/** The server speaks every language: importing this module loads both dictionaries (the browser loads one). */
import { en } from "~/locales/en";
import { nl } from "~/locales/nl";
import { registerDictionary, translator } from "./i18n";

registerDictionary("en", en);
registerDictionary("nl", nl);

export { translator };
