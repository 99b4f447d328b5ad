/**
 * Runs a job's heavy, synchronous work in a child process, so the web process that claimed the job keeps
 * answering requests meanwhile. The child opens its own connection to the same database (WAL). A process, not a
 * worker thread: web workers run with a small heap limit (scripts/start.ts, docs/capacity.md "Memory"), and Node
 * applies a process's heap flags to its threads too, while a job such as the daily matching at 100k members
 * needs more.
 */
import { spawn } from "node:child_process";

/** Well inside the job lock (2 minutes), so no other process starts a second run meanwhile. */
const TIMEOUT_MS = 90_000;
const DATA_VARIABLE = "KRING_JOB_DATA";

/** What the job's entry module was given (`data` of runInProcess). */
export function jobData(): Record<string, unknown> {
  return JSON.parse(process.env[DATA_VARIABLE] ?? "{}");
}

export function runInProcess(entry: string, data: Record<string, unknown>, label: string) {
  // The app is TypeScript run through tsx; the child registers tsx itself, resolved from here (not from the
  // working directory), with the default heap: none of this process's flags.
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "--eval", bootstrap], {
      env: { ...process.env, [DATA_VARIABLE]: JSON.stringify(data) },
      stdio: ["ignore", "inherit", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    const timer = setTimeout(() => {
      reject(new Error(`${label} took longer than ${TIMEOUT_MS / 1000} s`));
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${label} process exited with ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}
