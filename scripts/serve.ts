/**
 * The production HTTP server: hashed assets with long cache headers, the cross-site request check,
 * the anonymous page cache, and Remix for everything else. Compression is left to the reverse proxy
 * (COMPRESSION=true turns it on here). scripts/start.ts runs one of these per CPU core.
 */
import cluster from "node:cluster";
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
// Not re-exported by the package index, but part of its published build and types.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { broadcastDevReady, createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type RequestHandler } from "express";
import { parse } from "cookie";
import { startJobScheduler } from "~/jobs/index.server";
import { SESSION_COOKIE } from "~/utils/auth.server";
import { closeDb } from "~/utils/db.server";
import { documentBytes } from "~/utils/document-bytes.server";
import { env } from "~/utils/env.server";
import { isCrossSiteRequest } from "~/utils/origin.server";
import { bodyWithNonce, PageCache, type CacheDeps } from "~/utils/page-cache.server";
import { resolveLocale, resolveTheme } from "~/utils/preferences.server";
import { ALLOWED_METHODS, refusal, type Refusal } from "~/utils/request-guard.server";
import { securityHeaders } from "~/utils/security-headers.server";
import { translator } from "~/utils/i18n.server";

const BUILD_PATH = path.resolve("build/index.js");

export async function loadBuild(): Promise<ServerBuild> {
  return import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`);
}

/** A small page in the visitor's language for what the server refuses before Remix: no scripts, same headers. */
function sendPlainPage(
  req: express.Request,
  res: express.Response,
  { status, title, body, vars }: Omit<Refusal, "status"> & { status: number },
) {
  const locale = resolveLocale({
    headers: new Headers({ cookie: req.get("cookie") ?? "", "accept-language": req.get("accept-language") ?? "" }),
  });
  const t = translator(locale);
  const heading = `${status} — ${escapeHtml(t(title))}`;
  res.status(status).set(securityHeaders(newNonce())).type("html");
  res.send(`<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t(title))} · Kring</title></head>
<body><main><h1>${heading}</h1><p>${escapeHtml(t(body, vars))}</p><p><a href="/">${escapeHtml(t("errorPage.backHome"))}</a></p></main></body></html>`);
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Methods, content types and body sizes the app does not take (app/utils/request-guard.server.ts). */
const refuseUnfitRequests: RequestHandler = (req, res, next) => {
  const refused = refusal({
    method: req.method,
    path: req.path,
    contentType: req.get("content-type"),
    contentLength: req.get("content-length"),
  });
  if (!refused) return next();
  if (refused.status === 405) res.setHeader("Allow", ALLOWED_METHODS.join(", "));
  // The body is not worth reading: the connection closes after the answer, so no client reuses it mid-body.
  res.setHeader("Connection", "close");
  sendPlainPage(req, res, refused);
};

/**
 * One origin per request, read by the page-cache key, the cross-site check and Remix alike, so a forged
 * header cannot make them disagree (docs/security.md, "One origin per request"). With PUBLIC_URL the
 * host is always its host; else forwarded headers count only behind a trusted proxy (TRUST_PROXY=true).
 */
function oneHost({ publicHost, trustProxy }: { publicHost: string | null; trustProxy: boolean }): RequestHandler {
  return (req, _res, next) => {
    const forwarded = req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-host"];
    const forwardedHost = typeof forwarded === "string" ? forwarded.split(",")[0].trim() : "";
    if (publicHost) req.headers.host = publicHost;
    else if (trustProxy && forwardedHost) req.headers.host = forwardedHost;
    next();
  };
}

/** The origin pages are built for: PUBLIC_URL when set (siteOrigin does the same), else this request's. */
function requestOrigin(req: express.Request) {
  const configured = env().PUBLIC_URL;
  return configured ? new URL(configured).origin : `${req.protocol}://${req.get("host") ?? ""}`;
}

