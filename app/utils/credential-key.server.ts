/**
 * The community's Ed25519 key that signs Open Badges credentials (docs/credentials.md). Like the other app
 * secrets it is generated on first use and kept in the database, so every process signs alike; the public
 * half is published at /.well-known/jwks.json and in the did:web document /.well-known/did.json.
 */
import { createHash, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { eq } from "drizzle-orm";
import { appSecrets } from "~db/schema";
import { db } from "./db.server";

const SECRET_NAME = "credential-signing-key";

export type PublicJwk = { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: "EdDSA"; use: "sig" };

let cached: { privateKey: KeyObject; publicJwk: PublicJwk } | undefined;

function credentialKey() {
  if (cached) return cached;
  const stored = () => db.select().from(appSecrets).where(eq(appSecrets.name, SECRET_NAME)).get();
  if (!stored()) {
    const { privateKey } = generateKeyPairSync("ed25519");
    db.insert(appSecrets)
      .values({ name: SECRET_NAME, value: JSON.stringify(privateKey.export({ format: "jwk" })) })
      .onConflictDoNothing()
      .run();
  }
  const row = stored()!;
  const jwk = JSON.parse(row.value) as { kty: "OKP"; crv: "Ed25519"; x: string; d: string };
  // RFC 7638 thumbprint: the key's id, stable for as long as the key is.
  const kid = createHash("sha256")
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }))
    .digest("base64url");
  cached = {
    privateKey: createPrivateKey({ key: jwk, format: "jwk" }),
    publicJwk: { kty: "OKP", crv: "Ed25519", x: jwk.x, kid, alg: "EdDSA", use: "sig" },
  };
  return cached;
}

export const credentialPublicJwk = () => credentialKey().publicJwk;

/** did:web of the site: the host, its port's colon encoded (did:web spec); the document is /.well-known/did.json. */
export function issuerDid(origin: string) {
  return `did:web:${encodeURIComponent(new URL(origin).host)}`;
}

/** The did:web document's key, the key's thumbprint as a fragment of the issuer's DID: also the JWT's and the JWKS's `kid`. */
export const verificationMethodId = (origin: string) => `${issuerDid(origin)}#${credentialPublicJwk().kid}`;

/** The public key as /.well-known/jwks.json publishes it, named as the JWT headers name it. */
export const publishedJwk = (origin: string): PublicJwk => ({
  ...credentialPublicJwk(),
  kid: verificationMethodId(origin),
});

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * A compact JWS (EdDSA over Ed25519) of `payload`, signed synchronously so it can be written in the
 * transaction that records it. Its `kid` is a DID URL (did:web resolves it) and the JWKS's key id alike, so
 * any JOSE library verifies it with the published key.
 */
export function signJwt(payload: Record<string, unknown>, { origin }: { origin: string }) {
  const header = { alg: "EdDSA", typ: "JWT", kid: verificationMethodId(origin) };
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), credentialKey().privateKey).toString("base64url")}`;
}
