/**
 * Starts the real production server (scripts/start.ts) on a free port with its own temporary database,
 * and gives tests an HTTP client with a cookie jar plus a read handle on that database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

export type TestServer = {
  url: string;
  /** The site's own origin, which same-site form posts carry: PUBLIC_URL when the server has one, else `url`. */
  origin: string;
  /** The temporary directory with the database and the mail outbox; pass it to startServer to restart on it. */
  dir: string;
  dbPath: string;
  sqlite: Database.Database;
  /** Runs one write on the server's database, as an operator would (promote a member, clear throttles). */
  exec: (statement: string, ...params: unknown[]) => void;
  /** Gives a member reputation as the ledger would (one row, and the cached total in step). */
  grantReputation: (handle: string, points: number) => void;
  /** Everything the server wrote to stderr: a clean run has none. */
  stderr: () => string;
  /** The primary process (its children are the web workers). */
  pid: number;
  /** The emails the server wrote to its outbox (data/outbox/ beside the database), oldest first. */
  outbox: () => string[];
  /** SIGTERM, wait for the exit code; the temporary database is removed unless `keep` is set. */
  stop: (options?: { keep?: boolean }) => Promise<number | null>;
  /** SIGKILL: the process dies on the spot, as in a crash. The directory stays. */
  kill: () => Promise<void>;
};

/** A user to run the server as (and to own its directory): root ignores file permissions, so a test of them runs it as another. */
export type RunAs = { uid: number; gid: number };

export async function startServer({
  seed = false,
  env = {},
  dir: reuse,
  runAs,
}: { seed?: boolean; env?: Record<string, string>; dir?: string; runAs?: RunAs } = {}): Promise<TestServer> {
  const dir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), "kring-server-"));
  const dbPath = path.join(dir, "kring.db");
  if (runAs)
    for (const file of [
      dir,
      ...fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)),
    ])
      fs.chownSync(file, runAs.uid, runAs.gid);
  // The compiled server, as `npm start` runs it (test/global-setup.ts builds it).
  const child: ChildProcess = spawn(process.execPath, ["build/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      DATABASE_PATH: dbPath,
      SEED: seed ? "true" : "false",
      PUBLIC_URL: "",
      TRUST_PROXY: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    uid: runAs?.uid,
    gid: runAs?.gid,
  });
  // A test that fails or times out before stop() must not leave a server behind to load the machine.
  const reap = () => child.kill("SIGKILL");
  process.once("exit", reap);
  child.once("exit", () => process.off("exit", reap));
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    // Seeding the demo community takes a while when other test files keep both cores busy.
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${stdout}\n${stderr}`)),
      seed ? 240_000 : 30_000,
    );
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/localhost:\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  const sqlite = new Database(dbPath, { readonly: true });
  const outboxDir = path.join(dir, "outbox");
  return {
    url,
    pid: child.pid!,
    origin: env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : url,
    dir,
    dbPath,
    sqlite,
    outbox: () =>
      fs.existsSync(outboxDir)
        ? fs
            .readdirSync(outboxDir)
            .filter((f) => f.endsWith(".eml"))
            .map((f) => ({ f, at: fs.statSync(path.join(outboxDir, f)).mtimeMs }))
            .sort((a, b) => a.at - b.at)
            .map(({ f }) => fs.readFileSync(path.join(outboxDir, f), "utf8"))
        : [],
    exec: (statement, ...params) => {
      const writable = new Database(dbPath);
      try {
        writable.prepare(statement).run(...params);
      } finally {
        writable.close();
      }
    },
    grantReputation: (handle, points) => {
      const writable = new Database(dbPath);
      try {
        writable.transaction(() => {
          const { id } = writable.prepare("select id from users where handle = ?").get(handle) as { id: number };
          writable
            .prepare(
              "insert into reputation_events (user_id, points, reason, source, day, created_at) values (?, ?, 'accepted', 'test-grant', date('now'), ?)",
            )
            .run(id, points, Date.now());
          writable.prepare("update users set reputation = reputation + ? where id = ?").run(points, id);
          // The profile's monthly rollup, kept with the ledger as the app's append() keeps it (decision 010).
          writable
            .prepare(
              "insert into reputation_months (user_id, month, points) values (?, strftime('%Y-%m', 'now'), ?) on conflict (user_id, month) do update set points = points + excluded.points",
            )
            .run(id, points);
        })();
      } finally {
        writable.close();
      }
    },
    stderr: () => stderr,
    stop: async ({ keep = false } = {}) => {
      sqlite.close();
      const code =
        child.exitCode ??
        (await new Promise<number | null>((resolve) => {
          child.once("exit", (exitCode) => resolve(exitCode));
          child.kill("SIGTERM");
        }));
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
      return code;
    },
    kill: async () => {
      sqlite.close();
      if (child.exitCode !== null) return;
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGKILL");
      });
    },
  };
}

/** A scripted browser without JavaScript: follows nothing automatically, keeps cookies, sends a same-site Origin. */
export class Client {
  cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair.split("=");
      const value = rest.join("=");
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return response;
  }

  async get(pathname: string, headers: Record<string, string> = {}) {
    const response = await fetch(this.base + pathname, {
      redirect: "manual",
      headers: { ...this.headers, Cookie: this.cookieHeader(), ...headers },
    });
    return this.remember(response);
  }

  async post(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams(fields),
      headers: {
        Origin: this.base,
        "Content-Type": "application/x-www-form-urlencoded",
        ...this.headers,
        Cookie: this.cookieHeader(),
        ...headers,
      },
    });
    return this.remember(response);
  }

  async login(email: string, password: string) {
    const response = await this.post("/login", { email, password });
    if (response.status !== 302) throw new Error(`login failed with ${response.status}`);
    return response;
  }
}

/** Signs up through the real form and returns the signed-in client. */
export async function signUp(
  server: TestServer,
  fields: { name: string; handle: string; email: string; password: string },
) {
  const client = new Client(server.url, server.origin === server.url ? {} : { Origin: server.origin });
  const response = await client.post("/join", fields);
  if (response.status !== 302) throw new Error(`sign-up failed with ${response.status}: ${await response.text()}`);
  // Test members stand for people on their own networks: without this, every account after a file's third would
  // start under review as one from a busy address (docs/moderation.md, "Spam rules"), and its posts be held.
  server.exec("delete from login_failures where key like 'join-ip:%'");
  return client;
}

/**
 * One request over node:http, for what fetch refuses or silently changes: a forged Host header, any
 * method, a raw body of any size or type. Resolves with the status, headers and body text.
 */
export function rawRequest(
  base: string,
  pathname: string,
  {
    method = "GET",
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
) {
  const url = new URL(pathname, base);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const request = http.request(
      url,
      { method, headers, setHost: !Object.keys(headers).some((name) => name.toLowerCase() === "host") },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** Polls `read` every 100 ms until it gives a value (an email in the outbox, a row a job writes). */
export async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
