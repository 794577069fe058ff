/** What the bearer-token step is configured with. */
import type { JSONWebKeySet } from 'jose';

/** An identity provider whose tokens are accepted. */
export interface IssuerOptions {
  /** The `iss` its tokens carry. */
  readonly issuer: string;
  /** The `aud` values accepted (at least one: a token for another service is refused). */
  readonly audiences: readonly string[];
  /** Its JWKS document, fetched over HTTP(S), cached, and fetched again for an unknown `kid`. */
  readonly jwksUrl?: string | URL;
  /** Or its public keys, given here. */
  readonly keys?: JSONWebKeySet;
}

/** Options of `bearerAuth`. */
export interface BearerOptions {
  /** The issuers of every endpoint that names none of its own (`issuers` in its YAML). */
  readonly issuers: readonly IssuerOptions[];
  /** Accepted signature algorithms; default every asymmetric JWS algorithm. HMAC ones are refused. */
  readonly algorithms?: readonly string[];
  /** Clock skew allowed on `exp` and `nbf`, in seconds (default 60, at most 300). */
  readonly clockToleranceSeconds?: number;
  /** Scope aliases; default `USERINFO` → the userinfo.email scope and `email`. */
  readonly scopeAliases?: Readonly<Record<string, readonly string[]>>;
  /** The client id `API_EXPLORER_CLIENT_ID` stands for (default: Google's API Explorer's). */
  readonly explorerClientId?: string;
  /** Verified tokens kept until their expiry (default 10 000). */
  readonly cacheSize?: number;
  /** Least time between two fetches of one JWKS for an unknown `kid` (default 30 000 ms). */
  readonly jwksCooldownMs?: number;
  /** How long a fetched JWKS is trusted before it is fetched again (default 10 minutes). */
  readonly jwksMaxAgeMs?: number;
  /** The `realm` of challenges; default the API's name. */
  readonly realm?: string;
}

export const ASYMMETRIC_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

export const USERINFO_EMAIL = 'https://www.googleapis.com/auth/userinfo.email';

export const DEFAULT_SCOPE_ALIASES: Readonly<Record<string, readonly string[]>> = Object.freeze({ USERINFO: [USERINFO_EMAIL, 'email'] });

/** Google's API Explorer's client id, what `API_EXPLORER_CLIENT_ID` means in Cloud Endpoints. */
export const API_EXPLORER_CLIENT_ID = '292824132082.apps.googleusercontent.com';
