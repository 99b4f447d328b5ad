/**
 * The production HTTP server: hashed assets with long cache headers, the cross-site request check,
 * and Remix for everything else. Compression is left to the reverse proxy in front of it.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import express from "express";
import { env } from "~/utils/env.server";
import { isCrossSiteRequest } from "~/utils/origin.server";

const BUILD_PATH = path.resolve("build/index.js");

export async function loadBuild(): Promise<ServerBuild> {
  return import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`);
}

const FORBIDDEN_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>403 · Kring</title></head>
<body><h1>403 — Not allowed</h1><p>This request came from another website and was refused.</p>
<p lang="nl">Dit verzoek kwam van een andere website en is geweigerd.</p><p><a href="/">Kring</a></p></body></html>`;

export function createApp(build: ServerBuild) {
  const config = env();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY);

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
  app.use(express.static("public", { maxAge: "1h", index: false }));

  app.use((req, res, next) => {
    const foreign = isCrossSiteRequest({
      method: req.method,
      host: req.get("host"),
      forwardedHost: req.get("x-forwarded-host"),
      origin: req.get("origin"),
      referer: req.get("referer"),
    });
    if (foreign) {
      res.status(403).type("html").send(FORBIDDEN_PAGE);
      return;
    }
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.NODE_ENV === "production" ? "production" : "development",
      getLoadContext: (req) => ({ clientIp: req.ip ?? "unknown", cspNonce: randomBytes(16).toString("base64") }),
    }),
  );
  return app;
}

/** Listens on PORT (0 picks a free port) and stops gracefully on SIGTERM/SIGINT. */
export async function serve() {
  const build = await loadBuild();
  const app = createApp(build);
  const server = app.listen(env().PORT, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env().PORT;
    console.log(`Kring listening on http://localhost:${port}`);
    if (process.env.REMIX_DEV_ORIGIN) broadcastDevReady(build);
  });
  const shutdown = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return server;
}
