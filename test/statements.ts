/**
 * Which SQL statements code executes. Statements are watched on their shared prototype, so statements prepared
 * once and reused (app/utils/db.server.ts `prepared`) are seen too: counting `prepare` calls would miss them.
 */
import { db } from "~/utils/db.server";

export type Captured = { sql: string; params: unknown[] };

const METHODS = ["all", "get", "run", "iterate"] as const;

/** Calls `seen` for every statement run until the returned function is called. */
function watch(seen: (statement: Captured) => void): () => void {
  const proto = Object.getPrototypeOf(db.$client.prepare("select 1")) as Record<string, unknown>;
  const originals = METHODS.map((m) => proto[m] as (...a: unknown[]) => unknown);
  METHODS.forEach((method, i) => {
    proto[method] = function (this: { source: string }, ...params: unknown[]) {
      seen({ sql: this.source, params });
      return originals[i].apply(this, params);
    };
  });
  return () => METHODS.forEach((method, i) => (proto[method] = originals[i]));
}

/** Runs `fn` and returns every statement it executed, with its parameters. */
export async function capture(fn: () => Promise<unknown>) {
  const seen: Captured[] = [];
  const stop = watch((statement) => seen.push(statement));
  try {
    await fn();
  } finally {
    stop();
  }
  return seen;
}

/** Runs `fn` and returns its result and how many statements it executed. */
export function counted<T>(fn: () => T): { result: T; statements: number } {
  let statements = 0;
  const stop = watch(() => statements++);
  try {
    return { result: fn(), statements };
  } finally {
    stop();
  }
}