const refuseCrossSite: RequestHandler = (req, res, next) => {
  // One-click unsubscribe is posted by mail providers by design; its signed token is the authority.
  // The Origin goes too, or Remix's own check would refuse the action.
  if (req.path.startsWith("/unsubscribe/")) {
    delete req.headers.origin;
    return next();
  }
  const foreign = isCrossSiteRequest({
    method: req.method,
    host: new URL(requestOrigin(req)).host,
    origin: req.get("origin"),
    referer: req.get("referer"),
  });
  if (!foreign) return next();
  sendPlainPage(req, res, { status: 403, title: "errorPage.forbidden.title", body: "errorPage.crossSite.body" });
};

const newNonce = () => randomBytes(16).toString("base64");

/**
 * Serves anonymous GETs from the page cache and stores what Remix renders for them. Anything with a
 * session cookie, or answered with Set-Cookie, or whose loaders declared no dependencies, passes by.
 */
function pageCacheMiddleware(cache: PageCache): RequestHandler {
  return (req, res, next) => {
    const cookies = parse(req.get("cookie") ?? "");
    if (req.method !== "GET" || cookies[SESSION_COOKIE] || req.path.startsWith("/build/")) return next();
    const headers = new Headers();
    if (req.get("cookie")) headers.set("cookie", req.get("cookie")!);
    if (req.get("accept-language")) headers.set("accept-language", req.get("accept-language")!);
    // The origin is part of the key: pages carry absolute links (canonical, og:url) built from it.
    const key = `${requestOrigin(req)}|${resolveLocale({ headers })}|${resolveTheme({ headers })}|${req.originalUrl}`;
    const hit = cache.get(key);
    if (hit) {
      // Every response gets a fresh CSP nonce, cached or not.
      const nonce = newNonce();
      res.status(hit.status);
      for (const [name, value] of hit.headers)
        res.setHeader(name, hit.nonce ? value.replaceAll(hit.nonce, nonce) : value);
      res.setHeader("X-Page-Cache", "hit");
      res.end(bodyWithNonce(hit, nonce));
      return;
    }
    const deps: CacheDeps = new Map();
    const nonce = newNonce();
    res.locals.cacheDeps = deps;
    res.locals.cspNonce = nonce;
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.setHeader("X-Page-Cache", "miss");
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as Uint8Array));
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Uint8Array));
      if (res.statusCode === 200 && deps.size && !res.getHeader("set-cookie")) {
        const stored = Object.entries(res.getHeaders())
          .filter(
            ([name]) =>
              !["x-page-cache", "date", "connection", "keep-alive", "transfer-encoding", "content-length"].includes(
                name,
              ),
          )
          .map(([name, value]) => [name, String(value)] as [string, string]);
        cache.set(key, { status: 200, headers: stored, body: Buffer.concat(chunks), deps: [...deps], nonce });
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    next();
  };
}

/**
 * The files at the top of public/ (favicon…), looked up by name: express.static would stat the disk for every
 * page request first (0.4 ms of a signed-in request's CPU under load). A file added there needs a restart.
 */
