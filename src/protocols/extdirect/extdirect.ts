/**
 * Ext Direct (`extdirect`), as WSME's protocol page and the Ext Direct specification describe
 * it: the provider descriptor at `<webpath>/extdirect/api.js` and `api.json`, the router at
 * `<webpath>/extdirect/router[/subnamespace]`, and a polling provider's URL per polled
 * function at `<webpath>/extdirect/poll/<action>/<method>`. See `docs/extdirect.md`.
 */
import { type SwitchboardError, sbError, toSwitchboardError } from '../../errors/index.ts';
import type { Api } from '../../runtime/compile.ts';
import type { SbRequest, SbResponse } from '../../runtime/http.ts';
import type { BindEnv, BoundProtocol, Protocol } from '../protocol.ts';
import { publicPath } from '../public-url.ts';
import { NO_CALL, exceptionMessage } from './answer.ts';
import type { ParamsNotation } from './args.ts';
import { PollClients } from './clients.ts';
import { type Descriptor, type PollingDescriptor, checkJsPath, descriptorScript, namespaceOf } from './descriptor.ts';
import { MethodTable } from './methods.ts';
import { PollMethod, Poller } from './poll.ts';
import { Router } from './router.ts';
import { StreamBudget } from '../../runtime/stream-limits.ts';

export interface ExtDirectOptions {
  /**
   * Namespace of the API in the browser: the descriptor's `namespace` (where Ext JS puts the
   * actions, `Demo.person.get(…)`) and the object `api.js` assigns the descriptor to
   * (`Demo.REMOTING_API`). Default: the API's name made an identifier.
   */
  namespace?: string;
  /** Name of the variable `api.js` assigns (default `<namespace>.REMOTING_API`). */
  descriptor?: string;
  /**
   * How methods take their arguments, unless a function's `extdirect_params_notation` extra
   * option says otherwise: `named` (default, `data` is one object) or `positional` (`data` is
   * an array of `len` values).
   */
  params_notation?: ParamsNotation;
  /** Action of functions exposed directly on the root, outside any controller (default `root`). */
  root_action?: string;
  /** Most calls in one batch (default 100); a larger batch is refused whole. */
  max_batch?: number;
  /** Largest multipart (upload) body in bytes (default: the app's body limit). */
  upload_limit?: number;
  /** Name of the variable `api.js` assigns the polling providers to (default `<namespace>.POLLING_API`). */
  polling_descriptor?: string;
  /** The `interval` (ms) the polling providers are described with (default 3000, Ext JS's own). */
  poll_interval?: number;
  /** A polling client that has not polled for this long (ms) expires and its stream is closed (default 30000). */
  poll_timeout?: number;
  /** Most polling clients with a stream at once, over all polled functions (default 1000). */
  poll_clients?: number;
  /**
   * Most of those from one remote address (default 100): one machine cannot take every slot.
   * Behind a trusted proxy (`trustProxy: true`) the address is the last `X-Forwarded-For` hop.
   */
  poll_clients_per_address?: number;
  /** Most stream items kept for a client between two polls (default 100); older ones are dropped and counted. */
  poll_buffer?: number;
}

const API_JS = 'extdirect/api.js';
const API_JSON = 'extdirect/api.json';
const ROUTER = 'extdirect/router';
const POLL = 'extdirect/poll/';
/** Most link bases (mount paths, proxy prefixes) whose descriptors are kept. */
const MAX_BASES = 16;

/** The poll-related options, checked and defaulted. */
interface PollSettings {
  readonly interval: number;
  readonly timeout: number;
  readonly clients: number;
  readonly perAddress: number;
  readonly buffer: number;
}

function positive(name: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!Number.isSafeInteger(v) || v < 1) throw new TypeError(`extdirect: ${name} must be a positive integer`);
  return v;
}

function pollSettings(o: ExtDirectOptions): PollSettings {
  const interval = positive('poll_interval', o.poll_interval, 3000);
  const timeout = positive('poll_timeout', o.poll_timeout, 30_000);
  if (interval < 100) throw new TypeError('extdirect: poll_interval must be at least 100 (Ext JS refuses less)');
  if (timeout <= interval) throw new TypeError('extdirect: poll_timeout must be longer than poll_interval');
  return {
    interval,
    timeout,
    clients: positive('poll_clients', o.poll_clients, 1000),
    perAddress: positive('poll_clients_per_address', o.poll_clients_per_address, 100),
    buffer: positive('poll_buffer', o.poll_buffer, 100),
  };
}

/** The Ext Direct protocol. Bad options throw here, at start-up. */
export function extdirect(options: ExtDirectOptions = {}): Protocol {
  const notation = options.params_notation ?? 'named';
  if (notation !== 'named' && notation !== 'positional') {
    throw new TypeError(`extdirect: params_notation must be 'named' or 'positional', not ${JSON.stringify(notation)}`);
  }
  if (options.namespace !== undefined) checkJsPath('namespace', options.namespace);
  if (options.descriptor !== undefined) checkJsPath('descriptor', options.descriptor);
  if (options.polling_descriptor !== undefined) checkJsPath('polling_descriptor', options.polling_descriptor);
  const poll = pollSettings(options);
  const maxBatch = options.max_batch ?? 100;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new TypeError('extdirect: max_batch must be a positive integer');
  const protocol: Protocol = {
    name: 'extdirect',
    consumes: [],
    // Its router reads form posts (Ext JS's form submits and uploads).
    forms: ['application/x-www-form-urlencoded', 'multipart/form-data'],
    produces: [],
    endpoints: [API_JS, API_JSON, ROUTER],
    prefixes: [`${ROUTER}/`, POLL],
    bind: (api, env) => new BoundExtDirect(protocol, api, env, options, notation, maxBatch, poll),
  };
  return protocol;
}

