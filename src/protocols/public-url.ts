/**
 * Where a client reaches the service: the public base URL of a request, `scheme://host` + the
 * proxy's prefix + the mount path + the API's webpath. Every self-describing document (the
 * WSDL's address, the index page's links, Ext Direct's api.js, OpenRPC's servers) takes its
 * links from here, so that mounted (`app.use('/svc', …)`) or behind a proxy they still point
 * where the client came from.
 *
 * The request's headers are the client's to choose and end up in documents: a `Host` that is
 * not a host[:port] is ignored (the address falls back to `localhost`), and the proxy's
 * `X-Forwarded-Proto`, `-Host` and `-Prefix` are read only when the app trusts its proxy.
 */
import type { SbRequest } from '../runtime/http.ts';

/**
 * Whether to believe the `X-Forwarded-*` headers of a reverse proxy: `true` reads
 * `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-Prefix`; `false` or unset none of
 * them (as Fastify and Express: a header any client can send is not evidence of a proxy).
 */
export type TrustProxy = boolean | undefined;

/** The request fields the address is made of (an `SbRequest`, or a handler's `RequestInfo`). */
export type AddressedRequest = Pick<SbRequest, 'header'> & { readonly mount?: string };

// host[:port]: a DNS name (underscores allowed, as container names have them), IPv4, or [IPv6].
const HOST = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
// Characters a URL path may hold as they are (RFC 3986 pchar and "/"); others get %-encoded.
const NOT_PATH = /[^A-Za-z0-9._~%!$&'()*+,;=:@/-]/g;
const FALLBACK_HOST = 'localhost';

/** True for a `host[:port]` a document may carry. */
export function validHost(host: string | undefined): host is string {
  return host !== undefined && host.length <= 255 && HOST.test(host);
}

/** `https://api.example.com/svc/ws`: the absolute URL of the webpath, as this client sees it. */
export function publicBase(req: AddressedRequest, webpath: string, trust: TrustProxy): string {
  return `${publicOrigin(req, trust)}${publicPath(req, webpath, trust) || '/'}`;
}

/** `https://api.example.com`: scheme and authority, as this client sees them. */
export function publicOrigin(req: AddressedRequest, trust: TrustProxy): string {
  const proto = trust !== true ? undefined : first(req.header('x-forwarded-proto'))?.toLowerCase();
  // Whether the connection itself is TLS is the server's to know, and not told: http.
  const scheme = proto === 'https' ? 'https' : 'http';
  const forwarded = trust === true ? first(req.header('x-forwarded-host')) : undefined;
  const host = validHost(forwarded) ? forwarded : hostOf(req);
  return `${scheme}://${host}`;
}

/** `/edge/svc/ws`: the proxy's prefix (when trusted), the mount and the webpath; `''` for none. */
export function publicPath(req: AddressedRequest, webpath: string, trust: TrustProxy): string {
  const prefix = trust === true ? first(req.header('x-forwarded-prefix')) : undefined;
  return cleanPath(prefix) + cleanPath(req.mount) + webpath;
}

function hostOf(req: AddressedRequest): string {
  const host = req.header('host');
  return validHost(host) ? host : FALLBACK_HOST;
}

/** The first value of a list header (`a, b` → `a`), trimmed; undefined when empty. */
function first(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const comma = value.indexOf(',');
  const v = (comma === -1 ? value : value.slice(0, comma)).trim();
  return v === '' ? undefined : v;
}

/** A path to put in front: with a leading `/`, without a trailing one, nothing a URL cannot hold. */
function cleanPath(path: string | undefined): string {
  if (path === undefined || path === '' || path === '/') return '';
  let p = path.replace(NOT_PATH, encodeURIComponent);
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p === '' || p.startsWith('/') ? p : `/${p}`;
}
