/**
 * Signed tokens for links that act without a session (one-click unsubscribe). The key is generated
 * on first use and kept in the database, so every process and machine signs and verifies alike.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { appSecrets } from "~db/schema";
import { db } from "./db.server";

let cachedKey: Buffer | undefined;

function signingKey() {
  if (cachedKey) return cachedKey;
  db.insert(appSecrets)
    .values({ name: "signing-key", value: randomBytes(32).toString("hex") })
    .onConflictDoNothing()
    .run();
  const row = db.select().from(appSecrets).where(eq(appSecrets.name, "signing-key")).get()!;
  cachedKey = Buffer.from(row.value, "hex");
  return cachedKey;
}

const mac = (payload: string) => createHmac("sha256", signingKey()).update(payload).digest("base64url");

/** `payload.signature`, URL-safe. The payload is readable, so it must not be secret. */
export function signToken(payload: string) {
  return `${Buffer.from(payload).toString("base64url")}.${mac(payload)}`;
}

/** The payload of a token this installation signed, or null. */
export function verifyToken(token: string): string | null {
  const [encoded, signature, extra] = token.split(".");
  if (!encoded || !signature || extra !== undefined) return null;
  const payload = Buffer.from(encoded, "base64url").toString();
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload : null;
}
