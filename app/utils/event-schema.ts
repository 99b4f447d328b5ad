/** What the meetup and RSVP forms accept; messages are translation keys. */
import { z } from "zod";
import { LIMITS } from "./post-schema";
import { optionalText, tagsField } from "./validation";

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
