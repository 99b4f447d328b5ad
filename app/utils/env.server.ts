import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default("./data/kring.db"),
    PUBLIC_URL: z
      .string()
      .url("PUBLIC_URL must be an absolute URL such as https://kring.example")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    TRUST_PROXY: booleanFlag,
    /** Server processes; 0 means one per CPU core. */
    WEB_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(0),
    /** gzip responses here; off by default because the reverse proxy in front does it better. */
    COMPRESSION: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    /** The in-memory page cache for anonymous visitors. */
    PAGE_CACHE: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    /** Outgoing mail: an SMTP server (smtp://user:pass@host:587); without it mail is written to OUTBOX_DIR. */
    SMTP_URL: z
      .string()
      .url("SMTP_URL must be a URL such as smtp://user:pass@mail.example:587")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    MAIL_FROM: z.string().min(3).default("Kring <no-reply@kring.example>"),
    /** Where mail goes without SMTP_URL, one .eml file per message; defaults to outbox/ beside the database. */
    OUTBOX_DIR: z.string().optional(),
    /** Run durable jobs (emails, digests) in this process; tests turn it off to enqueue without sending. */
    JOBS: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    /** How many backups `npm run backup` keeps in backups/ beside the database (the newest). */
    BACKUP_KEEP: z.coerce.number().int().min(1, "BACKUP_KEEP must be at least 1").max(10_000).default(14),
    /**
     * Days a visit (`user_visits`) is kept before the daily clean-up deletes it (docs/privacy.md). /health
     * reads 52 weeks and the 30 days before them (394 days): fewer empties the oldest weeks of its visit charts.
     */
    VISIT_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(30, 'VISIT_RETENTION_DAYS must be at least 30 (the digest and "last seen" read recent visits)')
      .max(100_000)
      .default(400),
    /** Question routing (docs/routing.md): the time to a first answer a routed question aims for, in hours. */
    ROUTING_TARGET_HOURS: z.coerce
      .number()
      .min(1, "ROUTING_TARGET_HOURS must be at least 1")
      .max(24 * 30)
      .default(24),
    /** How many routed questions one expert is asked at most in 24 hours. */
    ROUTING_DAILY_CAP: z.coerce.number().int().min(1).max(100).default(3),
    /** An expert with this many routed questions still unanswered is not asked more. */
    ROUTING_MAX_OPEN: z.coerce.number().int().min(1).max(100).default(5),
    /** Take a backup once a day from the job scheduler, as `npm run backup` does (docs/operations.md). */
    BACKUP_DAILY: booleanFlag,
    /**
     * Seed the demo community (accounts with a published password) when the database is empty. Unset, it
     * seeds only where no PUBLIC_URL is set: a fresh machine, never a real deployment unless SEED=true.
     */
    SEED: z.enum(["true", "false", ""]).optional(),
  })
  .transform(({ SEED, ...rest }) => ({ ...rest, SEED: SEED === "true" || ((SEED ?? "") === "" && !rest.PUBLIC_URL) }));

export type Env = z.output<typeof EnvSchema>;

/** Parses the environment once; bad values stop the process with a message per variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
