/**
 * `npm run restore FILE`: replaces DATABASE_PATH with a backup after checking it; the replaced database
 * is kept beside it as `<name>.before-restore-<UTC time>`. Stop the server first. See docs/operations.md.
 */
import { OperationError, restoreDatabase } from "~/utils/backup.server";
import { env } from "~/utils/env.server";

const source = process.argv[2];
if (!source) {
  console.error("Usage: npm run restore FILE   (a backup, e.g. data/backups/kring-2026-11-26T03-00-00.000Z.db)");
  process.exit(2);
}
try {
  const { target, replaced, users, posts } = restoreDatabase({ source, target: env().DATABASE_PATH });
  console.log(`Restored ${source} to ${target} (${users} members, ${posts} posts; integrity ok).`);
  if (replaced) console.log(`The replaced database is kept as ${replaced}; to undo: npm run restore ${replaced}`);
} catch (error) {
  console.error(error instanceof OperationError ? `Restore refused: ${error.message}` : error);
  process.exit(1);
}
