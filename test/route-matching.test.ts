/**
 * Remix matches every request against the route tree three times, and its router flattened, ranked and compiled
 * the whole tree each time: 1.5 ms of every request. scripts/patches keeps the ranked branches per routes array
 * and each compiled pattern (docs/decisions/012-route-matching-cache.md); these tests hold the patch to what the
 * router did without it.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The CommonJS build, the one Remix's server runtime and react-router-dom/server load.
const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof Router;
type Routes = Parameters<typeof router.matchRoutes>[0];

const matched = (routes: Routes, url: string) =>
  router.matchRoutes(routes, url)?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname })) ?? null;

describe("route matching with the cached branches and patterns", () => {
  it("is installed by `npm install` (the postinstall applies scripts/patches)", () => {
    expect(fs.readFileSync(require.resolve("@remix-run/router"), "utf8")).toContain("rankedBranchesCache");
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
