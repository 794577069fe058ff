/**
 * Verifying bearer tokens (JWT) with `jose` against a set of issuers: the token's `iss` picks
 * the issuer, whose key set (a remote JWKS, cached and fetched again on an unknown `kid` no more
 * often than the cooldown allows, or local keys) checks the signature; issuer, audience, expiry
 * and not-before are checked with a bounded clock skew. Only the listed asymmetric algorithms
 * are accepted, so neither `alg: none` nor HMAC keyed with a public key can pass. A verified
 * token is kept in a bounded cache until it expires: the next call with it costs a map lookup.
 */
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, type JWTPayload, jwtVerify } from 'jose';
import type { Principal } from '../../api/context.ts';
import type { IssuerOptions } from './options.ts';

type KeySet = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;

interface Issuer {
  readonly options: IssuerOptions;
  readonly keys: KeySet;
}

/** A verification that failed, with RFC 6750's description. */
export class TokenRefused extends Error {}

export interface VerifierSettings {
  readonly algorithms: readonly string[];
  readonly clockTolerance: number;
  readonly cacheSize: number;
  readonly cooldownMs: number;
  readonly maxAgeMs: number;
}

interface Cached {
  /** The whole token: the cache is keyed by its end only (see `keyOf`). */
  readonly token: string;
  readonly principal: Principal;
  /** Milliseconds since the epoch; the entry is dropped from then on. */
  readonly expires: number;
}

export class Verifier {
  private readonly byIssuer = new Map<string, Issuer>();
  private readonly cache = new Map<string, Cached>();

  constructor(
    issuers: readonly IssuerOptions[],
    private readonly settings: VerifierSettings,
  ) {
    for (const o of issuers) {
      if (o.audiences.length === 0) throw new TypeError(`bearerAuth: issuer ${o.issuer} lists no audience`);
      if ((o.jwksUrl === undefined) === (o.keys === undefined)) throw new TypeError(`bearerAuth: issuer ${o.issuer} needs either jwksUrl or keys`);
      const keys =
        o.keys !== undefined
          ? createLocalJWKSet(o.keys)
          : createRemoteJWKSet(new URL(o.jwksUrl!), { cooldownDuration: settings.cooldownMs, cacheMaxAge: settings.maxAgeMs, timeoutDuration: 5000 });
      this.byIssuer.set(o.issuer, { options: o, keys });
    }
  }

  /** The principal of a cached token still valid, else undefined (no promise: the fast path). */
  cached(token: string): Principal | undefined {
    const key = keyOf(token);
    const hit = this.cache.get(key);
    // The whole token must be the one verified: a token that only ends the same is not it.
    if (hit === undefined || hit.token !== token) return undefined;
    if (Date.now() < hit.expires) return hit.principal;
    this.cache.delete(key);
    return undefined;
  }

  /** Verifies a token; rejects with `TokenRefused` saying why. */
  async verify(token: string): Promise<Principal> {
    let iss: string | undefined;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      throw new TokenRefused('The token is not a JWT');
    }
    const issuer = iss === undefined ? undefined : this.byIssuer.get(iss);
    if (!issuer) throw new TokenRefused(iss === undefined ? 'The token names no issuer' : "The token's issuer is not trusted here");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, issuer.keys, {
        issuer: issuer.options.issuer,
        audience: [...issuer.options.audiences],
        algorithms: [...this.settings.algorithms],
        clockTolerance: this.settings.clockTolerance,
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      // The issuer's keys out of reach is the service's trouble, not the caller's: a server fault.
      if (!(err instanceof errors.JOSEError) || err instanceof errors.JWKSTimeout) throw err;
      throw new TokenRefused(describe(err));
    }
    const principal = principalOf(payload);
    this.remember(token, principal, payload.exp! * 1000);
    return principal;
  }

  private remember(token: string, principal: Principal, expires: number): void {
    // Oldest first: Map keeps insertion order, so the first key is the one to drop.
    if (this.cache.size >= this.settings.cacheSize) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    const key = keyOf(token);
    // A key seen again moves to the end (the newest), so eviction stays oldest first.
    this.cache.delete(key);
    this.cache.set(key, { token, principal, expires });
  }
}

/**
 * The cache key of a token: the end of its signature, random text that names it well enough to
 * find its entry (whose whole token is then compared). Measured: hashing a whole ~0.8 KB token
 * on every call cost more than the rest of the cached check.
 */
function keyOf(token: string): string {
  return token.length > 96 ? token.slice(-48) : token;
}

/** What jose's error means, for the caller (RFC 6750 `error_description`). */
function describe(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'The token expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'The token is not valid yet';
    if (err.claim === 'aud') return 'The token is for another audience';
    if (err.claim === 'iss') return "The token's issuer is not trusted here";
    return `The token's ${err.claim} claim is not valid`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return "The token's signature algorithm is not accepted";
  if (err instanceof errors.JWKSNoMatchingKey) return 'No key of the issuer matches the token';
  if (err instanceof errors.JWKSMultipleMatchingKeys) return 'Several keys of the issuer match the token';
  if (err instanceof errors.JWSSignatureVerificationFailed) return "The token's signature is not valid";
  if (err instanceof errors.JWKSInvalid) return "The issuer's keys cannot be read";
  if (err instanceof errors.JOSENotSupported) return "The token's signature algorithm is not accepted";
  return 'The token is malformed';
}

/** The principal of verified claims: subject, email, scopes, client id and every claim. */
export function principalOf(claims: JWTPayload): Principal {
  const raw = (claims.scope ?? claims.scp) as unknown;
  const scopes =
    typeof raw === 'string' ? raw.split(' ').filter((s) => s !== '') : Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
  const aud = claims.aud;
  const clientId = str(claims.azp) ?? str(claims.client_id) ?? (typeof aud === 'string' ? aud : Array.isArray(aud) && aud.length === 1 ? aud[0] : undefined);
  return Object.freeze({
    subject: claims.sub,
    email: str(claims.email),
    scopes: Object.freeze(scopes),
    clientId,
    claims: Object.freeze({ ...claims }),
  });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
