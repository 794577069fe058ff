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
import { type CorsOptions, withCors } from './cors.ts';
import { defaultProtocols } from './defaults.ts';
import type { Health } from './health.ts';
import type { Metrics } from './metrics.ts';
import { withRequestIds } from './request-id.ts';
import { IndexPages } from './index-page.ts';
import type { BindEnv, BoundProtocol, Protocol } from './protocol.ts';
import { isRest, restProtocol } from './rest/protocol.ts';
import { Selector } from './select.ts';

export interface AppOptions extends ApiOptions {
  /** The protocols, in selection order (default: `defaultProtocols()`). */
  protocols?: readonly Protocol[];
  /** Largest request body in bytes (default 1 MiB); larger ones get 413. */
  bodyLimit?: number;
  /** Serve the HTML index at `/` (default true). */
  indexPage?: boolean;
  /** Told of every Server fault (Client faults are the caller's business). */
  onServerError?: (err: SwitchboardError) => void;
  /**
   * Behind a reverse proxy you trust: documents (WSDL, index page, api.js, OpenRPC) link to the
   * `X-Forwarded-Host`, `X-Forwarded-Proto` and `X-Forwarded-Prefix` it sends. Unset or `false`
   * (the default) ignores all three. See `public-url.ts`.
   */
  trustProxy?: boolean;
  /** Cross-origin calls from browsers (see `cors.ts`, docs/production.md); none when unset. */
  cors?: CorsOptions;
  /** Give every request an id (its `X-Request-Id`, else a new UUID), echoed on the answer and in the call log. */
  requestIds?: boolean;
  /** `/healthz` and `/readyz` (see `health.ts`): `new Health({ checks })`, kept to `drain()` on shutdown. */
  health?: Health;
  /** `/metrics` in the Prometheus text format (see `metrics.ts`): `new Metrics()`. */
  metrics?: Metrics;
}

export interface App {
  /** The first API (the only one, usually). */
  readonly api: Api;
  /** Every API served, in the order given. */
  readonly apis: readonly Api[];
  /** The first API's bound protocols. */
  readonly protocols: readonly BoundProtocol[];
  /** Answers one request. Returns synchronously when it can. */
  handle(req: SbRequest): SbResponse | Promise<SbResponse>;
  /**
   * Lets every protocol release what it holds (streams of Ext Direct polling clients end, their
   * handlers' signals abort). Servers started with `serve()` call it when they close; call it
   * yourself for an app you built with `createApp` and mounted elsewhere. Idempotent.
   */
  close(): void;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** One API with its protocols bound. */
interface Served {
  readonly api: Api;
  readonly base: string;
  readonly protocols: readonly BoundProtocol[];
  readonly selector: Selector;
  answer(req: SbRequest, rel: string): SbResponse | Promise<SbResponse>;
}

/** Builds the app of one API or several (each under its own base path, on one port). */
export function createApp(apis: ApiDef | readonly ApiDef[], options: AppOptions = {}): App {
  const defs: readonly ApiDef[] = Array.isArray(apis) ? apis : [apis as ApiDef];
  if (defs.length === 0) throw new TypeError('createApp: give at least one API');
  const env: BindEnv = { bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, onServerError: options.onServerError, trustProxy: options.trustProxy };
  const protocols = mergeRest(options.protocols ?? defaultProtocols());
  const served: Served[] = [];
  const compileOptions = options.metrics ? { ...options, observers: [...(options.observers ?? []), options.metrics.observer] } : options;
  for (const def of defs) {
    const clash = served.find((s) => s.base === def.basePath);
    if (clash) throw declarationError('SB_DECL_DUPLICATE_BASE_PATH', { path: def.basePath || '/', first: clash.api.def.name, second: def.name });
    served.push(serveApi(compileApi(def, compileOptions), protocols, env));
  }
  // Longest base path first, so `/a/b` is found before `/a`.
  const byBase = [...served].sort((a, b) => b.base.length - a.base.length);
  const atRoot = served.find((s) => s.base === '');
  const sections = served.map((s) => ({ api: s.api, documents: s.protocols.flatMap((b) => (b.protocol.endpoints ?? []).filter((e) => e.includes('.'))) }));
  const index = options.indexPage !== false ? new IndexPages(sections, options.trustProxy) : undefined;
  const first = served[0]!;

  let closed = false;
  const app: App = {
    api: first.api,
    apis: served.map((s) => s.api),
    protocols: first.protocols,
    close() {
      if (closed) return;
      closed = true;
      for (const s of served) for (const b of s.protocols) b.close?.();
    },
    handle(req) {
      const path = req.path;
      for (const s of byBase) {
        const base = s.base;
        if (base !== '' && path.startsWith(base) && (path.length === base.length || path.charCodeAt(base.length) === 47)) {
          return s.answer(req, trimSlashes(path.slice(base.length)));
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
      if ('error' in sel) return selector.default.fault(sel.error);
      try {
        const out = sel.bound.handle(req, sel.rel);
        return out instanceof Promise ? out.catch((err) => sel.bound.fault(toSwitchboardError(err))) : out;
      } catch (err) {
        // A protocol must answer its own faults; this is the last net, never a crash.
        return sel.bound.fault(toSwitchboardError(err));
      }
    },
  };
}

/** `restjson()` and `restxml()` given side by side are one REST protocol with both codecs. */
function mergeRest(protocols: readonly Protocol[]): Protocol[] {
  const rest = protocols.filter(isRest);
  if (rest.length < 2) return [...protocols];
  const merged = restProtocol(rest.flatMap((p) => p.formats));
  const at = protocols.indexOf(rest[0]!);
  return protocols.flatMap((p, i) => (i === at ? [merged] : isRest(p) ? [] : [p]));
}

function trimSlashes(p: string): string {
  let s = 0;
  let e = p.length;
  while (s < e && p.charCodeAt(s) === 47) s++;
  while (e > s && p.charCodeAt(e - 1) === 47) e--;
  return s === 0 && e === p.length ? p : p.slice(s, e);
}
