import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { communityDay, communityDaySql, communityWeek, communityWeekSql } from "./time";

describe("community days and weeks in SQL", () => {
  it("match the JavaScript ones around midnight, on both daylight-saving changes and across the year", () => {
    const instants = [
      "2025-10-26T00:59:00Z",
      "2025-10-26T01:00:00Z",
      "2025-10-26T22:30:00Z",
      "2025-10-26T23:30:00Z",
      "2026-03-29T00:59:00Z",
      "2026-03-29T01:00:00Z",
      "2026-03-29T21:30:00Z",
      "2026-03-29T22:30:00Z",
      "2026-07-05T21:59:00Z",
      "2026-07-05T22:00:00Z",
      "2026-12-31T22:59:00Z",
      "2026-12-31T23:00:00Z",
    ].map(Date.parse);
    for (
      let t = Date.parse("2025-01-01T00:00:00Z");
      t < Date.parse("2028-01-01T00:00:00Z");
      t += 7 * 3_600_000 + 13 * 60_000
    )
      instants.push(t);
    const values = sql.join(
      instants.map((t) => sql`(${t})`),
      sql`, `,
    );
    const rows = db.all<{ t: number; day: string; week: string }>(sql`
      select column1 as t, ${sql.raw(communityDaySql("column1"))} as day, ${sql.raw(communityWeekSql("column1"))} as week from (values ${values})`);
    const mismatches = rows.filter((r) => r.day !== communityDay(r.t) || r.week !== communityWeek(r.t));
    expect(rows).toHaveLength(instants.length);
    expect(mismatches).toEqual([]);
  });
});
