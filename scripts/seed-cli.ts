/** `npm run seed`: migrates the database at DATABASE_PATH and seeds the demo community into it. */
import { getDb, migrateDatabase } from "~/utils/db.server";
import { seed } from "./seed";

migrateDatabase(getDb());
seed()
  .then(() => console.log("Seeded the demo community."))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
