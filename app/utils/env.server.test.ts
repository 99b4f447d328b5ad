import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("environment", () => {
  it("has working defaults", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_PATH).toBe("./data/kring.db");
    expect(env.SEED).toBe(true);
    expect(env.PUBLIC_URL).toBeUndefined();
    expect(env.BACKUP_KEEP).toBe(14);
    expect(env.BACKUP_DAILY).toBe(false);
    expect(env.VISIT_RETENTION_DAYS).toBe(400);
  });

  it("seeds the demo (known passwords) on a fresh machine, but not on a deployment with PUBLIC_URL unless asked", () => {
    expect(parseEnv({}).SEED).toBe(true);
    expect(parseEnv({ PUBLIC_URL: "https://kring.example" }).SEED).toBe(false);
    expect(parseEnv({ PUBLIC_URL: "https://kring.example", SEED: "" }).SEED).toBe(false);
    expect(parseEnv({ PUBLIC_URL: "https://kring.example", SEED: "true" }).SEED).toBe(true);
    expect(parseEnv({ SEED: "false" }).SEED).toBe(false);
  });

  it("names each bad variable in a clear message", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ PUBLIC_URL: "kring.example" })).toThrow(/PUBLIC_URL must be an absolute URL/);
    expect(() => parseEnv({ TRUST_PROXY: "maybe" })).toThrow(/TRUST_PROXY/);
    expect(() => parseEnv({ BACKUP_KEEP: "0" })).toThrow(/BACKUP_KEEP must be at least 1/);
    expect(() => parseEnv({ VISIT_RETENTION_DAYS: "7" })).toThrow(/VISIT_RETENTION_DAYS must be at least 30/);
  });
});
