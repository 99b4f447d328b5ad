/**
 * Anonymous page cache. Visitors without a session get rendered pages from a bounded in-memory LRU,
 * keyed by URL, locale and theme. Loaders declare what a page shows with `cacheDependsOn`; writes bump
 * those tags' versions in the database (`bumpCacheTags`, inside the write's transaction). A cached
 * page is served only while all its tags still have the versions it was rendered with, so the cache is
 * safe to lose and correct across processes. Pages that declare nothing are never cached.
 */
import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { cacheTags } from "~db/schema";
import { db, type Tx } from "./db.server";

export type CacheDeps = Map<string, number>;

/** Reads the current versions first, before the loader reads its data: a write in between then invalidates. */
export function cacheDependsOn(context: AppLoadContext, ...tags: string[]) {
  const deps = context.cacheDeps;
  if (!deps || !tags.length) return;
  const versions = readVersions(tags);
  for (const tag of tags) deps.set(tag, versions.get(tag) ?? 0);
}

// The hit path runs this for every cached page served: a prepared statement, no query building.
let versionStatement: { all(tags: string): { tag: string; version: number }[] } | undefined;

export function readVersions(tags: string[]) {
  versionStatement ??= db.$client.prepare(
    "select tag, version from cache_tags where tag in (select value from json_each(?))",
  );
  const rows = versionStatement.all(JSON.stringify(tags));
  return new Map(rows.map((r) => [r.tag, r.version]));
}

export function bumpCacheTags(tx: Tx, tags: string[]) {
  for (const tag of new Set(tags)) {
    tx.insert(cacheTags)
      .values({ tag, version: 1 })
      .onConflictDoUpdate({ target: cacheTags.tag, set: { version: sql`${cacheTags.version} + 1` } })
      .run();
  }
}

type Entry = {
  status: number;
  headers: [string, string][];
  body: Buffer;
  deps: [string, number][];
  nonce: string;
  size: number;
};

/**
 * The body with a fresh CSP nonce: every response gets its own, cached or not. The body is cut at
 * the old nonce once and memoised, so a hit costs a buffer copy, not a string search.
 */
const pieces = new WeakMap<Entry, Buffer[]>();
export function bodyWithNonce(entry: Entry, nonce: string) {
  if (!entry.nonce) return entry.body;
  let parts = pieces.get(entry);
  if (!parts) {
    parts = entry.body
      .toString("utf8")
      .split(entry.nonce)
      .map((part) => Buffer.from(part));
    pieces.set(entry, parts);
  }
  const nonceBytes = Buffer.from(nonce);
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [nonceBytes, part])));
}

export class PageCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** A still-valid entry, or undefined (a stale one is dropped). */
  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    const current = readVersions(entry.deps.map(([tag]) => tag));
    if (entry.deps.some(([tag, version]) => (current.get(tag) ?? 0) !== version)) {
      this.delete(key);
      this.misses++;
      return undefined;
    }
    // Least recently used goes first: re-insert to mark as used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry;
  }

  set(key: string, entry: Omit<Entry, "size">) {
    const size = entry.body.length + key.length;
    if (size > this.maxBytes / 10) return;
    this.delete(key);
    this.entries.set(key, { ...entry, size });
    this.bytes += size;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.size;
    this.entries.delete(key);
  }

  get size() {
    return this.entries.size;
  }
}

/**
 * Data that many requests read and few writes change (a search's ranked results, a question's
 * thread), kept per process for signed-in pages too. An entry is keyed by the current versions of
 * its cache tags, read before computing, so a write makes every process recompute: safe to lose and
 * correct across processes, like the page cache. Callers must not mutate what they get.
 */
export class VersionedCache<T> {
  private entries = new Map<string, T>();

  constructor(private readonly maxEntries = 500) {}

  get(key: string, tags: string[], compute: () => T): T {
    const versions = readVersions(tags);
    const fullKey = `${tags.map((tag) => versions.get(tag) ?? 0).join(".")}|${key}`;
    const hit = this.entries.get(fullKey);
    if (hit !== undefined) {
      this.entries.delete(fullKey);
      this.entries.set(fullKey, hit);
      return hit;
    }
    const value = compute();
    this.entries.set(fullKey, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
