/**
 * A real identity provider for tests: RSA keys generated with jose, their JWKS served over HTTP
 * on 127.0.0.1 port 0 (fetches counted), tokens signed with them, keys rotated on demand.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

export const ISSUER = 'https://id.test.invalid';
export const AUDIENCE = 'ferris-api';
/** Google's API Explorer, which the seed's endpoint allows (API_EXPLORER_CLIENT_ID). */
export const EXPLORER = '292824132082.apps.googleusercontent.com';

interface Key {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function makeKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export interface SignOptions {
  /** Claims over the defaults (sub alice, the userinfo.email scope, azp the API Explorer, exp in 1 h). */
  claims?: JWTPayload;
  /** Sign with this key instead of the current one (e.g. a key the JWKS does not have). */
  key?: Key;
  kid?: string;
}

export class IdentityProvider {
  fetches = 0;
  private server: Server | undefined;
  private published: Key[] = [];
  current!: Key;

  /** Starts serving the JWKS with one key. */
  async start(): Promise<this> {
    this.current = await makeKey('k1');
    this.published = [this.current];
    this.server = createServer((_req, res) => {
      this.fetches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: this.published.map((k) => k.jwk) }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get jwksUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/jwks`;
  }

  /** A new current key, published in place of the old ones. */
  async rotate(kid: string): Promise<void> {
    this.current = await makeKey(kid);
    this.published = [this.current];
  }

  /** A key that is never published. */
  stranger(kid = 'k1'): Promise<Key> {
    return makeKey(kid);
  }

  /** A token signed with the current key (or `o.key`). */
  sign(o: SignOptions = {}): Promise<string> {
    const key = o.key ?? this.current;
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = {
      iss: ISSUER,
      aud: AUDIENCE,
      sub: 'alice',
      email: 'alice@example.com',
      scope: 'https://www.googleapis.com/auth/userinfo.email',
      azp: EXPLORER,
      iat: now,
      exp: now + 3600,
      ...o.claims,
    };
    for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: o.kid ?? key.kid, typ: 'JWT' }).sign(key.privateKey);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
