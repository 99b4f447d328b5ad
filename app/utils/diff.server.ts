/**
 * Word diffs for the revision history, on the server only (the `diff` package stays out of the
 * browser bundle). docs/content.md
 */
import { diffWordsWithSpace } from "diff";

export type DiffPart = { text: string; change?: "added" | "removed" };

/** `after` against `before`, as runs of unchanged, added and removed text. */
export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return after ? [{ text: after }] : [];
  return diffWordsWithSpace(before, after).map((part) => ({
    text: part.value,
    ...(part.added ? { change: "added" as const } : part.removed ? { change: "removed" as const } : {}),
  }));
}