function publicFiles(): RequestHandler {
  const serve = express.static("public", { maxAge: "1h", index: false });
  const names = new Set(
    fs
      .readdirSync("public", { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.name}`),
  );
  return (req, res, next) => (names.has(req.path) ? serve(req, res, next) : next());
}

export function createApp(build: ServerBuild, { pageCache = new PageCache() }: { pageCache?: PageCache | null } = {}) {
  const config = env();
  const app = express();
  app.disable("x-powered-by");
  // One hop: the client address is the one the proxy saw (the right-most X-Forwarded-For entry), whatever a
  // client wrote into the header itself (docs/operations.md, "Behind a reverse proxy").
  app.set("trust proxy", config.TRUST_PROXY ? 1 : false);
  app.use(
    oneHost({ publicHost: config.PUBLIC_URL ? new URL(config.PUBLIC_URL).host : null, trustProxy: config.TRUST_PROXY }),
  );
  // Every response, not only pages: feeds, calendars, CSV, SVG and static files are never sniffed as HTML;
  // a deployment on https tells browsers to stay on it.
  const hsts = config.PUBLIC_URL?.startsWith("https:");
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    if (hsts) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });
  if (config.COMPRESSION) app.use(compression());
  // Cached pages first: a hit should not pay for the static-file lookups below.
  if (pageCache) app.use(pageCacheMiddleware(pageCache));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
  app.use(publicFiles());
  app.use(refuseCrossSite);
  app.use(refuseUnfitRequests);
  app.all(
    "*",
    remix(build, config.NODE_ENV === "production" ? "production" : "development", (req, res) => ({
      clientIp: req.ip ?? "unknown",
      cspNonce: (res.locals.cspNonce as string | undefined) ?? newNonce(),
      cacheDeps: res.locals.cacheDeps as CacheDeps | undefined,
      // Remix strips `_data` from the Request before actions run; forms need it for Post/Redirect/Get.
      // Read as Remix reads it (express's req.query stops at 1,000 parameters).
      dataRequest: new URL(req.originalUrl, "http://x").searchParams.has("_data"),
    })),
  );
  return app;
}

/**
 * Remix behind express, as `@remix-run/express` does it, except that a rendered document's bytes are written at
 * once (app/utils/document-bytes.server.ts) rather than read back through the Response's stream.
 */
function remix(
  build: ServerBuild,
  mode: string,
  loadContext: (req: express.Request, res: express.Response) => AppLoadContext,
): RequestHandler {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const response = await handle(createRemixRequest(req, res), loadContext(req, res));
      const bytes = documentBytes(response);
      if (!bytes) return await sendRemixResponse(res, response);
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [name, value] of response.headers) res.append(name, value);
      res.end(bytes);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Listens on PORT (0 picks a free port) and runs due jobs. On SIGTERM or SIGINT it stops accepting
 * connections, lets in-flight requests and the running job finish, closes the database and exits 0.
 */
export async function serve() {
  const build = await loadBuild();
  const app = createApp(build, { pageCache: env().PAGE_CACHE ? new PageCache() : null });
  const server = app.listen(env().PORT, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env().PORT;
    console.log(`Kring listening on http://localhost:${port}`);
    if (process.env.REMIX_DEV_ORIGIN) broadcastDevReady(build);
  });
  const scheduler = env().JOBS ? startJobScheduler() : null;
  const shutdown = gracefulShutdown(server, () => scheduler?.stop());
  if (cluster.isWorker) {
    // The primary stops its workers with a message; signals go to the primary only.
    process.on("message", (message) => message === "shutdown" && shutdown());
    process.on("SIGTERM", () => {});
    process.on("SIGINT", () => {});
  } else {
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
  }
  return server;
}

/**
 * Graceful stop. It keeps accepting until nothing has been in flight for a moment (at least
 * SHUTDOWN_GRACE_MS): closing the listening socket at once would reset connections the kernel had
 * already accepted for a busy process. Then it stops listening, closes idle keep-alive connections and
 * exits 0 when the last connection is gone. (Answering `Connection: close` instead races with clients
 * that already sent their next request on the connection.)
 */
const SHUTDOWN_GRACE_MS = 250;

function gracefulShutdown(server: Server, beforeExit: () => Promise<void> | undefined) {
  let stopping = false;
  let active = 0;
  let idleSince = Date.now();
  server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
    active++;
    res.once("close", () => {
      if (--active === 0) idleSince = Date.now();
    });
  });
  return () => {
    if (stopping) return;
    stopping = true;
    const startedAt = Date.now();
    let closedAt = 0;
    const tick = setInterval(() => {
      // Idle for a moment, not merely between two requests: connections still waiting to be accepted are taken first.
      if (active > 0 || Date.now() - Math.max(startedAt, idleSince) < SHUTDOWN_GRACE_MS) return;
      if (!closedAt) {
        closedAt = Date.now();
        net.Server.prototype.close.call(server, async () => {
          await beforeExit(); // the job in hand finishes
          closeDb();
          process.exit(0);
        });
      }
      server.closeIdleConnections();
      // Nothing in flight for a second: whatever is still open (a half-sent request) is dropped.
      if (Date.now() - closedAt > 1000) server.closeAllConnections();
    }, 50);
    tick.unref();
    setTimeout(() => process.exit(1), 15_000).unref();
  };
}
