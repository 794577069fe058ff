/**
 * Ext Direct (`extdirect`), as WSME's protocol page and the Ext Direct specification describe
 * it: the provider descriptor at `<webpath>/extdirect/api.js` and `api.json`, the router at
 * `<webpath>/extdirect/router[/subnamespace]`. See `docs/extdirect.md`.
 */
import { type SwitchboardError, sbError, toSwitchboardError } from '../../errors/index.ts';
import type { Api } from '../../runtime/compile.ts';
import type { SbRequest, SbResponse } from '../../runtime/http.ts';
import type { BindEnv, BoundProtocol, Protocol } from '../protocol.ts';
import { NO_CALL, exceptionMessage } from './answer.ts';
import type { ParamsNotation } from './args.ts';
import { type Descriptor, checkJsPath, descriptorScript, namespaceOf } from './descriptor.ts';
import { MethodTable } from './methods.ts';
import { Router } from './router.ts';

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
}

const API_JS = 'extdirect/api.js';
const API_JSON = 'extdirect/api.json';
const ROUTER = 'extdirect/router';

/** The Ext Direct protocol. Bad options throw here, at start-up. */
export function extdirect(options: ExtDirectOptions = {}): Protocol {
  const notation = options.params_notation ?? 'named';
  if (notation !== 'named' && notation !== 'positional') {
    throw new TypeError(`extdirect: params_notation must be 'named' or 'positional', not ${JSON.stringify(notation)}`);
  }
  if (options.namespace !== undefined) checkJsPath('namespace', options.namespace);
  if (options.descriptor !== undefined) checkJsPath('descriptor', options.descriptor);
  const maxBatch = options.max_batch ?? 100;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new TypeError('extdirect: max_batch must be a positive integer');
  const protocol: Protocol = {
    name: 'extdirect',
    consumes: [],
    produces: [],
    endpoints: [API_JS, API_JSON, ROUTER],
    prefixes: [`${ROUTER}/`],
    bind: (api, env) => new BoundExtDirect(protocol, api, env, options, notation, maxBatch),
  };
  return protocol;
}

class BoundExtDirect implements BoundProtocol {
  private readonly router: Router;
  private readonly script: SbResponse;
  private readonly json: SbResponse;

  constructor(
    readonly protocol: Protocol,
    private readonly api: Api,
    private readonly env: BindEnv,
    options: ExtDirectOptions,
    notation: ParamsNotation,
    maxBatch: number,
  ) {
    const table = new MethodTable(api, notation, options.root_action ?? 'root');
    const namespace = options.namespace ?? namespaceOf(api.root.name);
    const descriptor: Descriptor = { url: `${api.webpath}/${ROUTER}`, type: 'remoting', namespace, actions: table.describe() };
    const variable = options.descriptor ?? `${namespace}.REMOTING_API`;
    this.script = { status: 200, headers: { 'content-type': 'application/javascript; charset=utf-8' }, body: descriptorScript(descriptor, variable) };
    this.json = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(descriptor) };
    this.router = new Router(table, api, env, { maxBatch, uploadLimit: options.upload_limit ?? env.bodyLimit });
  }

  handle(req: SbRequest, rel: string): SbResponse | Promise<SbResponse> {
    if (rel === API_JS || rel === API_JSON) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return this.faultWith(sbError('SB_METHOD_NOT_ALLOWED', { method: req.method, allow: 'GET, HEAD' }), 'GET, HEAD');
      return rel === API_JS ? this.script : this.json;
    }
    if (rel !== ROUTER && !rel.startsWith(`${ROUTER}/`)) return this.fault(sbError('SB_NOT_FOUND', { path: rel === '' ? '/' : rel }));
    if (req.method !== 'POST') return this.faultWith(sbError('SB_METHOD_NOT_ALLOWED', { method: req.method, allow: 'POST' }), 'POST');
    // A sub-namespace prefixes the actions of the calls: `router/person` + action `address` → `person.address`.
    const sub = rel.length > ROUTER.length ? rel.slice(ROUTER.length + 1).replace(/\//g, '.') : '';
    return this.router.handle(req, sub).catch((err) => this.fault(toSwitchboardError(err)));
  }

  /** A request that is not Ext Direct at all: an HTTP client error carrying an exception message. */
  fault(err: SwitchboardError): SbResponse {
    return this.faultWith(err, undefined);
  }

  private faultWith(err: SwitchboardError, allow: string | undefined): SbResponse {
    if (!err.isClient) this.env.onServerError?.(err);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (allow) headers.allow = allow;
    return { status: err.status, headers, body: exceptionMessage(NO_CALL, err, this.api.debug) };
  }
}
