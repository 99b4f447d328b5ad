/** What the post forms accept (articles, questions, answers, comments, votes); messages are translation keys. */
import { z } from "zod";
import { FLAG_REASONS } from "~db/enums";
import { tagsField } from "./validation";

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
  // "Needs a lead's attention" (other) must say what, in the note: runSharedPostIntent checks (docs/moderation.md).
  z.object({
    intent: z.literal("flag"),
    postId: postIdField,
    reason: z.enum(FLAG_REASONS, { errorMap: () => ({ message: "error.flagReason" }) }),
    note: z.string().trim().max(500, "error.tooLong").default(""),
  }),
] as const;
