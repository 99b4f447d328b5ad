/**
 * The OpenID Connect flow (docs/accounts.md, "Sign in with your company"): authorization code with PKCE,
 * `state` and `nonce`, through openid-client, which verifies the ID token (issuer, audience, expiry, and
 * signature by the provider's JWKS). A sign-in under way lives in the database (app/models/oidc.server.ts),
 * and its `state` also in a cookie of the browser that started it, so a callback finishes only there.
 */
import { parse } from "cookie";
import { Cookie } from "lucia";
import type * as Client from "openid-client";
import { OIDC_LOGIN_TTL_MS, recordLoginStart, takeLogin, type SignInProvider } from "~/models/oidc.server";
import { isSecureRequest } from "./auth.server";
import { env } from "./env.server";
import type { MessageKey } from "./i18n";
import { safeRedirect } from "./redirect";
import { signToken, verifyToken } from "./signing.server";

const STATE_COOKIE = "kring_oidc_state";
const IDENTITY_COOKIE = "kring_oidc_identity";
/** Which organisation the browser last signed in with, so signing out can offer its end-session page. */
export const SIGNED_IN_WITH_COOKIE = "kring_oidc_org";
const IDENTITY_PREFIX = "oidc-identity:";

/** Plain http only to the machine itself (the tests' provider); anything else must be https. */
export function isLoopback(url: URL) {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

export function isAllowedIssuer(issuer: string) {
  try {
    const url = new URL(issuer);
    return url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url));
  } catch {
    return false;
  }
}

// Discovery once per provider and process, for ten minutes (keys rotate; the JWKS is fetched as needed).
const configs = new Map<string, { at: number; config: Promise<Client.Configuration> }>();

// Loaded on the first company sign-in: openid-client and jose add about 10 MB to a worker (docs/capacity.md).
const loadClient = () => import("openid-client");

function configuration(provider: SignInProvider) {
  const key = JSON.stringify([provider.issuer, provider.clientId, provider.clientSecret]);
  const cached = configs.get(key);
  if (cached && cached.at + OIDC_LOGIN_TTL_MS > Date.now()) return cached.config;
  const issuer = new URL(provider.issuer);
  const config = loadClient().then((client) =>
    client
      .discovery(
        issuer,
        provider.clientId,
        undefined,
        client.ClientSecretBasic(provider.clientSecret),
        isLoopback(issuer) && issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .then((config) => {
        // openid-client trusts an ID token from the token endpoint on TLS alone unless told to check its
        // signature: the issue asks for the signature by the provider's JWKS, so it is checked.
        client.enableNonRepudiationChecks(config);
        return config;
      }),
  );
  configs.set(key, { at: Date.now(), config });
  config.catch(() => configs.delete(key));
  return config;
}

function callbackUrl(request: Request, slug: string) {
  const base = env().PUBLIC_URL || new URL(request.url).origin;
  return new URL(`/auth/oidc/${encodeURIComponent(slug)}/callback`, base);
}

function cookie(request: Request, name: string, value: string, maxAgeSeconds: number, path = "/auth/oidc") {
  return new Cookie(name, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: isSecureRequest(request),
    path,
    maxAge: maxAgeSeconds,
  }).serialize();
}

const readCookie = (request: Request, name: string) => parse(request.headers.get("Cookie") ?? "")[name];

/** Starts a sign-in: where to send the browser, and the cookie that ties the callback to it. */
export async function startSignIn(request: Request, provider: SignInProvider, redirectTo: string | undefined) {
  const client = await loadClient();
  const config = await configuration(provider);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  recordLoginStart({ state, nonce, codeVerifier, orgId: provider.org.id, redirectTo: safeRedirect(redirectTo, "/") });
  const location = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(request, provider.org.slug).href,
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { location: location.href, cookie: cookie(request, STATE_COOKIE, state, OIDC_LOGIN_TTL_MS / 1000) };
}

export type VerifiedIdentity = {
  issuer: string;
  subject: string;
  orgId: number;
  email: string;
  name: string;
  redirectTo: string;
};

export type CallbackResult =
  { ok: true; identity: VerifiedIdentity } | { ok: false; status: 400 | 403 | 502; reason: MessageKey };

