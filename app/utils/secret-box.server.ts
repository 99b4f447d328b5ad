/**
 * Secrets Kring must keep but never show (an OpenID provider's client secret), sealed with AES-256-GCM.
 * The key is generated on first use and kept in the database's app secrets, like the signing key
 * (app/utils/signing.server.ts), so every process seals and opens alike. A sealed value is
 * `v1.<iv>.<ciphertext>.<tag>` (base64url); a changed byte fails to open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { appSecrets } from "~db/schema";
import { db } from "./db.server";

const KEY_NAME = "secret-box-key";
let cachedKey: Buffer | undefined;

function boxKey() {
  if (cachedKey) return cachedKey;
  const read = () => db.select().from(appSecrets).where(eq(appSecrets.name, KEY_NAME)).get();
  // Read first: on a read-only database the insert fails even when the key exists.
  if (!read())
    db.insert(appSecrets)
      .values({ name: KEY_NAME, value: randomBytes(32).toString("hex") })
      .onConflictDoNothing()
      .run();
  const row = read()!;
  cachedKey = Buffer.from(row.value, "hex");
  return cachedKey;
}

/** `context` binds the sealed value to its place (e.g. "oidc:3"): moved elsewhere, it does not open. */
export function seal(plaintext: string, context: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", boxKey(), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The plaintext, or null when the value was not sealed here, for this context, unchanged. */
export function open(sealed: string, context: string): string | null {
  const [version, iv, body, tag, extra] = sealed.split(".");
  if (version !== "v1" || !iv || body === undefined || !tag || extra !== undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", boxKey(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
