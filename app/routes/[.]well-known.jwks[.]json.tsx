import { json } from "@remix-run/node";
import { credentialPublicJwk } from "~/utils/credential-key.server";

/** /.well-known/jwks.json — the public key that signs the community's credentials (docs/credentials.md). */
export async function loader() {
  return json(
    { keys: [credentialPublicJwk()] },
    { headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=3600" } },
  );
}
