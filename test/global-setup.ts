import { execFileSync } from "node:child_process";

/** Integration and browser tests run the real server (build/server.js), so they need a fresh production build. */
export default function setup() {
  // vitest sets NODE_ENV=test, which would make remix build a development bundle.
  execFileSync("npm", ["run", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
}
