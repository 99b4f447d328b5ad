import { describe, expect, it } from "vitest";
import { clearLoginFailures, isLoginThrottled, LOGIN_WINDOW_MS, MAX_LOGIN_FAILURES, recordLoginFailure, throttleKeys } from "./login-throttle.server";

describe("login throttle", () => {
  it("throttles after 10 failures within 15 minutes, per key", () => {
    const now = 1_800_000_000_000;
    const keys = throttleKeys({ ip: "10.0.0.1", email: "A@Example.test" });
    expect(keys).toEqual(["ip:10.0.0.1", "account:a@example.test"]);
    for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i++) recordLoginFailure(keys, now);
    expect(isLoginThrottled(keys, now)).toBe(false);
    recordLoginFailure(keys, now);
    expect(isLoginThrottled(keys, now)).toBe(true);
    expect(isLoginThrottled(["ip:10.0.0.2"], now)).toBe(false);
    expect(isLoginThrottled(keys, now + LOGIN_WINDOW_MS + 1)).toBe(false);
  });

  it("counts an IP's failures across accounts", () => {
    const now = 1_800_000_000_000;
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) recordLoginFailure(throttleKeys({ ip: "10.9.9.9", email: `u${i}@x.test` }), now);
    expect(isLoginThrottled(throttleKeys({ ip: "10.9.9.9", email: "fresh@x.test" }), now)).toBe(true);
  });

  it("clearing an account's failures leaves the IP's", () => {
    const now = 1_800_000_000_000;
    const keys = throttleKeys({ ip: "10.1.1.1", email: "b@x.test" });
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) recordLoginFailure(keys, now);
    clearLoginFailures([keys[1]]);
    expect(isLoginThrottled([keys[1]], now)).toBe(false);
    expect(isLoginThrottled([keys[0]], now)).toBe(true);
  });
});
