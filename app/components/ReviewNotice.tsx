import type { PostStatus } from "~db/enums";
import { useT } from "~/utils/i18n";

/** What the author and the leads read on a post that waits for review (docs/moderation.md, "Post states"). */
export function ReviewNotice({ status }: { status: PostStatus }) {
  const t = useT();
  if (status !== "held" && status !== "hidden") return null;
  return (
    <p className="form-error" role="status">
      {t(status === "held" ? "post.heldNotice" : "post.hiddenNotice")}
    </p>
  );
}