/**
 * Finishes a sign-in: the state must be one this browser started, unused and under ten minutes old; then
 * openid-client redeems the code with the PKCE verifier and checks the ID token and its nonce. Nothing is
 * written but the removal of the sign-in under way.
 */
export async function finishSignIn(request: Request, provider: SignInProvider): Promise<CallbackResult> {
  const client = await loadClient();
  const url = new URL(request.url);
  const state = url.searchParams.get("state") ?? "";
  if (!state || readCookie(request, STATE_COOKIE) !== state) return refuse(400, "oidc.refused.state");
  const login = takeLogin(state);
  if (!login || login.orgId !== provider.org.id) return refuse(400, "oidc.refused.state");
  if (url.searchParams.has("error")) return refuse(403, "oidc.refused.provider");
  let claims: Client.IDToken | undefined;
  let email: unknown;
  let name: unknown;
  let emailVerified: unknown;
  try {
    const config = await configuration(provider);
    // The URL the provider redirected to, as registered (PUBLIC_URL), with the parameters it added.
    const current = callbackUrl(request, provider.org.slug);
    current.search = url.search;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    if (!claims) return refuse(400, "oidc.refused.token");
    ({ email, name, email_verified: emailVerified } = claims);
    // Providers that keep the ID token lean give email and name at the userinfo endpoint.
    if (typeof email !== "string") {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      ({ email, name, email_verified: emailVerified } = info);
    }
  } catch {
    return refuse(400, "oidc.refused.token");
  }
  if (typeof email !== "string" || !email.includes("@")) return refuse(403, "oidc.refused.noEmail");
  // Only an address the provider says it verified: a claim left out may be one the user typed in themselves.
  if (emailVerified !== true) return refuse(403, "oidc.refused.unverified");
  const domain = email.trim().toLowerCase().split("@").pop()!;
  if (!provider.domains.includes(domain)) return refuse(403, "oidc.refused.domain");
  return {
    ok: true,
    identity: {
      issuer: claims.iss,
      subject: claims.sub,
      orgId: provider.org.id,
      email: email.trim().toLowerCase(),
      name: typeof name === "string" && name.trim() ? name.trim().slice(0, 80) : email.split("@")[0],
      redirectTo: login.redirectTo,
    },
  };
}

const refuse = (status: 400 | 403 | 502, reason: MessageKey): CallbackResult => ({ ok: false, status, reason });

/** Cookies after a successful callback: the state is used up; the verified identity waits for the next step. */
export function identityCookies(request: Request, identity: VerifiedIdentity | null) {
  const payload = identity ? signToken(IDENTITY_PREFIX + JSON.stringify({ ...identity, at: Date.now() })) : "";
  return [
    cookie(request, STATE_COOKIE, "", 0),
    cookie(request, IDENTITY_COOKIE, payload, identity ? OIDC_LOGIN_TTL_MS / 1000 : 0),
  ];
}

/** The verified identity waiting in this browser for its account step (choose a handle, or link), or null. */
export function pendingIdentity(request: Request): VerifiedIdentity | null {
  const value = readCookie(request, IDENTITY_COOKIE);
  const payload = value ? verifyToken(value) : null;
  if (!payload?.startsWith(IDENTITY_PREFIX)) return null;
  const { at, ...identity } = JSON.parse(payload.slice(IDENTITY_PREFIX.length)) as VerifiedIdentity & { at: number };
  return at + OIDC_LOGIN_TTL_MS > Date.now() ? identity : null;
}

export const clearIdentityCookie = (request: Request) => identityCookies(request, null)[1];

/** Remembers (for the sign-out page) which organisation this browser signed in with; "" forgets. */
export function signedInWithCookie(request: Request, slug: string) {
  return cookie(request, SIGNED_IN_WITH_COOKIE, slug, slug ? 30 * 24 * 60 * 60 : 0, "/");
}

export const signedInWith = (request: Request) => readCookie(request, SIGNED_IN_WITH_COOKIE) ?? "";

/** The provider's end-session page, when its discovery names one. */
export async function endSessionUrl(provider: SignInProvider) {
  const client = await loadClient();
  try {
    const config = await configuration(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { client_id: provider.clientId }).href;
  } catch {
    return null;
  }
}