class BoundExtDirect implements BoundProtocol {
  private readonly router: Router;
  /** The descriptor's parts that do not depend on the request's address. */
  private readonly describe: (base: string) => { script: SbResponse; json: SbResponse };
  /** api.js and api.json per link base (mount path, trusted proxy prefix): bounded. */
  private readonly byBase = new Map<string, { script: SbResponse; json: SbResponse }>();
  /** Polled methods by their path below the webpath (`extdirect/poll/person/watch`). */
  private readonly polled = new Map<string, PollMethod>();
  private readonly poller: Poller;

  constructor(
    readonly protocol: Protocol,
    private readonly api: Api,
    private readonly env: BindEnv,
    options: ExtDirectOptions,
    notation: ParamsNotation,
    maxBatch: number,
    poll: PollSettings,
  ) {
    const table = new MethodTable(api, notation, options.root_action ?? 'root');
    const namespace = options.namespace ?? namespaceOf(api.root.name);
    const actions = table.describe();
    const variable = options.descriptor ?? `${namespace}.REMOTING_API`;
    const pollingVariable = options.polling_descriptor ?? `${namespace}.POLLING_API`;
    const names = new Set<string>();
    for (const m of table.polled()) {
      const rel = `${POLL}${m.action}/${m.name}`;
      const p = new PollMethod(m, `${api.webpath}/${rel}`);
      if (names.has(p.name)) throw new TypeError(`extdirect: two polled functions deliver events named ${JSON.stringify(p.name)}`);
      names.add(p.name);
      this.polled.set(rel, p);
    }
    // `base` is what comes before the webpath's documents: '' at the host's root, '/svc' mounted.
    this.describe = (base) => {
      const descriptor: Descriptor = { url: `${base}${api.webpath}/${ROUTER}`, type: 'remoting', namespace, actions };
      const polling: PollingDescriptor = {};
      for (const p of this.polled.values()) polling[p.name] = { type: 'polling', url: `${base}${p.url}`, interval: poll.interval };
      let script = descriptorScript(descriptor, variable);
      if (this.polled.size > 0) script += descriptorScript(polling, pollingVariable);
      const json = this.polled.size > 0 ? { ...descriptor, polling } : descriptor;
      return {
        script: { status: 200, headers: { 'content-type': 'application/javascript; charset=utf-8' }, body: script },
        json: { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(json) },
      };
    };
    this.poller = new Poller(new PollClients(poll.clients, poll.timeout, Date.now, poll.perAddress), env, api.debug, {
      buffer: poll.buffer,
      bodyLimit: env.bodyLimit,
      streams: env.streams ?? new StreamBudget(),
    });
    this.router = new Router(table, api, env, { maxBatch, uploadLimit: options.upload_limit ?? env.bodyLimit });
  }

  /** api.js and api.json for the path this request came through. */
  private documents(req: SbRequest): { script: SbResponse; json: SbResponse } {
    const base = publicPath(req, '', this.env.trustProxy);
    let docs = this.byBase.get(base);
    if (docs === undefined) {
      docs = this.describe(base);
      if (this.byBase.size >= MAX_BASES) this.byBase.delete(this.byBase.keys().next().value!);
      this.byBase.set(base, docs);
    }
    return docs;
  }

  /** Ends every polling client's stream (and aborts its handler's signal). */
  close(): void {
    this.poller.close();
  }

  handle(req: SbRequest, rel: string): SbResponse | Promise<SbResponse> {
    if (rel === API_JS || rel === API_JSON) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return this.faultWith(sbError('SB_METHOD_NOT_ALLOWED', { method: req.method, allow: 'GET, HEAD' }), 'GET, HEAD');
      const docs = this.documents(req);
      return rel === API_JS ? docs.script : docs.json;
    }
    if (rel.startsWith(POLL)) {
      const p = this.polled.get(rel);
      if (!p) return this.fault(sbError('SB_NOT_FOUND', { path: rel }));
      if (req.method !== 'GET' && req.method !== 'POST')
        return this.faultWith(sbError('SB_METHOD_NOT_ALLOWED', { method: req.method, allow: 'GET, POST' }), 'GET, POST');
      return this.poller.handle(req, p);
    }
    if (rel !== ROUTER && !rel.startsWith(`${ROUTER}/`)) return this.fault(sbError('SB_NOT_FOUND', { path: rel === '' ? '/' : rel }));
    if (req.method !== 'POST') return this.faultWith(sbError('SB_METHOD_NOT_ALLOWED', { method: req.method, allow: 'POST' }), 'POST');
    // A sub-namespace prefixes the actions of the calls: `router/person` + action `address` → `person.address`.
    const sub = rel.length > ROUTER.length ? rel.slice(ROUTER.length + 1).replace(/\//g, '.') : '';
    return this.router.handle(req, sub).catch((err) => this.fault(this.router.refused(req, toSwitchboardError(err))));
  }

  /** A request that is not Ext Direct at all: an HTTP client error carrying an exception message. */
  fault(err: SwitchboardError): SbResponse {
    return this.faultWith(err, undefined);
  }

  private faultWith(err: SwitchboardError, allow: string | undefined): SbResponse {
    if (!err.isClient) this.env.onServerError?.(err);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (allow) headers.allow = allow;
    if (err.challenge !== undefined) headers['www-authenticate'] = err.challenge;
    return { status: err.status, headers, body: exceptionMessage(NO_CALL, err, this.api.debug) };
  }
}
