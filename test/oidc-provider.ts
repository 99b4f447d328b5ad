/**
 * A real OpenID provider for the tests (npm oidc-provider, the certified implementation), on a free loopback
 * port: one confidential client whose redirect URI is Kring's callback, PKCE required, test users by login
 * name, and the provider's own development login page (any password). Consent is granted without asking.
 * `foreignKeys`: the provider signs with one key but publishes another under the same key id, so every ID
 * token it issues is signed by a key that is not the issuer's. `idTokenTtl`: seconds an ID token lives (a
 * negative number issues tokens that expired before they were sent).
 */
import net from "node:net";
import type { Server } from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export type TestAccount = { email: string; name: string; email_verified?: boolean };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Follows a Kring redirect to the provider through its login page as `login`; resolves with Kring's callback URL. */
  authorize: (authorizationUrl: string, login: string) => Promise<URL>;
  stop: () => Promise<void>;
};

async function freePort() {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function signingKey(kid: string) {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
}

export async function startProvider({
  redirectUri,
  accounts,
  foreignKeys = false,
  idTokenTtl,
}: {
  redirectUri: string;
  accounts: Record<string, TestAccount>;
  foreignKeys?: boolean;
  idTokenTtl?: number;
}): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "kring-test";
  const clientSecret = `secret-${port}-${Math.random().toString(36).slice(2)}`;
  const key = await signingKey("test-key");
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [new URL("/", redirectUri).href],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [key] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ...(idTokenTtl === undefined ? {} : { ttl: { IdToken: () => idTokenTtl } }),
    cookies: { keys: ["test-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => {
      const account = accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, email_verified: true, ...account }) };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  if (foreignKeys) {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...foreign } = await signingKey(key.kid);
    provider.use(async (ctx, next) => {
      if (ctx.path === "/jwks") {
        ctx.type = "application/jwk-set+json";
        ctx.body = { keys: [foreign] };
        return;
      }
      await next();
    });
  }
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(port, "127.0.0.1", () => resolve(listening));
  });

  async function authorize(authorizationUrl: string, login: string) {
    const jar = new Map<string, string>();
    const send = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, {
        ...init,
        redirect: "manual",
        headers: {
          ...(init.headers as Record<string, string>),
          Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        },
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const at = pair.indexOf("=");
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return response;
    };
    let response = await send(authorizationUrl);
    for (let step = 0; step < 10; step++) {
      const location = response.headers.get("location");
      if (location) {
        const next = new URL(location, issuer);
        if (next.origin !== issuer) return next;
        response = await send(next.href);
        continue;
      }
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`the provider answered ${response.status} without a form:\n${html.slice(0, 2000)}`);
      const fields: Record<string, string> = {};
      for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
        fields[name] = value;
      if (html.includes('name="login"')) Object.assign(fields, { login, password: "any" });
      response = await send(new URL(action, issuer).href, {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    }
    throw new Error("the provider did not send the browser back");
  }

  return {
    issuer,
    clientId,
    clientSecret,
    authorize,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
