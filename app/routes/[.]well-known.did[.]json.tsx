import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { credentialPublicJwk, issuerDid, verificationMethodId } from "~/utils/credential-key.server";
import { siteOrigin } from "~/utils/feed.server";

/**
 * /.well-known/did.json — the did:web document of the issuer: the credentials' key as a JsonWebKey
 * verification method (docs/credentials.md).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = siteOrigin(request);
  const did = issuerDid(origin);
  const method = verificationMethodId(origin);
  const { kid: _kid, use: _use, ...publicKeyJwk } = credentialPublicJwk();
  return json(
    {
      "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
      id: did,
      verificationMethod: [{ id: method, type: "JsonWebKey2020", controller: did, publicKeyJwk }],
      assertionMethod: [method],
      authentication: [method],
    },
    { headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=3600" } },
  );
}
