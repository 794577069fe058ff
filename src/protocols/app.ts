/**
 * The app: one or several compiled APIs, each with its protocols bound, answering
 * `SbRequest`s. An API answers below its base path (the longest matching one wins); the index
 * page at `/` lists every API. Server adapters call `app.handle`; nothing here knows which
 * server that is.
 */
import type { ApiDef } from '../api/api.ts';
import { declarationError } from '../errors/declaration.ts';
import { type SwitchboardError, sbError, toSwitchboardError } from '../errors/index.ts';
import { type Api, type ApiOptions, compileApi } from '../runtime/compile.ts';
import type { SbRequest, SbResponse } from '../runtime/http.ts';
import { StreamBudget, type StreamLimits } from '../runtime/stream-limits.ts';
import { defaultProtocols } from './defaults.ts';
import { discoveryService } from './discovery/service.ts';
import { explorer, explorerEnabled } from './explorer/explorer.ts';
import { type CorsOptions, withCors } from './cors.ts';
import type { Health } from './health.ts';
import type { Metrics } from './metrics.ts';
import { withRequestIds } from './request-id.ts';
import { observeRefusal } from '../runtime/observe.ts';
import { IndexPages } from './index-page.ts';
import type { BindEnv, BoundProtocol, Protocol } from './protocol.ts';
import { isRest, restProtocol } from './rest/protocol.ts';
import { Selector } from './select.ts';
import { channels } from './channels/endpoint.ts';
import type { SocketEndpoint, SocketProtocol } from './socket.ts';

export interface AppOptions extends ApiOptions {
  /** The protocols, in selection order (default: `defaultProtocols()`). */
  protocols?: readonly Protocol[];
  /** Largest request body in bytes (default 1 MiB); larger ones get 413. */
  bodyLimit?: number;
  /** Serve the HTML index at `/` (every API) and at each API's base path (that API alone; default true). */
  indexPage?: boolean;
  /** Told of every Server fault (Client faults are the caller's business). */
  onServerError?: (err: SwitchboardError) => void;
  /**
   * Behind a reverse proxy you trust: documents (WSDL, index page, api.js, OpenRPC) link to the
   * `X-Forwarded-Host`, `X-Forwarded-Proto` and `X-Forwarded-Prefix` it sends. Unset or `false`
   * (the default) ignores all three. See `public-url.ts`.
   */
  trustProxy?: boolean;
  /** Bounds on streams over every protocol: open streams, bytes queued for slow subscribers (see docs/limits.md). */
  streams?: StreamLimits;
  /** Serve Google's discovery service at `/_ah/api/discovery/v1/` for the APIs below `/_ah/api/` (default true). */
  discovery?: boolean;
  /** Socket protocols served on paths of their own below each API's base path (default: `[channels()]`, at `<base>/channels`). */
  sockets?: readonly SocketProtocol[];
  /** Cross-origin calls from browsers (see `cors.ts`, docs/production.md); none when unset. */
  cors?: CorsOptions;
  /** Give every request an id (its `X-Request-Id`, else a new UUID), echoed on the answer and in the call log. */
  requestIds?: boolean;
  /** `/healthz` and `/readyz` (see `health.ts`): `new Health({ checks })`, kept to `drain()` on shutdown. */
  health?: Health;
  /** `/metrics` in the Prometheus text format (see `metrics.ts`): `new Metrics()`. */
  metrics?: Metrics;
  /**
   * Serve the explorer at each API's `<base>/explorer`: by default unless `NODE_ENV=production`;
   * `true` serves it anyway, `false` never (see `explorer/explorer.ts`). Added to the protocols
   * unless they hold one already.
   */
  explorer?: boolean;
}

