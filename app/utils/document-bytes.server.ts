/**
 * A rendered document's bytes, kept on its Response so the HTTP server can write them at once instead of
 * reading them back through the Response's byte stream (about 0.1 ms of a signed-in question page).
 * entry.server.tsx keeps them; scripts/serve.ts sends them. The two are bundled apart (the Remix build and the
 * server), hence a registered symbol rather than a module's WeakMap.
 */
const BYTES = Symbol.for("kring.documentBytes");

type WithBytes = Response & { [BYTES]?: Buffer<ArrayBuffer> };

export function documentResponse(bytes: Buffer<ArrayBuffer>, init: ResponseInit): Response {
  const response: WithBytes = new Response(bytes, init);
  response[BYTES] = bytes;
  return response;
}

/** The document's bytes, unless something else already read the body or replaced the response. */
export function documentBytes(response: Response): Buffer<ArrayBuffer> | undefined {
  return response.bodyUsed ? undefined : (response as WithBytes)[BYTES];
}
