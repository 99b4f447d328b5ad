import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { LOCALES, THEMES } from "~db/enums";
import { setUserLocale, setUserTheme } from "~/models/user.server";
import { getUser } from "~/utils/auth.server";
import { localeCookie, themeCookie } from "~/utils/preferences.server";
import { safeRedirect } from "~/utils/redirect";

const PreferenceSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("locale"), locale: z.enum(LOCALES), redirectTo: z.string().optional() }),
  z.object({ intent: z.literal("theme"), theme: z.enum(THEMES), redirectTo: z.string().optional() }),
]);

/** The header's language and theme switches: a cookie for everyone, and the member's setting when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = PreferenceSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const user = await getUser(request);
  const headers = new Headers();
  if (parsed.data.intent === "locale") {
    if (user) setUserLocale({ id: user.id, locale: parsed.data.locale });
    headers.append("Set-Cookie", localeCookie(parsed.data.locale));
  } else {
    if (user) setUserTheme({ id: user.id, theme: parsed.data.theme });
    headers.append("Set-Cookie", themeCookie(parsed.data.theme));
  }
  return redirect(safeRedirect(parsed.data.redirectTo), { headers });
}

export async function loader() {
  return redirect("/");
}
