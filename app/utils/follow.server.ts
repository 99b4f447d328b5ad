import { redirect } from "@remix-run/node";
import type { FollowKind } from "~db/enums";
import { setFollowing } from "~/models/follow.server";
import type { SessionUser } from "./auth.server";
import { badRequest, parseForm } from "./forms.server";
import { FollowSchema } from "./follow";
import { forbidden } from "./http.server";
import { canFollow } from "./permissions";
import { safeRedirect } from "./redirect";

/**
 * The `intent=follow` form of a page (tag, member, question, meetup; ideas too): 403 for who may not follow
 * it, 400 for a bad value, else follows or stops and sends the member back to the page (or a same-site
 * `redirectTo`, as /welcome's suggestions do).
 */
export function followIntent({
  user,
  formData,
  kind,
  targetId,
  back,
}: {
  user: SessionUser;
  formData: FormData;
  kind: FollowKind;
  targetId: number;
  back: string;
}) {
  if (!canFollow(user, { kind, id: targetId })) throw forbidden();
  const parsed = parseForm(FollowSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, { intent: "follow" });
  setFollowing({ userId: user.id, kind, targetId, value: parsed.data.value === "1" });
  return redirect(safeRedirect(formData.get("redirectTo"), back), 303);
}
