import fs from "node:fs";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { currentPhotoPath } from "~/models/photo.server";
import { notFound } from "~/utils/http.server";

/** A member's profile photo (docs/media.md). Its name is its content hash, so a cache never holds other bytes under it (a day: a removed photo goes from caches too). */
export async function loader({ params }: LoaderFunctionArgs) {
  const handle = params.handle ?? "";
  const photo = currentPhotoPath({ handle, file: params.file ?? "" });
  if (!photo) throw notFound();
  if (!photo.path) return redirect(`/members/${encodeURIComponent(handle)}/avatar.svg`);
  const bytes = fs.readFileSync(photo.path);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(bytes.length),
      "Cache-Control": "public, max-age=86400",
    },
  });
}
