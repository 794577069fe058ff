/**
 * The identity providers of the kitchen's bearer-token controllers:
 * - `secured`: an ES256 key pair generated when the suite loads, its public half a local key set
 *   of the real `bearerAuth` step, and tokens signed with it — good ones, and one for each way a
 *   token can be refused (`TokenKind`);
 * - `rotating`: a real JWKS served over HTTP on 127.0.0.1 (`jwksProvider`), whose keys the
 *   cases rotate while the kitchen runs; each served kitchen has its own step, so its own caches.
 */
import { type JWTPayload, SignJWT, UnsecuredJWT, exportJWK, generateKeyPair } from 'jose';
import { type CallStep, bearerAuth } from '../../../src/index.ts';
import { IdentityProvider } from '../../helpers/idp.ts';

export const ISSUER = 'https://id.kitchen.test.invalid';
export const AUDIENCE = 'pc-kitchen';
/** The one client id the `secured` controller allows. */
export const CLIENT = 'kitchen-client';
/** The scope it requires. */
export const SCOPE = 'kitchen.read';

const KID = 'kitchen-1';
const keys = await generateKeyPair('ES256', { extractable: true });
// Signs the bad-signature token (same kid) and the unknown-kid one: a key the key set does not hold.
const stranger = await generateKeyPair('ES256', { extractable: true });
const jwk = { ...(await exportJWK(keys.publicKey)), kid: KID, alg: 'ES256', use: 'sig' };

/** The step: tokens of `ISSUER` for `AUDIENCE`, checked against the local key set. */
export const kitchenBearer: CallStep = bearerAuth({ issuers: [{ issuer: ISSUER, audiences: [AUDIENCE], keys: { keys: [jwk] } }], realm: 'pc' });

/** The policy the step enforces on the `secured` controller. */
export const SECURED_POLICY = { authLevel: 'required', scopes: [SCOPE], allowedClientIds: [CLIENT] } as const;

export type TokenKind =
  | 'good'
  | 'expired'
  | 'notYetValid'
  | 'wrongIssuer'
  | 'wrongAudience'
  | 'unknownKid'
  | 'algNone'
  | 'badSignature'
  | 'noScope'
  | 'otherClient';

/** A token of `kind` for subject `sub`, signed now. */
export function kitchenToken(kind: TokenKind, sub = 'carol'): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = { iss: ISSUER, aud: AUDIENCE, sub, scope: `other ${SCOPE}`, azp: CLIENT, iat: now, exp: now + 3600 };
  // Both beyond the step's clock tolerance (60 s).
  if (kind === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (kind === 'notYetValid') claims.nbf = now + 1800;
  if (kind === 'wrongIssuer') claims.iss = 'https://elsewhere.test.invalid';
  if (kind === 'wrongAudience') claims.aud = 'another-service';
  if (kind === 'noScope') claims.scope = 'other';
  if (kind === 'otherClient') claims.azp = 'mallory-client';
  if (kind === 'algNone') return Promise.resolve(new UnsecuredJWT(claims).encode());
  const key = kind === 'badSignature' || kind === 'unknownKid' ? stranger.privateKey : keys.privateKey;
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: kind === 'unknownKid' ? 'kitchen-unknown' : KID, typ: 'JWT' }).sign(key);
}

let provider: Promise<IdentityProvider> | undefined;

/** The `rotating` controller's identity provider: one JWKS server for the suite, started on first use. */
export function jwksProvider(): Promise<IdentityProvider> {
  provider ??= new IdentityProvider().start();
  return provider;
}

/** Stops the JWKS server, if it was started (the suite's `after`). */
export async function closeJwksProvider(): Promise<void> {
  const p = provider;
  provider = undefined;
  await (await p)?.close();
}

/**
 * The `rotating` controller's step: tokens of the provider at `jwksUrl`, its JWKS fetched again
 * at once on an unknown `kid` (no cooldown: the case rotates, then calls straight away).
 */
export function rotatingBearer(jwksUrl: string, issuer: string, audience: string): CallStep {
  return bearerAuth({ issuers: [{ issuer, audiences: [audience], jwksUrl }], jwksCooldownMs: 0, realm: 'pc' });
}
