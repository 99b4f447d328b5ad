import type { LoaderFunctionArgs } from "@remix-run/node";
import { allAudit, parseAuditFilter } from "~/models/audit.server";
import { requirePermission } from "~/utils/auth.server";
import { csvResponse } from "~/utils/csv.server";
import { translator } from "~/utils/i18n.server";
import { canModerate } from "~/utils/permissions";
import { resolveLocale } from "~/utils/preferences.server";

/** The audit log with the filters of /admin/audit, every matching entry (no pages), for leads and admins. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, canModerate);
  const t = translator(resolveLocale(request, user));
  const parsed = parseAuditFilter(new URL(request.url).searchParams);
  if (!parsed.ok) {
    const messages = Object.entries(parsed.errors).map(([field, key]) => `${field}: ${t(key!)}`);
    return new Response(`${messages.join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const rows = allAudit(parsed.filter).map((e) => [
    e.createdAt.toISOString(),
    e.actorHandle ?? "",
    e.action,
    t(`audit.action.${e.action}`),
    e.subject,
    e.detail,
  ]);
  return csvResponse(
    [["time", "actor", "action", "action_label", "subject", "detail"], ...rows],
    "kring-audit-log.csv",
  );
}
