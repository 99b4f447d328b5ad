import type { LoaderFunctionArgs } from "@remix-run/node";
import { avatarLook } from "~/components/Avatar";
import { findUserByHandle } from "~/models/user.server";
import { notFound } from "~/utils/http.server";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The member's default picture (initials), as a file for link previews (og:image) and other sites. */
export async function loader({ params }: LoaderFunctionArgs) {
  const member = findUserByHandle(params.handle ?? "");
  if (!member) throw notFound();
  const { initials, hue } = avatarLook(member.name);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 40 40"><rect width="40" height="40" fill="hsl(${hue} 45% 45%)"/><text x="20" y="25" text-anchor="middle" font-size="15" fill="#fff" font-family="system-ui, sans-serif">${escapeXml(initials)}</text></svg>`;
  return new Response(svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
