/**
 * A burst of writes over HTTP for the backup and crash tests (servers with TRUST_PROXY=true): sign-ups, and questions asked by a lead
 * (no posting limits), with `concurrency` requests in flight until stopped. Every write the server
 * acknowledged (302) is recorded, with when.
 */
import { Client, signUp, type TestServer } from "./server";

export const LOAD_PASSWORD = "load-password-1";

export type Ack = { kind: "member" | "question"; name: string; at: number };

export async function startWriteLoad(
  server: TestServer,
  { prefix, concurrency = 6 }: { prefix: string; concurrency?: number },
) {
  const leadHandle = `${prefix}_lead`;
  const lead = await signUp(server, {
    name: "Load Lead",
    handle: leadHandle,
    email: `${leadHandle}@example.test`,
    password: LOAD_PASSWORD,
  });
  server.exec("update users set role = 'lead' where handle = ?", leadHandle);
  const acked: Ack[] = [];
  /** Answers other than success, and requests that got no answer (a killed server). */
  const failures: string[] = [];
  let next = 0;
  let stopped = false;

  async function write(i: number) {
    if (i % 2 === 0) {
      const handle = `${prefix}_${i}`;
      // Each from its own address (the server runs with TRUST_PROXY=true), as real sign-ups are: one
      // address may only sign up 20 times an hour.
      const from = { "X-Forwarded-For": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
      const response = await new Client(server.url).post(
        "/join",
        { name: `Load Member ${i}`, handle, email: `${handle}@example.test`, password: LOAD_PASSWORD },
        from,
      );
      if (response.status === 302) acked.push({ kind: "member", name: handle, at: Date.now() });
      else failures.push(`sign-up ${response.status}`);
    } else {
      const title = `Load question ${prefix} ${i}`;
      const response = await lead.post("/questions/ask", {
        title,
        body: "Written during a burst of writes.",
        tags: "load",
      });
      if (response.status === 302) acked.push({ kind: "question", name: title, at: Date.now() });
      else failures.push(`question ${response.status}`);
    }
  }

  const runners = Array.from({ length: concurrency }, async () => {
    while (!stopped) {
      try {
        await write(next++);
      } catch (error) {
        failures.push(String((error as { cause?: unknown }).cause ?? error));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });

  return {
    acked,
    failures,
    /** Resolves once `count` more writes have been acknowledged. */
    async waitForAcks(count: number, timeoutMs = 60_000) {
      const target = acked.length + count;
      const start = Date.now();
      while (acked.length < target) {
        if (Date.now() - start > timeoutMs)
          throw new Error(`only ${acked.length} writes acknowledged: ${failures.slice(0, 5).join(", ")}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    /** Stops sending and waits for the requests in flight. */
    async stop() {
      stopped = true;
      await Promise.all(runners);
    },
  };
}
