/**
 * `WWW-Authenticate` on HTTP faults. A 401 must carry a challenge (RFC 9110 §15.5.2); the error
 * holds it (`Bearer` by default for the unauthenticated kind, or the thrower's own, which a 403
 * may carry too: RFC 6750's `insufficient_scope`).
 */
import type { SwitchboardError } from '../errors/index.ts';

/** `headers`, plus `www-authenticate` when the error carries a challenge. Never mutates `headers` (often shared). */
export function faultHeaders(err: SwitchboardError, headers: Record<string, string>): Record<string, string> {
  return err.challenge === undefined ? headers : { ...headers, 'www-authenticate': err.challenge };
}
