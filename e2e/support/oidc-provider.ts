// A tiny OpenID Connect provider for browser tests, so "Continue with Cognito" runs end to end without the internet:
// discovery, authorize (approves at once, as the identity the test chose), token (an RS256-signed ID token), JWKS and
// userinfo. The portal under test points COGNITO_ISSUER at it (playwright.config.ts).
import { createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";

export interface OidcIdentity {
  sub: string;
  email: string;
  email_verified: boolean | "true" | "false";
  name: string;
}

export const OIDC_CLIENT_ID = "gatehouse-e2e";
export const OIDC_CLIENT_SECRET = "gatehouse-e2e-secret";
/** The provider listens next to the portal under test: E2E_PORT + 1000. */
export const oidcPort = (portalPort: number) => portalPort + 1000;

export interface TestOidcProvider {
  issuer: string;
  /** Who the next sign-ins are. */
  signInAs(identity: OidcIdentity): void;
  /** The query of every authorization request so far (e.g. to see `prompt=login`). */
  authorizations: URLSearchParams[];
  close(): Promise<void>;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export async function startOidcProvider(port: number): Promise<TestOidcProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "test", alg: "RS256", use: "sig" };
  let identity: OidcIdentity | null = null;
  const codes = new Map<string, { identity: OidcIdentity; nonce: string | null }>();
  const tokens = new Map<string, OidcIdentity>();
  const authorizations: URLSearchParams[] = [];

  function idToken(who: OidcIdentity, nonce: string | null): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: "test" }));
    const claims = { iss: issuer, aud: OIDC_CLIENT_ID, iat: now, exp: now + 300, ...who, ...(nonce ? { nonce } : {}) };
    const body = `${header}.${b64url(JSON.stringify(claims))}`;
    return `${body}.${createSign("RSA-SHA256").update(body).sign(privateKey).toString("base64url")}`;
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
    if (url.pathname === "/authorize") {
      authorizations.push(url.searchParams);
      const redirect = url.searchParams.get("redirect_uri");
      if (!identity || !redirect || url.searchParams.get("client_id") !== OIDC_CLIENT_ID) return json(400, { error: "invalid_request" });
      const code = randomBytes(16).toString("base64url");
      codes.set(code, { identity, nonce: url.searchParams.get("nonce") });
      const back = new URL(redirect);
      back.searchParams.set("code", code);
      const state = url.searchParams.get("state");
      if (state) back.searchParams.set("state", state);
      res.writeHead(302, { Location: back.toString() });
      return res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const form = new URLSearchParams(body);
        const grant = codes.get(form.get("code") ?? "");
        codes.delete(form.get("code") ?? "");
        if (!grant) return json(400, { error: "invalid_grant" });
        const accessToken = randomBytes(16).toString("base64url");
        tokens.set(accessToken, grant.identity);
        json(200, { access_token: accessToken, token_type: "Bearer", expires_in: 300, id_token: idToken(grant.identity, grant.nonce) });
      });
      return;
    }
    if (url.pathname === "/userinfo") {
      const who = tokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
      return who ? json(200, who) : json(401, { error: "invalid_token" });
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    issuer,
    signInAs: (who) => void (identity = who),
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
