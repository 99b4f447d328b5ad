/** Following (docs/following.md): what browser and server code share. */
import { z } from "zod";
import type { FollowKind, NotificationKind } from "~db/enums";

/** The form contract's follow button: `intent=follow`, `value` 1 to follow, 0 to stop. */
export const FollowSchema = z.object({ intent: z.literal("follow"), value: z.enum(["1", "0"]) });

/** Kinds told in the app only: their email is the weekly digest, not one message per post. */
export const IN_APP_ONLY_KINDS: readonly NotificationKind[] = ["following"];

/** Where a followed thing lives. */
export function followUrl(kind: FollowKind, target: { id: number; name: string }) {
  switch (kind) {
    case "tag":
      return `/tags/${encodeURIComponent(target.name)}`;
    case "member":
      return `/members/${target.name}`;
    case "question":
      return `/questions/${target.id}`;
    case "idea":
      return `/ideas/${target.id}`;
    case "event":
      return `/events/${target.id}`;
  }
}
