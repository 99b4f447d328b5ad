import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportMember } from "~/models/privacy.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

/** "Download my data" on /settings: one JSON file with everything Kring keeps about the member (docs/privacy.md). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const data = exportMember(user.id, now);
  if (!data) throw notFound();
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="kring-${user.handle}-${now.toISOString().slice(0, 10)}.json"`,
      // Personal data: no shared or browser cache may keep it.
      "Cache-Control": "no-store",
    },
  });
}
