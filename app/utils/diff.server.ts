/**
 * Word diffs for the revision history, on the server only (the `diff` package stays out of the
 * browser bundle). docs/content.md
 */
import { diffWordsWithSpace } from "diff";

export type DiffPart = { text: string; change?: "added" | "removed" };

/**
 * Beyond this many edits a diff says "all of it changed": Myers' algorithm grows with the square of the
 * edits, and two unrelated 20,000-character versions would hold the event loop for seconds.
 */
const MAX_EDITS = 2_000;

/** `after` against `before`, as runs of unchanged, added and removed text. */
export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return after ? [{ text: after }] : [];
  const parts = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDITS });
  if (!parts)
    return [
      ...(before ? [{ text: before, change: "removed" as const }] : []),
      ...(after ? [{ text: after, change: "added" as const }] : []),
    ];
  return parts.map((part) => ({
    text: part.value,
    ...(part.added ? { change: "added" as const } : part.removed ? { change: "removed" as const } : {}),
  }));
}
