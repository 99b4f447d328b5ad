import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCredential, VC_JWT_MEDIA_TYPE } from "~/models/credential.server";
import { notFound } from "~/utils/http.server";

/**
 * /credentials/:id/jwt (and /credentials/:id.jwt, which redirects here) — the credential as issued, a VC-JWT.
 * A revoked one is still served (a verifier checks its status); an erased member's is gone (410).
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const credential = findCredential(params.id ?? "");
  if (!credential) throw notFound();
  if (!credential.jwt) return new Response("Gone", { status: 410 });
  return new Response(credential.jwt, {
    headers: {
      "Content-Type": VC_JWT_MEDIA_TYPE,
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "public, max-age=3600",
    },
  });
}
