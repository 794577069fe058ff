/**
 * The bearer token of a call: `Authorization: Bearer <token>` (RFC 6750 §2.1), else the
 * `access_token` query parameter (§2.3; what browsers can send on a WebSocket handshake).
 * Over a WebSocket both are the handshake's.
 */
import type { RequestInfo } from '../../api/context.ts';

/** The token, `undefined` when none is sent, or `null` for an Authorization header that is not a bearer token. */
export function bearerToken(request: RequestInfo): string | undefined | null {
  const header = request.header('authorization');
  if (header !== undefined) {
    const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
    return m ? m[1] : null;
  }
  const q = request.query;
  if (q === '' || !q.includes('access_token=')) return undefined;
  const v = new URLSearchParams(q).get('access_token');
  return v === null || v === '' ? undefined : v;
}
