/**
 * Which pages may open a socket. A browser lets any page open a WebSocket to any server and
 * sends the page's `Origin` with the handshake; the server must check it itself, or a page
 * elsewhere can call the API with the visitor's cookies (cross-site WebSocket hijacking).
 * Clients that are not browsers send no `Origin` and are not concerned.
 */

/** The origins allowed to connect, checked and normalised once; `undefined` allows every origin. */
export class OriginCheck {
  private readonly allowed: ReadonlySet<string> | undefined;

  constructor(origins: readonly string[] | undefined) {
    if (origins === undefined) return;
    const set = new Set<string>();
    for (const o of origins) {
      const n = normalise(o);
      if (n === undefined) throw new TypeError(`websocket: allowedOrigins: ${JSON.stringify(o)} is not an origin (scheme://host[:port])`);
      set.add(n);
    }
    this.allowed = set;
  }

  /**
   * True when a handshake with this `Origin` may go on: no list, no `Origin` (not a browser),
   * an origin in the list, or the server's own (the page's host is the handshake's `Host`, as
   * for the explorer page served beside the socket).
   */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (this.allowed === undefined || origin === undefined) return true;
    const n = normalise(origin);
    if (n === undefined) return false;
    if (this.allowed.has(n)) return true;
    return host !== undefined && n.slice(n.indexOf('//') + 2) === host.toLowerCase();
  }
}

/** `scheme://host[:port]` as `URL` writes it (lower case, no default port), or undefined for anything else (`null`, a path). */
function normalise(origin: string): string | undefined {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return undefined;
  }
  const web = u.protocol === 'http:' || u.protocol === 'https:';
  if (!web || u.username !== '' || u.password !== '' || u.pathname !== '/' || u.search !== '' || u.hash !== '' || origin.endsWith('/')) return undefined;
  return u.origin;
}