export interface App {
  /** The first API (the only one, usually). */
  readonly api: Api;
  /** Every API served, in the order given. */
  readonly apis: readonly Api[];
  /** The first API's bound protocols. */
  readonly protocols: readonly BoundProtocol[];
  /** Socket protocols bound to every API (the WebSocket server adapter serves them at their paths). */
  readonly sockets: readonly SocketEndpoint[];
  /** Answers one request. Returns synchronously when it can. */
  handle(req: SbRequest): SbResponse | Promise<SbResponse>;
  /**
   * Lets every protocol release what it holds (streams of Ext Direct polling clients end, their
   * handlers' signals abort). Servers started with `serve()` call it when they close; call it
   * yourself for an app you built with `createApp` and mounted elsewhere. Idempotent.
   */
  close(): void;
  /** The app's count of open streams and queued stream bytes, against `AppOptions.streams`. */
  readonly streams: StreamBudget;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** One API with its protocols bound. */
interface Served {
  readonly api: Api;
  /** Its own index page, at its base path. */
  index?: IndexPages;
  readonly base: string;
  readonly protocols: readonly BoundProtocol[];
  readonly selector: Selector;
  answer(req: SbRequest, rel: string): SbResponse | Promise<SbResponse>;
}

/** Builds the app of one API or several (each under its own base path, on one port). */
const OPEN_STREAMS = 'switchboard_open_streams';

export function createApp(apis: ApiDef | readonly ApiDef[], options: AppOptions = {}): App {
  const defs: readonly ApiDef[] = Array.isArray(apis) ? apis : [apis as ApiDef];
  if (defs.length === 0) throw new TypeError('createApp: give at least one API');
  const streams = new StreamBudget(options.streams);
  // Streams open now, over every protocol (SSE, WebSocket, Ext Direct polling): read when scraped.
  const openStreams = () => streams.open;
  options.metrics?.gauge(OPEN_STREAMS, 'Streams open now (SSE, WebSocket, Ext Direct polling).', openStreams);
  const protocols = mergeRest(options.protocols ?? defaultProtocols());
  if (explorerEnabled(options.explorer) && !protocols.some((p) => p.name === 'explorer')) protocols.push(explorer());
  const all: Api[] = [];
  const env: BindEnv = {
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    onServerError: options.onServerError,
    trustProxy: options.trustProxy,
    streams,
    apis: all,
    protocols,
  };
  const served: Served[] = [];
  const compileOptions = options.metrics ? { ...options, observers: [...(options.observers ?? []), options.metrics.observer] } : options;
  for (const def of defs) {
    const clash = served.find((s) => s.base === def.basePath);
    if (clash) throw declarationError('SB_DECL_DUPLICATE_BASE_PATH', { path: def.basePath || '/', first: clash.api.def.name, second: def.name });
    const api = compileApi(def, compileOptions);
    all.push(api);
    served.push(serveApi(api, protocols, env));
  }
  // Longest base path first, so `/a/b` is found before `/a`.
  const byBase = [...served].sort((a, b) => b.base.length - a.base.length);
  const atRoot = served.find((s) => s.base === '');
  const first = served[0]!;
  // Google's discovery service, for the APIs served where Cloud Endpoints serves them.
  const discovery =
    options.discovery !== false
      ? discoveryService(
          served.map((s) => s.api),
          options.trustProxy,
        )
      : undefined;
  const sections = served.map((s) => ({ api: s.api, documents: [...documentsOf(s.protocols), ...(discovery?.documentsOf(s.api) ?? [])] }));
  const index = options.indexPage !== false ? new IndexPages(sections, options.trustProxy) : undefined;
  // Each API's own page at its base path (`/ws/`), unless a function answers there.
  if (options.indexPage !== false) {
    for (const [i, s] of served.entries()) if (s.base !== '' && !answersAtBase(s.api)) s.index = new IndexPages([sections[i]!], options.trustProxy);
  }
  const sockets = served.flatMap((s) => (options.sockets ?? [channels()]).map((p) => p.bind(s.api, env)));

  let closed = false;
  const app: App = {
    api: first.api,
    apis: served.map((s) => s.api),
    protocols: first.protocols,
    streams,
    sockets,
    close() {
      if (closed) return;
      closed = true;
      for (const s of served) for (const b of s.protocols) b.close?.();
      options.metrics?.dropGauge(OPEN_STREAMS, openStreams);
    },
    handle(req) {
      const path = req.path;
      if (discovery?.owns(path)) return discovery.handle(req);
      for (const s of byBase) {
        const base = s.base;
        if (base !== '' && isBelow(path, base)) {
          const rel = trimSlashes(path.slice(base.length));
          if (rel === '' && s.index && wantsPage(req)) return s.index.get(req);
          return s.answer(req, rel);
        }
      }
      if (index && (path === '/' || path === '') && (req.method === 'GET' || req.method === 'HEAD')) return index.get(req);
      if (atRoot) return atRoot.answer(req, trimSlashes(path));
      return first.selector.default.fault(sbError('SB_NOT_FOUND', { path }));
    },
  };
  return withOptions(app, options);
}

/** The app with what its options add around `handle` (CORS, probes, metrics, request ids). */
function withOptions(app: App, options: AppOptions): App {
  let handle = app.handle;
  if (options.cors) handle = withCors(handle, options.cors);
  if (options.health) handle = options.health.wrap(handle);
  if (options.metrics) handle = options.metrics.wrap(handle);
  if (options.requestIds) handle = withRequestIds(handle);
  return handle === app.handle ? app : { ...app, handle };
}

function serveApi(api: Api, protocols: readonly Protocol[], env: BindEnv): Served {
  const bound = protocols.map((p) => p.bind(api, env));
  const selector = new Selector(bound);
  const others = bound.filter((b) => b.allow !== undefined);
  return {
    api,
    base: api.webpath,
    protocols: bound,
    selector,
    answer(req, rel) {
      let sel: ReturnType<Selector['select']>;
      try {
        sel = selector.select(req, rel);
      } catch (err) {
        // A protocol's own rule (`claims`) threw: still an answer, never a crash.
        return selector.default.fault(toSwitchboardError(err));
      }
      // Refused before any protocol read it: answered as the client's Accept asks, when it can be.
      if ('error' in sel) {
        const by = selector.forFault(req);
        observeRefusal(api.observe, { api: api.def.name, name: '', protocol: by.protocol.name, request: req, asked: rel }, sel.error);
        return by.fault(sel.error, req);
      }
      try {
        let out = sel.bound.handle(req, sel.rel);
        // OPTIONS: what every protocol answers at this path (SOAP's endpoint is the base path itself).
        if (req.method === 'OPTIONS' && others.length > 0) out = withOthersAllow(out, others, sel.rel);
        return out instanceof Promise && !sel.bound.settles ? out.catch((err) => sel.bound.fault(toSwitchboardError(err))) : out;
      } catch (err) {
        // A protocol must answer its own faults; this is the last net, never a crash.
        return sel.bound.fault(toSwitchboardError(err));
      }
    },
  };
}

/**
 * An OPTIONS answer with the verbs the protocols that answer by content rather than by path
 * (SOAP) take at `rel`: a 404 becomes a 405 with their `Allow`, a 405's `Allow` grows. CORS
 * then answers a preflight from it.
 */
function withOthersAllow(out: SbResponse | Promise<SbResponse>, others: readonly BoundProtocol[], rel: string): SbResponse | Promise<SbResponse> {
  const extra = others.flatMap((b) => b.allow!(rel) ?? []);
  if (extra.length === 0) return out;
  const add = (res: SbResponse): SbResponse => {
    if (res.status !== 404 && res.status !== 405) return res;
    const verbs = new Set([...(res.status === 405 ? (res.headers.allow ?? '').split(', ').filter(Boolean) : []), ...extra]);
    return { ...res, status: 405, headers: { ...res.headers, allow: [...verbs].join(', ') } };
  };
  return out instanceof Promise ? out.then(add) : add(out);
}

/** The documents the protocols serve (their endpoints that are files: `api.wsdl`, `openapi.json`…). */
function documentsOf(protocols: readonly BoundProtocol[]): string[] {
  return protocols.flatMap((b) => b.protocol.listed ?? (b.protocol.endpoints ?? []).filter((e) => e.includes('.')));
}

/**
 * A browser's plain GET of the base path (`Accept: text/html`, no query, no SOAPAction): the
 * page. Anything else there (`?wsdl`, a SOAP call, a REST client) goes to the protocols as before.
 */
function wantsPage(req: SbRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.query !== '' || req.header('soapaction') !== undefined) return false;
  return req.header('accept')?.includes('text/html') === true;
}

