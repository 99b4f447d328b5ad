/**
 * The schemas of the post pages' actions. They live in a `.server` module so that the pages' browser code
 * does not import zod: with code splitting, a module that a page imports brings its chunk along even when the
 * page uses none of it, and zod is 59 KB (docs/frontend.md, "Schemas").
 */
import { z } from "zod";
import { bodyField, LIMITS, postIdField, sharedPostIntents } from "./post-schema";

export const QuestionActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("answer"), body: bodyField(LIMITS.answerBody, 10) }),
  z.object({ intent: z.literal("accept"), answerId: postIdField }),
  ...sharedPostIntents,
]);

export const ArticleActionSchema = z.discriminatedUnion("intent", [...sharedPostIntents]);
