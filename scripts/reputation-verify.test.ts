import { spawnSync } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "~db/schema";
import { db } from "~/utils/db.server";
import { seed } from "./seed";

const verify = () =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/reputation-verify.ts"], {
    env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH },
    encoding: "utf8",
  });

describe("npm run reputation:verify", () => {
  it("passes on the seeded community and fails on a tampered cached total", async () => {
    await seed();
    const top = db
      .select({ id: users.id, reputation: users.reputation })
      .from(users)
      .orderBy(sql`${users.reputation} desc`)
      .limit(1)
      .get()!;
    expect(top.reputation).toBeGreaterThan(100); // the seeded history earned real reputation
    const clean = verify();
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stdout).toContain("Reputation verified");

    db.update(users)
      .set({ reputation: top.reputation + 1 })
      .where(eq(users.id, top.id))
      .run();
    const tampered = verify();
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain(`cached ${top.reputation + 1}, ledger ${top.reputation}`);
  }, 180_000); // seeding the demo community is slow while other files keep both cores busy
});
