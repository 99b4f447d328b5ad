/**
 * The daily backup (BACKUP_DAILY=true): runs scripts/backup.ts in a child process, exactly as
 * `npm run backup` does, so copying and checking a large file never holds up this process's requests.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { env } from "~/utils/env.server";

/** Inside the job lock (2 minutes), so no other process starts a second copy meanwhile. */
const TIMEOUT_MS = 100_000;

export function runBackupScript() {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/backup.ts"], {
      // Paths are relative to where the server was started, the project's root (as migrations and the build are).
      env: { ...process.env, DATABASE_PATH: path.resolve(env().DATABASE_PATH) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        console.log(output.trim());
        resolve();
      } else
        reject(
          new Error(
            `backup ${signal ? `killed after ${TIMEOUT_MS / 1000} s` : `exited with ${code}`}: ${output.trim()}`,
          ),
        );
    });
  });
}
