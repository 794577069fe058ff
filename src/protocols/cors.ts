/**
 * CORS (the Fetch standard's cross-origin protocol), an app option: calls from the origins it
 * allows get `Access-Control-*` headers, and preflights (`OPTIONS` with
 * `Access-Control-Request-Method`) are answered from the route table — the `Allow` the route
 * really has, as its 405 says — without reaching any handler. An app without the option sends
 * no CORS header at all.
 */
import type { SbRequest, SbResponse } from '../runtime/http.ts';

export interface CorsOptions {
  /**
   * Who may call: `'*'` (anyone, without credentials), an origin (`https://app.example`), a
   * list of them (compared exactly), or a function of the request's `Origin` saying yes or no.
   */
  origin: '*' | string | readonly string[] | ((origin: string) => boolean);
  /** Methods a preflight allows (default: every method the route answers, its `Allow`). */
  methods?: readonly string[];
  /** Request headers a preflight allows (default: those the browser asks for). */
  allowedHeaders?: readonly string[];
  /** Answer headers a page's script may read, beyond the CORS-safelisted ones. */
  exposedHeaders?: readonly string[];
  /** Allow cookies and HTTP authentication (`Access-Control-Allow-Credentials: true`). */
  credentials?: boolean;
  /** Seconds a browser may cache a preflight's answer (`Access-Control-Max-Age`). */
  maxAge?: number;
}

type Handle = (req: SbRequest) => SbResponse | Promise<SbResponse>;

/** `handle` with CORS: answers preflights, adds the headers to answers for allowed origins. */
export function withCors(handle: Handle, options: CorsOptions): Handle {
  const allowed = originRule(options);
  const anyone = options.origin === '*' && !options.credentials;
  const methods = options.methods?.map((m) => m.toUpperCase());
  const common: Record<string, string> = {};
  if (options.credentials) common['access-control-allow-credentials'] = 'true';
  const exposed = options.exposedHeaders?.length ? options.exposedHeaders.join(', ') : undefined;
  const allowHeaders = options.allowedHeaders?.join(', ');
  const maxAge = options.maxAge !== undefined ? String(Math.floor(options.maxAge)) : undefined;

  const originHeaders = (origin: string): Record<string, string> =>
    anyone ? { 'access-control-allow-origin': '*', ...common } : { 'access-control-allow-origin': origin, ...common };

  return (req) => {
    const origin = req.header('origin');
    if (origin === undefined) return handle(req);
    const ok = allowed(origin);
    if (req.method === 'OPTIONS' && req.header('access-control-request-method') !== undefined) {
      return then(handle(req), (res) => preflight(res, ok ? origin : undefined, req));
    }
    if (!ok) return then(handle(req), (res) => (anyone ? res : withHeaders(res, {}, true)));
    const extra = originHeaders(origin);
    if (exposed) extra['access-control-expose-headers'] = exposed;
    return then(handle(req), (res) => withHeaders(res, extra, !anyone));
  };

  function preflight(routed: SbResponse, origin: string | undefined, req: SbRequest): SbResponse {
    // A 405 names the route's verbs; anything else (a 404, or a function bound to OPTIONS itself) stands as it is.
    const allow = routed.status === 405 ? routed.headers.allow : undefined;
    if (allow === undefined) return origin ? withHeaders(routed, originHeaders(origin), !anyone) : routed;
    const headers: Record<string, string> = { allow };
    if (origin !== undefined) {
      Object.assign(headers, originHeaders(origin));
      const verbs = allow.split(', ');
      headers['access-control-allow-methods'] = (methods ? methods.filter((m) => verbs.includes(m)) : verbs).join(', ');
      const asked = req.header('access-control-request-headers');
      const h = allowHeaders ?? asked;
      if (h) headers['access-control-allow-headers'] = h;
      if (maxAge !== undefined) headers['access-control-max-age'] = maxAge;
    }
    if (!anyone) headers.vary = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
    return { status: 204, headers, body: null };
  }
}

function originRule(options: CorsOptions): (origin: string) => boolean {
  const o = options.origin;
  if (typeof o === 'function') return (origin) => o(origin) === true;
  if (o === '*') return () => true;
  const list = new Set(typeof o === 'string' ? [o] : o);
  return (origin) => list.has(origin);
}

/** A copy of `res` with `extra` headers (answers' header objects may be shared, so never written to). */
function withHeaders(res: SbResponse, extra: Record<string, string>, vary: boolean): SbResponse {
  const headers = { ...res.headers, ...extra };
  if (vary) headers.vary = res.headers.vary ? `${res.headers.vary}, Origin` : 'Origin';
  return { ...res, headers };
}

function then(out: SbResponse | Promise<SbResponse>, f: (res: SbResponse) => SbResponse): SbResponse | Promise<SbResponse> {
  return out instanceof Promise ? out.then(f) : f(out);
}
