import type { MessageKey, Translate } from "./i18n";

/**
 * The note of a flag, in the reader's language: the spam rules store theirs as "spam:<rule>" or
 * "spam:<rule>:<count>" (app/models/spam.server.ts); a member's note is shown as written. Only flags without
 * a flagger carry a rule's note, so a member who writes "spam:links" sees their own words.
 */
export function flagNoteText(t: Translate, flag: { note: string; flaggerName: string | null }) {
  const rule = flag.flaggerName === null ? /^spam:(duplicate|links|linkText|review)(?::(\d+))?$/.exec(flag.note) : null;
  if (!rule) return flag.note;
  return t(`spam.rule.${rule[1]}` as MessageKey, { count: Number(rule[2] ?? 0) });
}
