/** What the idea forms accept (docs/ideas.md); messages are translation keys. Shared by the routes and their tests. */
import { z } from "zod";
import { IDEA_STATUSES } from "~db/enums";
import { bodyField, LIMITS, postIdField, sharedPostIntents, titleField } from "./post-schema";
import { tagsField } from "./validation";

export const IDEA_RESPONSE_MAX = 5_000;

export const IdeaSchema = z.object({
  title: titleField,
  body: bodyField(LIMITS.questionBody),
  tags: tagsField,
  orgSlug: z.string().trim().min(1, "error.orgRequired").max(60, "error.orgRequired"),
});

/** An idea's page takes the post intents delete, restore and flag as other post pages do (its `vote` is support). */
const [, , deleteIntent, restoreIntent, flagIntent] = sharedPostIntents;

export const IdeaActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("vote"), value: z.enum(["1", "0"]).transform((v) => Number(v) as 0 | 1) }),
  z.object({
    intent: z.literal("status"),
    status: z.enum(IDEA_STATUSES),
    response: z.string().trim().max(IDEA_RESPONSE_MAX, "error.tooLong").default(""),
  }),
  z.object({ intent: z.literal("merge"), target: postIdField }),
  deleteIntent,
  restoreIntent,
  flagIntent,
]);
