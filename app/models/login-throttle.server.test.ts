import { describe, expect, it } from "vitest";
import {
  forgiveAccount,
  forgiveAddress,
  joinLimits,
  JOIN_WINDOW_MS,
  LOGIN_WINDOW_MS,
  loginLimits,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_ADDRESS_AND_ACCOUNT,
  MAX_JOINS_PER_ADDRESS,
  releaseAttempt,
  reserveAttempt,
} from "./login-throttle.server";

const now = 1_800_000_000_000;
const login = (ip: string, email: string, at = now, knownDevice = false) =>
  reserveAttempt(loginLimits({ ip, email, knownDevice }), at);

describe("login throttle", () => {
  it("refuses the 11th attempt for one account from one address, until the oldest leaves the window", () => {
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS_AND_ACCOUNT; i++)
      expect(login("10.0.0.1", "a@x.test", now + i * 1000).ok).toBe(true);
    // The same account typed differently is the same account.
    expect(login("10.0.0.1", " A@X.test ", now + 60_000)).toEqual({
      ok: false,
      retryAfterSeconds: LOGIN_WINDOW_MS / 1000 - 60,
    });
    // A refused attempt is not counted: once the first attempt leaves the window, one more is allowed.
    expect(login("10.0.0.1", "a@x.test", now + LOGIN_WINDOW_MS).ok).toBe(true);
    expect(login("10.0.0.1", "a@x.test", now + LOGIN_WINDOW_MS).ok).toBe(false);
    // Another address, or another account from this address, is not affected.
    expect(login("10.0.0.2", "a@x.test").ok).toBe(true);
    expect(login("10.0.0.1", "b@x.test").ok).toBe(true);
  });

  it("refuses an address after 30 failures across accounts (spraying)", () => {
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect(login("10.9.9.9", `u${i}@x.test`).ok).toBe(true);
    expect(login("10.9.9.9", "fresh@x.test").ok).toBe(false);
    expect(login("10.9.9.8", "fresh@x.test").ok).toBe(true);
  });

  it("limits an account across addresses for browsers that never signed in to it, not for known devices", () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) expect(login(`10.2.${i}.1`, "owner@x.test").ok).toBe(true);
    expect(login("10.3.0.1", "owner@x.test").ok).toBe(false);
    expect(login("10.3.0.1", "owner@x.test", now, true).ok).toBe(true);
  });

  it("with several limits reached, waits for the last one to free", () => {
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS_AND_ACCOUNT; i++) login("10.4.0.1", "c@x.test", now + 5 * 60_000);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS - MAX_FAILURES_PER_ADDRESS_AND_ACCOUNT; i++)
      login("10.4.0.1", `s${i}@x.test`, now);
    const refused = login("10.4.0.1", "c@x.test", now + 6 * 60_000);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: (LOGIN_WINDOW_MS - 60_000) / 1000 });
  });

  it("a released attempt does not count; forgiving clears the address's or the account's pair counts only", () => {
    const attempts = Array.from({ length: MAX_FAILURES_PER_ADDRESS_AND_ACCOUNT }, () => login("10.5.0.1", "d@x.test"));
    const first = attempts[0];
    if (!first.ok) throw new Error("expected a reservation");
    releaseAttempt(first.ids);
    expect(login("10.5.0.1", "d@x.test").ok).toBe(true);
    expect(login("10.5.0.1", "d@x.test").ok).toBe(false);
    forgiveAddress({ ip: "10.5.0.1", email: "D@x.test" });
    expect(login("10.5.0.1", "d@x.test").ok).toBe(true);

    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS_AND_ACCOUNT; i++) login("10.5.0.2", "e@x.test");
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS_AND_ACCOUNT; i++) login("10.5.0.2", "e@x.test.other");
    forgiveAccount("e@x.test");
    expect(login("10.5.0.2", "e@x.test").ok).toBe(true);
    // A longer address that merely starts with the same text keeps its count.
    expect(login("10.5.0.2", "e@x.test.other").ok).toBe(false);
  });
});

describe("sign-up throttle", () => {
  it("allows 20 sign-ups per address per hour", () => {
    for (let i = 0; i < MAX_JOINS_PER_ADDRESS; i++)
      expect(reserveAttempt(joinLimits({ ip: "10.6.0.1" }), now).ok).toBe(true);
    expect(reserveAttempt(joinLimits({ ip: "10.6.0.1" }), now + 1000)).toEqual({
      ok: false,
      retryAfterSeconds: JOIN_WINDOW_MS / 1000 - 1,
    });
    expect(reserveAttempt(joinLimits({ ip: "10.6.0.2" }), now).ok).toBe(true);
    expect(reserveAttempt(joinLimits({ ip: "10.6.0.1" }), now + JOIN_WINDOW_MS).ok).toBe(true);
  });
});
