import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./job-process.server";

const entryFile = (code: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kring-job-")), "entry.mts");
  fs.writeFileSync(file, code);
  return file;
};

describe("jobs in their own process", () => {
  it("runs the entry with its data, in another process with the default heap", async () => {
    const out = path.join(os.tmpdir(), `kring-job-out-${process.pid}.json`);
    const entry = entryFile(`
      import fs from "node:fs";
      import v8 from "node:v8";
      import { jobData } from ${JSON.stringify(path.resolve("app/jobs/job-process.server.ts"))};
      const limitMb = v8.getHeapStatistics().heap_size_limit / 1048576;
      fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify({ data: jobData(), pid: process.pid, limitMb }));
    `);
    await runInProcess(new URL(`file://${entry}`).href, { at: 1234, label: "x" }, "test job");
    const result = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(result.data).toEqual({ at: 1234, label: "x" });
    expect(result.pid).not.toBe(process.pid);
    expect(result.limitMb).toBeGreaterThan(500); // not the web workers' 160 MB
  }, 60_000);

  it("rejects with the entry's error when it fails", async () => {
    const entry = entryFile(`throw new Error("the job broke: no such table");`);
    await expect(runInProcess(new URL(`file://${entry}`).href, {}, "broken job")).rejects.toThrow(
      /broken job process exited with 1: .*the job broke: no such table/s,
    );
  }, 60_000);
});
