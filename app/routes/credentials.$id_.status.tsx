import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { findCredential } from "~/models/credential.server";
import { notFound } from "~/utils/http.server";

/**
 * /credentials/:id/status — the credential's `credentialStatus` URL (type "KringCredentialStatus",
 * docs/credentials.md): whether it is revoked, answered fresh every time.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const credential = findCredential(params.id ?? "");
  if (!credential) throw notFound();
  return json(
    {
      id: params.id,
      revoked: !!credential.revokedAt,
      revokedAt: credential.revokedAt?.toISOString() ?? null,
      reason: credential.revokedReason,
    },
    { headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } },
  );
}