/** True when a function answers at the API's base path itself. */
function answersAtBase(api: Api): boolean {
  return api.functions.some((f) => f.binding.path === '' || f.binding.alias === '');
}

/** `restjson()` and `restxml()` given side by side are one REST protocol with both codecs. */
function mergeRest(protocols: readonly Protocol[]): Protocol[] {
  const rest = protocols.filter(isRest);
  if (rest.length < 2) return [...protocols];
  const merged = restProtocol(rest.flatMap((p) => p.formats));
  const at = protocols.indexOf(rest[0]!);
  return protocols.flatMap((p, i) => (i === at ? [merged] : isRest(p) ? [] : [p]));
}

/**
 * True when `path` is `base` or below it (`/ws`, `/ws/…`, not `/wsx`). Compared by character:
 * measured cheaper than `startsWith` for the short base paths APIs have.
 */
function isBelow(path: string, base: string): boolean {
  const n = base.length;
  if (path.length < n || (path.length > n && path.charCodeAt(n) !== 47)) return false;
  for (let i = n - 1; i >= 0; i--) if (path.charCodeAt(i) !== base.charCodeAt(i)) return false;
  return true;
}

function trimSlashes(p: string): string {
  let s = 0;
  let e = p.length;
  while (s < e && p.charCodeAt(s) === 47) s++;
  while (e > s && p.charCodeAt(e - 1) === 47) e--;
  return s === 0 && e === p.length ? p : p.slice(s, e);
}
