/**
 * The known-device cookie: a long-lived signed list of the accounts that signed in (or joined, or reset
 * their password) in this browser. It only lifts the account-wide log-in limit, so an attack on an
 * account from many addresses cannot lock its owner's own browsers out. docs/security.md
 */
import { parse } from "cookie";
import { Cookie } from "lucia";
import { isSecureRequest } from "./auth.server";
import { signToken, verifyToken } from "./signing.server";

export const KNOWN_DEVICE_COOKIE = "kring_device";
const PREFIX = "known-device:";
const MAX_AGE_SECONDS = 400 * 24 * 60 * 60; // browsers cap cookie lifetimes at 400 days
/** A shared family computer may know a few accounts; the oldest drops out. */
const MAX_ACCOUNTS = 5;

function knownAccounts(request: Request): number[] {
  const value = parse(request.headers.get("Cookie") ?? "")[KNOWN_DEVICE_COOKIE];
  const payload = value ? verifyToken(value) : null;
  if (!payload?.startsWith(PREFIX)) return [];
  return payload
    .slice(PREFIX.length)
    .split(",")
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0);
}

export function isKnownDevice(request: Request, userId: number | undefined) {
  return userId !== undefined && knownAccounts(request).includes(userId);
}

/** The Set-Cookie header value that adds the account to this browser's known accounts. */
export function knownDeviceCookie(request: Request, userId: number) {
  const ids = [...knownAccounts(request).filter((id) => id !== userId), userId].slice(-MAX_ACCOUNTS);
  return new Cookie(KNOWN_DEVICE_COOKIE, signToken(PREFIX + ids.join(",")), {
    httpOnly: true,
    sameSite: "lax",
    secure: isSecureRequest(request),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  }).serialize();
}
