import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "~db": path.resolve(root, "db"),
      "~": path.resolve(root, "app"),
    },
  },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    // Generous: several HTTP tests start a server of their own, which is slow while other files keep both cores busy (CI).
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
