/**
 * What documents say about access, read from a function's policy: whether a caller must (or
 * may) present a bearer token, and the scopes it must hold. The policy is the auth step's to
 * define; documents read the Ferris/Cloud Endpoints vocabulary of it (`auth_level`, `scopes`,
 * camelCase spellings too) and nothing else, so an unknown policy documents no security.
 */
import type { Policy } from '../api/steps.ts';

/** How a function documents its access. */
export interface Access {
  /** `required`: a token is needed; `optional`: a token is read when sent; `none`: no token. */
  readonly level: 'required' | 'optional' | 'none';
  /** Scopes the token must carry (empty: any valid token). */
  readonly scopes: readonly string[];
}

const NONE: Access = Object.freeze({ level: 'none', scopes: Object.freeze([]) });

/** The documented access of a function with this policy. */
export function accessOf(policy: Policy): Access {
  const level = policy.auth_level ?? policy.authLevel;
  const raw = policy.scopes;
  const scopes = Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : typeof raw === 'string' ? [raw] : [];
  if (level === 'required' || level === 'REQUIRED') return { level: 'required', scopes };
  if (level === 'optional' || level === 'OPTIONAL' || level === 'optional_continue' || level === 'OPTIONAL_CONTINUE') return { level: 'optional', scopes };
  // Scopes without a level: a token with them is needed.
  return scopes.length > 0 ? { level: 'required', scopes } : NONE;
}
