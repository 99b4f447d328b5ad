/**
 * `npm start` after the build: migrate, seed a demo community when the database is empty, serve.
 * SEED=false skips the demo data (tests start from an empty community).
 */
import { sql } from "drizzle-orm";
import { users } from "~db/schema";
import { env } from "~/utils/env.server";
import { getDb, migrateDatabase } from "~/utils/db.server";
import { seed } from "./seed";
import { serve } from "./serve";

async function main() {
  const config = env();
  const db = getDb();
  migrateDatabase(db);
  const isEmpty = (db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0) === 0;
  if (isEmpty && config.SEED) {
    console.log("Empty database: seeding the demo community…");
    await seed();
  }
  console.log(`Database: ${config.DATABASE_PATH}`);
  await serve();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
