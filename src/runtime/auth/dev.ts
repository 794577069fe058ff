/**
 * The development identity provider: a fixed key pair known to everyone who has the source,
 * so a fresh checkout can sign and verify tokens with no provider at all
 * (`npx switchboard token --sub alice --scope USERINFO`). Never trust it in production: point
 * the app at a real provider with `SWITCHBOARD_AUTH_ISSUER`, `SWITCHBOARD_AUTH_AUDIENCE` and
 * `SWITCHBOARD_AUTH_JWKS_URL` (`authFromEnv`).
 */
import { importJWK, type JWK, SignJWT } from 'jose';
import type { BearerOptions, IssuerOptions } from './options.ts';
import { API_EXPLORER_CLIENT_ID, DEFAULT_SCOPE_ALIASES } from './options.ts';

export const DEV_ISSUER = 'https://switchboard.invalid/dev';
export const DEV_AUDIENCE = 'switchboard-dev';

const DEV_PRIVATE: JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'CMiGiVQIp7Bquhttq-FqdTu0K9vGnf71mjK4Hxsv6KE',
  y: 'TxZj_unvDxh9V4C-8FKpucYTznotX1AjVoSbfNOV4aY',
  d: 'Q3La3SZPNwWdLgZ333vLc2JdxeWsAFGaQ0j9zYsn80A',
  kid: 'switchboard-dev-1',
  alg: 'ES256',
  use: 'sig',
};

/** The development issuer, with its public key only. */
export function devIssuer(): IssuerOptions {
  const { d: _private, ...pub } = DEV_PRIVATE;
  return { issuer: DEV_ISSUER, audiences: [DEV_AUDIENCE], keys: { keys: [pub] } };
}

export interface DevTokenOptions {
  sub: string;
  /** Scopes or aliases (`USERINFO`). */
  scopes?: readonly string[];
  /** `azp`; default the API Explorer's client id, which the seed's endpoint allows. */
  clientId?: string;
  email?: string;
  /** Lifetime in seconds (default 3600). */
  ttl?: number;
}

/** Marks a bearer step that accepts the development issuer's tokens (`usesDevKeys`). */
const DEV_STEPS = new WeakSet<object>();

/** Records that `step` accepts tokens of the development key set (the bearer step does, for `devIssuer()`). */
export function markDevKeys<S extends object>(step: S, issuers: readonly IssuerOptions[]): S {
  if (issuers.some((i) => i.issuer === DEV_ISSUER)) DEV_STEPS.add(step);
  return step;
}

/** Whether `step` accepts tokens signed with the development key (so a development token opens what it guards). */
export function usesDevKeys(step: object): boolean {
  return DEV_STEPS.has(step);
}

/** A token signed with the development key. */
export async function devToken(o: DevTokenOptions): Promise<string> {
  const key = await importJWK(DEV_PRIVATE, 'ES256');
  const scope = (o.scopes ?? []).flatMap((s) => DEFAULT_SCOPE_ALIASES[s]?.slice(0, 1) ?? [s]).join(' ');
  const client = o.clientId === undefined || o.clientId === 'API_EXPLORER_CLIENT_ID' ? API_EXPLORER_CLIENT_ID : o.clientId;
  return new SignJWT({ scope, azp: client, email: o.email ?? `${o.sub}@example.com` })
    .setProtectedHeader({ alg: 'ES256', kid: DEV_PRIVATE.kid, typ: 'JWT' })
    .setSubject(o.sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${o.ttl ?? 3600}s`)
    .sign(key);
}

/** Whether the settings came from the environment or are the development ones. */
export interface EnvAuth {
  readonly options: BearerOptions;
  readonly development: boolean;
}

/**
 * The bearer options an app reads from its environment: `SWITCHBOARD_AUTH_ISSUER`,
 * `SWITCHBOARD_AUTH_AUDIENCE` (several: comma-separated) and `SWITCHBOARD_AUTH_JWKS_URL`; all
 * three, or none (the development issuer).
 */
export function authFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): EnvAuth {
  const issuer = env.SWITCHBOARD_AUTH_ISSUER;
  const audience = env.SWITCHBOARD_AUTH_AUDIENCE;
  const jwksUrl = env.SWITCHBOARD_AUTH_JWKS_URL;
  const given = [issuer, audience, jwksUrl].filter((v) => v !== undefined && v !== '').length;
  if (given === 0) return { options: { issuers: [devIssuer()] }, development: true };
  if (given !== 3) throw new Error('set all of SWITCHBOARD_AUTH_ISSUER, SWITCHBOARD_AUTH_AUDIENCE and SWITCHBOARD_AUTH_JWKS_URL, or none');
  const audiences = audience!
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  return { options: { issuers: [{ issuer: issuer!, audiences, jwksUrl: jwksUrl! }] }, development: false };
}
