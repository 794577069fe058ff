/**
 * The bearer token of a call: `Authorization: Bearer <token>` (RFC 6750 §2.1); over a
 * WebSocket, the handshake's, or its `access_token` query parameter (§2.3), since a browser
 * cannot set headers on a handshake. Elsewhere a token in the URL is not read: URLs are logged.
 */
import type { RequestInfo } from '../../api/context.ts';

/** The token, `undefined` when none is sent, or `null` for an Authorization header that is not a bearer token. */
export function bearerToken(request: RequestInfo): string | undefined | null {
  const header = request.header('authorization');
  if (header !== undefined) {
    // The common form first, without a regular expression: `Bearer <token>`.
    if (header.startsWith('Bearer ') && header.indexOf(' ', 7) === -1 && header.length > 7) return header.slice(7);
    const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
    return m ? m[1] : null;
  }
  if (request.method !== 'WS') return undefined;
  const q = request.query;
  if (q === '' || !q.includes('access_token=')) return undefined;
  const v = new URLSearchParams(q).get('access_token');
  return v === null || v === '' ? undefined : v;
}
