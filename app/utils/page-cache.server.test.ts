import { describe, expect, it } from "vitest";
import { db } from "./db.server";
import { bumpCacheTags, cacheDependsOn, PageCache, readVersions, VersionedCache } from "./page-cache.server";

const entry = (deps: [string, number][], body = "page") => ({
  status: 200,
  headers: [],
  body: Buffer.from(body),
  deps,
  nonce: "",
});

describe("page cache", () => {
  it("drops an entry once one of its tags is bumped", () => {
    const cache = new PageCache();
    const context = { clientIp: "", cspNonce: "", cacheDeps: new Map<string, number>() };
    cacheDependsOn(context, "post:1", "list:question");
    cache.set("k", entry([...context.cacheDeps]));
    expect(cache.get("k")?.body.toString()).toBe("page");
    db.transaction((tx) => bumpCacheTags(tx, ["post:2"]));
    expect(cache.get("k")).toBeDefined();
    db.transaction((tx) => bumpCacheTags(tx, ["post:1"]));
    expect(cache.get("k")).toBeUndefined();
    expect(readVersions(["post:1", "post:2"])).toEqual(
      new Map([
        ["post:1", 1],
        ["post:2", 1],
      ]),
    );
  });

  it("is bounded: the least recently used entry goes first", () => {
    const cache = new PageCache(2);
    cache.set("a", entry([]));
    cache.set("b", entry([]));
    cache.get("a");
    cache.set("c", entry([]));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it("is bounded in bytes", () => {
    const cache = new PageCache(100, 1000);
    for (let i = 0; i < 20; i++) cache.set(`k${i}`, entry([], "x".repeat(90)));
    expect(cache.size).toBeLessThanOrEqual(11);
    expect(cache.get("k19")).toBeDefined();
  });

  it("a request that is not cacheable records nothing", () => {
    const context = { clientIp: "", cspNonce: "" };
    expect(() => cacheDependsOn(context, "post:1")).not.toThrow();
  });
});

describe("versioned data cache", () => {
  it("recomputes after a write bumps one of its tags, and is bounded", () => {
    const cache = new VersionedCache<number>(2);
    let computed = 0;
    const read = (key: string) => cache.get(key, ["post:9", "names"], () => ++computed);
    expect(read("q")).toBe(1);
    expect(read("q")).toBe(1);
    db.transaction((tx) => bumpCacheTags(tx, ["names"]));
    expect(read("q")).toBe(2);
    read("a");
    read("b"); // "q" is now the least recently used of three: dropped
    expect(read("q")).toBe(5);
  });
});
