/**
 * The app: a compiled API with its protocols bound, answering `SbRequest`s. Server adapters
 * call `app.handle`; nothing here knows which server that is.
 */
import type { RootDef } from '../api/root.ts';
import { type SwitchboardError, sbError, toSwitchboardError } from '../errors/index.ts';
import { type Api, type ApiOptions, compileApi } from '../runtime/compile.ts';
import type { SbRequest, SbResponse } from '../runtime/http.ts';
import { IndexPages } from './index-page.ts';
import type { BoundProtocol, Protocol } from './protocol.ts';
import { defaultProtocols } from './defaults.ts';
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
   * `X-Forwarded-Host`, `X-Forwarded-Proto` and `X-Forwarded-Prefix` it sends. `false` ignores
   * all three; unset (the default) believes `X-Forwarded-Proto` alone. See `public-url.ts`.
   */
  trustProxy?: boolean;
}

export interface App {
  readonly api: Api;
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

export function createApp(root: RootDef, options: AppOptions = {}): App {
  const api = compileApi(root, options);
  const env = { bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, onServerError: options.onServerError, trustProxy: options.trustProxy };
  const protocols = (options.protocols ?? defaultProtocols()).map((p) => p.bind(api, env));
  const selector = new Selector(protocols);
  const webpath = api.webpath;
  const documents = protocols.flatMap((b) => (b.protocol.endpoints ?? []).filter((e) => e.includes('.')));
  const index = options.indexPage !== false ? new IndexPages(api, documents, options.trustProxy) : undefined;

  const answer = (req: SbRequest, rel: string): SbResponse | Promise<SbResponse> => {
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
  };

  let closed = false;
  return {
    api,
    protocols,
    close() {
      if (closed) return;
      closed = true;
      for (const b of protocols) b.close?.();
    },
    handle(req) {
      const path = req.path;
      if (webpath !== '' && path.startsWith(webpath) && (path.length === webpath.length || path.charCodeAt(webpath.length) === 47)) {
        return answer(req, trimSlashes(path.slice(webpath.length)));
      }
      if (index && (path === '/' || path === '') && (req.method === 'GET' || req.method === 'HEAD')) return index.get(req);
      if (webpath === '') return answer(req, trimSlashes(path));
      return selector.default.fault(sbError('SB_NOT_FOUND', { path }));
    },
  };
}

function trimSlashes(p: string): string {
  let s = 0;
  let e = p.length;
  while (s < e && p.charCodeAt(s) === 47) s++;
  while (e > s && p.charCodeAt(e - 1) === 47) e--;
  return s === 0 && e === p.length ? p : p.slice(s, e);
}
