/**
 * `npm run backup`: a consistent copy of DATABASE_PATH in backups/ beside it (./data/backups/), named by
 * UTC time; keeps the newest BACKUP_KEEP (14). Safe while the server runs. See docs/operations.md.
 */
import path from "node:path";
import { backupDatabase, OperationError } from "~/utils/backup.server";
import { env } from "~/utils/env.server";

try {
  const startedAt = Date.now();
  const { file, bytes, removed } = await backupDatabase({ databasePath: env().DATABASE_PATH, keep: env().BACKUP_KEEP });
  const size = bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
  console.log(`Backup written: ${file} (${size}, ${Date.now() - startedAt} ms, integrity ok).`);
  if (removed.length)
    console.log(
      `Removed ${removed.length} old backup(s), keeping the newest ${env().BACKUP_KEEP}: ${removed.map((f) => path.basename(f)).join(", ")}`,
    );
} catch (error) {
  console.error(error instanceof OperationError ? `Backup failed: ${error.message}` : error);
  process.exit(1);
}
