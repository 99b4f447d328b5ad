/** `npm run db:migrate`: applies the committed migrations to DATABASE_PATH. */
import { env } from "~/utils/env.server";
import { migrateDatabase, openDatabase } from "~/utils/db.server";

const db = openDatabase(env().DATABASE_PATH);
migrateDatabase(db);
db.$client.close();
console.log(`Migrated ${env().DATABASE_PATH}`);
