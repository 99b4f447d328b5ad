import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { publishedJwk } from "~/utils/credential-key.server";
import { siteOrigin } from "~/utils/feed.server";

/** /.well-known/jwks.json — the public key that signs the community's credentials (docs/credentials.md). */
export async function loader({ request }: LoaderFunctionArgs) {
  return json(
    { keys: [publishedJwk(siteOrigin(request))] },
    { headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=3600" } },
  );
}
