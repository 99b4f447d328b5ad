import { z } from "zod";

/** Field rules shared by every form that asks for them; messages are translation keys. */
export const nameField = z.string().trim().min(2, "error.nameLength").max(80, "error.nameLength");
export const handleField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{3,30}$/, "error.handleFormat");
export const emailField = z.string().trim().max(254, "error.emailInvalid").email("error.emailInvalid");
export const newPasswordField = z.string().min(10, "error.passwordTooShort").max(200, "error.passwordTooLong");
export const optionalText = (max: number) => z.string().trim().max(max, "error.tooLong").default("");

export const TAG_PATTERN = /^[a-z0-9][a-z0-9.+#-]{0,29}$/;

/** "SQL, pipelines ,sql" → ["sql", "pipelines"]: trimmed, lower-case, without duplicates. */
export function parseTagList(input: string) {
  return [
    ...new Set(
      input
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** "a, b, c": 1 to 5 tags of lower-case letters, digits and . + # - */
export const tagsField = z
  .string()
  .transform(parseTagList)
  .refine((names) => names.length >= 1, "error.tagsRequired")
  .refine((names) => names.length <= 5, "error.tagsTooMany")
  .refine((names) => names.every((n) => TAG_PATTERN.test(n)), "error.tagFormat");
