/**
 * Remix matches every request against the route tree three times, and its router flattened, ranked and compiled
 * the whole tree each time, and Remix built the rendering router's tree anew: 1.5–2 ms of every request.
 * scripts/patches keeps the ranked branches per routes array, each compiled pattern, and the rendering tree per
 * build, and the JSON text of a loader's data (docs/decisions/012-route-matching-cache.md); these tests hold the
 * patches to what the code did without.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";
import type * as RouterServer from "react-router-dom/server";
import { describe, expect, it, vi } from "vitest";

// The CommonJS build, the one Remix's server runtime and react-router-dom/server load.
const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof Router;
type Routes = Parameters<typeof router.matchRoutes>[0];

const matched = (routes: Routes, url: string) =>
  router.matchRoutes(routes, url)?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname })) ?? null;

describe("route matching with the cached branches and patterns", () => {
  it("is installed by `npm install` (the postinstall applies scripts/patches)", () => {
    const source = (module: string) => fs.readFileSync(require.resolve(module), "utf8");
    expect(source("@remix-run/router")).toContain("rankedBranchesCache");
    expect(source("@remix-run/router")).toContain("jsonBodies");
    expect(source("@remix-run/server-runtime/dist/data.js")).toContain(
      'if (!url.searchParams.has("_data")) return request;',
    );
    expect(source("@remix-run/server-runtime/dist/serverHandoff.js")).toContain("UNSAFE_jsonTextOf");
    expect(source("react-router-dom/server")).toContain("convertedRoutes");
    // Remix's server renderer (RemixServer), the CommonJS build the server build requires.
    expect(source("@remix-run/react/dist/server.js")).toContain("serverRoutesCache");
  });

  it("gives a document query the data of a loader's json() as its JSON text has it; a data request keeps the Response", async () => {
    const data = { at: new Date(0), n: 1, missing: undefined, text: "zoë \u2028 ✔" };
    const routes = [{ id: "root", path: "/", loader: () => router.json(data) }];
    const handler = router.createStaticHandler(routes);
    const context = await handler.query(new Request("http://localhost/"));
    if (context instanceof Response) throw new Error("not a render");
    // What JSON makes of it, as reading the body did: a date as text, undefined left out.
    expect(context.loaderData.root).toEqual({ at: "1970-01-01T00:00:00.000Z", n: 1, text: "zoë \u2028 ✔" });
    const response = (await handler.queryRoute(new Request("http://localhost/"), { routeId: "root" })) as Response;
    expect(await response.json()).toEqual(context.loaderData.root);
  });

  it("hands the browser each loader's data as the JSON text it was parsed from, which JSON.stringify would make", async () => {
    const { createServerHandoffString } = require("@remix-run/server-runtime/dist/serverHandoff.js") as {
      createServerHandoffString: (handoff: unknown) => string;
    };
    const { escapeHtml } = require("@remix-run/server-runtime/dist/markup.js") as { escapeHtml: (s: string) => string };
    const routes = [
      {
        id: "root",
        path: "/",
        loader: () => router.json({ user: null, theme: "dark" }),
        children: [
          {
            id: "routes/page",
            index: true,
            // What JSON changes: a date, undefined, -0, a large float, text a script must not end at, numeric keys.
            loader: () =>
              router.json({
                at: new Date(0),
                missing: undefined,
                zero: -0,
                change: -0.8584905660377359,
                text: "</script><b>zoë \u2028 &",
                byId: { 10: "b", 2: "a" },
              }),
          },
          { id: "routes/none", path: "none" },
        ],
      },
    ];
    const context = await router.createStaticHandler(routes).query(new Request("http://localhost/"));
    if (context instanceof Response) throw new Error("not a render");
    const { UNSAFE_jsonTextOf: jsonTextOf } = router as unknown as { UNSAFE_jsonTextOf(data: unknown): unknown };
    expect(jsonTextOf(context.loaderData["routes/page"])).toEqual(expect.any(String));
    const handoff = {
      basename: "/",
      future: { v3_fetcherPersist: true },
      isSpaMode: false,
      state: { loaderData: context.loaderData, actionData: null, errors: null },
    };
    const expected = escapeHtml(JSON.stringify(handoff));
    // The kept text is used: the page's data is not stringified again.
    const stringify = vi.spyOn(JSON, "stringify");
    const made = createServerHandoffString(handoff);
    expect(stringify.mock.calls.some(([value]) => value === context.loaderData["routes/page"])).toBe(false);
    stringify.mockRestore();
    expect(made).toBe(expected);
    // Data not parsed from a json() text (a plain object, a string) is stringified as before.
    const plain = { ...handoff, state: { ...handoff.state, loaderData: { root: { a: [1, "<"] }, other: "x" } } };
    expect(createServerHandoffString(plain)).toBe(escapeHtml(JSON.stringify(plain)));
  });

  it("converts a routes array to data routes once, and matches each request on them", async () => {
    const server = require("react-router-dom/server") as typeof RouterServer;
    const routes = [{ id: "root", path: "/", children: [{ id: "question", path: "questions/:id" }] }];
    const handler = server.createStaticHandler(routes);
    const render = async (url: string) => {
      const context = await handler.query(new Request(url));
      if (context instanceof Response) throw new Error("not a render");
      return server.createStaticRouter(routes, context);
    };
    const first = await render("http://localhost/questions/1");
    const second = await render("http://localhost/questions/2");
    expect(second.routes).toBe(first.routes);
    expect(second.state.matches.map((m) => [m.route.id, m.params.id])).toEqual([
      ["root", "2"],
      ["question", "2"],
    ]);
    expect(second.state.matches[1].route).toBe(first.routes[0].children![0]);
    const other = [{ id: "root", path: "/", children: [{ id: "tag", path: "questions/:slug" }] }];
    const context = await server.createStaticHandler(other).query(new Request("http://localhost/questions/3"));
    if (context instanceof Response) throw new Error("not a render");
    expect(server.createStaticRouter(other, context).state.matches[1].route.id).toBe("tag");
  });

  it("ranks each route tree on its own: two trees matched in turn keep their own routes and params", () => {
    const questions: Routes = [
      {
        id: "root",
        path: "",
        children: [
          { id: "question", path: "questions/:id" },
          { id: "ask", path: "questions/ask" },
        ],
      },
    ];
    const slugs: Routes = [{ id: "root", path: "", children: [{ id: "tag", path: "questions/:slug" }] }];
    for (let i = 0; i < 3; i++) {
      expect(matched(questions, "/questions/12")).toEqual([
        { id: "root", params: { id: "12" }, pathname: "/" },
        { id: "question", params: { id: "12" }, pathname: "/questions/12" },
      ]);
      // A static segment outranks a parameter, whichever was declared first.
      expect(matched(questions, "/questions/ask")?.at(-1)?.id).toBe("ask");
      expect(matched(slugs, "/questions/ask")?.at(-1)).toEqual({
        id: "tag",
        params: { slug: "ask" },
        pathname: "/questions/ask",
      });
      expect(matched(slugs, "/members/ask")).toBeNull();
    }
  });

  it("compiles a pattern once for each way of matching it: to the end or not, with case or not", () => {
    for (let i = 0; i < 2; i++) {
      expect(router.matchPath({ path: "/tags/:tag", end: false }, "/tags/sql/feed")?.pathnameBase).toBe("/tags/sql");
      expect(router.matchPath({ path: "/tags/:tag", end: true }, "/tags/sql/feed")).toBeNull();
      expect(router.matchPath({ path: "/Tags/:tag", caseSensitive: false }, "/tags/sql")?.params).toEqual({
        tag: "sql",
      });
      expect(router.matchPath({ path: "/Tags/:tag", caseSensitive: true }, "/tags/sql")).toBeNull();
      expect(router.matchPath("/files/*", "/files/a/b")?.params).toEqual({ "*": "a/b" });
    }
  });
});
