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

export const LIMITS = {
  articleBody: 20_000,
  questionBody: 10_000,
  answerBody: 10_000,
  comment: 600,
  summary: 300,
} as const;

export const titleField = z.string().trim().min(10, "error.titleLength").max(150, "error.titleLength");
export const bodyField = (max: number, min = 20) =>
  z.string().trim().min(min, "error.bodyTooShort").max(max, "error.bodyTooLong");
/** "a, b, c": 1 to 5 tags of lower-case letters, digits and . + # - */
export const tagsField = z
  .string()
  .transform(parseTagList)
  .refine((names) => names.length >= 1, "error.tagsRequired")
  .refine((names) => names.length <= 5, "error.tagsTooMany")
  .refine((names) => names.every((n) => TAG_PATTERN.test(n)), "error.tagFormat");
export const postIdField = z.coerce.number().int().positive();

export const ArticleSchema = z.object({
  title: titleField,
  summary: z.string().trim().max(LIMITS.summary, "error.tooLong").default(""),
  body: bodyField(LIMITS.articleBody),
  tags: tagsField,
});

export const QuestionSchema = z.object({
  title: titleField,
  body: bodyField(LIMITS.questionBody),
  tags: tagsField,
});

export const AnswerSchema = z.object({ body: bodyField(LIMITS.answerBody, 10) });

/** The intents every post page accepts (vote, comment, delete, restore); pages add their own. */
export const sharedPostIntents = [
  z.object({
    intent: z.literal("vote"),
    postId: postIdField,
    value: z.enum(["1", "-1", "0"]).transform((v) => Number(v) as -1 | 0 | 1),
  }),
  z.object({ intent: z.literal("comment"), postId: postIdField, body: bodyField(LIMITS.comment, 2) }),
  z.object({ intent: z.literal("delete"), postId: postIdField }),
  z.object({ intent: z.literal("restore"), postId: postIdField }),
] as const;

const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "error.dateTime");
const optionalUrl = z
  .string()
  .trim()
  .max(500, "error.tooLong")
  .refine((v) => v === "" || /^https:\/\/\S+$/.test(v), "error.urlInvalid")
  .default("");

/** The meetup form (docs/product.md, "Form contract"); times are local to `timezone` and converted by the route. */
export const EventSchema = z
  .object({
    title: z.string().trim().min(5, "error.titleLength").max(150, "error.titleLength"),
    description: z.string().trim().min(10, "error.bodyTooShort").max(LIMITS.articleBody, "error.bodyTooLong"),
    startsAt: localDateTime,
    endsAt: localDateTime,
    timezone: z.string().trim().min(1, "error.timezone").max(64, "error.timezone").default("Europe/Amsterdam"),
    venue: optionalText(120),
    address: optionalText(200),
    city: optionalText(80),
    onlineUrl: optionalUrl,
    capacity: z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 10_000), "error.capacity")
      .transform((v) => (v === "" ? null : Number(v))),
    rsvpDeadline: z.union([z.literal(""), localDateTime]).default(""),
    tags: tagsField,
    hosts: optionalText(300),
  })
  .refine((e) => (e.venue && e.address) || e.onlineUrl, { message: "error.placeRequired", path: ["venue"] });

export const RsvpSchema = z.object({
  intent: z.literal("rsvp"),
  status: z.enum(["going", "maybe", "not_going"]),
  note: optionalText(300),
  visible: z.enum(["1", "0"]).optional(),
});
