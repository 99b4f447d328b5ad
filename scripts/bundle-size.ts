/**
 * What a browser downloads as JavaScript on its first visit to a page: the entry, the root and route modules
 * and their chunks, the route manifest, and the one dictionary of the page's language (entry.client.tsx).
 * Run after `npm run build`: `node --import tsx scripts/bundle-size.ts [routeId] [locale]`.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = path.join(root, "public/build");

type ManifestRoute = { module: string; imports?: string[]; parentId?: string };
type Manifest = { entry: ManifestRoute; routes: Record<string, ManifestRoute> };

export function firstLoadFiles(routeId: string, locale = "en") {
  const manifestFile = fs.readdirSync(buildDir).find((f) => f.startsWith("manifest-"));
  if (!manifestFile) throw new Error("No build: run `npm run build` first.");
  const source = fs.readFileSync(path.join(buildDir, manifestFile), "utf8");
  const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;
  const files = new Set<string>([`/build/${manifestFile}`]);
  const add = (m: ManifestRoute) => [m.module, ...(m.imports ?? [])].forEach((f) => files.add(f));
  add(manifest.entry);
  for (
    let r: ManifestRoute | undefined = manifest.routes[routeId];
    r;
    r = r.parentId ? manifest.routes[r.parentId] : undefined
  )
    add(r);
  const dictionary = fs
    .readdirSync(path.join(buildDir, "_shared"))
    .find((f) => f.startsWith(`${locale}-`) && f.endsWith(".js"));
  if (dictionary) files.add(`/build/_shared/${dictionary}`);
  return [...files].map((f) => path.join(root, "public", f));
}

export function firstLoadBytes(routeId: string, locale = "en") {
  let raw = 0;
  let gzipped = 0;
  for (const file of firstLoadFiles(routeId, locale)) {
    const bytes = fs.readFileSync(file);
    raw += bytes.length;
    gzipped += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzipped };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [routeId = "routes/questions.$id", locale = "en"] = process.argv.slice(2);
  const { raw, gzipped } = firstLoadBytes(routeId, locale);
  console.log(`${routeId} (${locale}): ${raw} bytes, ${gzipped} gzipped`);
}
