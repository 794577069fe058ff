/**
 * Google's discovery service for the APIs served below `/_ah/api/` (Cloud Endpoints' root):
 * the directory at `/_ah/api/discovery/v1/apis` and each API's REST description at
 * `/_ah/api/discovery/v1/apis/<name>/<version>/rest`, their URLs the public ones the client came
 * through (`public-url.ts`). Documents are built on first request, per root URL, and kept
 * boundedly (the root URL is the client's Host to choose).
 */
import { type SwitchboardError, sbError } from '../../errors/index.ts';
import type { Api } from '../../runtime/compile.ts';
import type { SbRequest, SbResponse } from '../../runtime/http.ts';
import { type TrustProxy, publicOrigin, publicPath } from '../public-url.ts';
import { jsonFormat } from '../restjson/restjson.ts';
import { ENDPOINTS_ROOT, discoveryDocument } from './document.ts';

/** The discovery service's own path, below the server's root. */
export const DISCOVERY_PATH = `${ENDPOINTS_ROOT}/discovery/v1/`;
const MAX_DOCUMENTS = 64;
const JSON_TYPE = 'application/json; charset=utf-8';
const json = jsonFormat();

/** The discovery service of these APIs (those below `/_ah/api/`), or undefined when there are none. */
export function discoveryService(apis: readonly Api[], trust: TrustProxy): DiscoveryService | undefined {
  const served = apis.filter((a) => a.webpath.startsWith(`${ENDPOINTS_ROOT}/`) && !a.webpath.startsWith(DISCOVERY_PATH));
  return served.length > 0 ? new DiscoveryService(served, trust) : undefined;
}

export class DiscoveryService {
  private readonly cache = new Map<string, string>();
  private readonly byId: ReadonlyMap<string, Api>;

  constructor(
    private readonly apis: readonly Api[],
    private readonly trust: TrustProxy,
  ) {
    this.byId = new Map(apis.map((a) => [`${a.root.name}/${a.root.version ?? 'v1'}`, a]));
  }

  /** The path of an API's REST description (from the host's root), or none for an API it does not describe. */
  documentsOf(api: Api): string[] {
    return this.apis.includes(api) ? [`${DISCOVERY_PATH}apis/${encodeURIComponent(api.root.name)}/${encodeURIComponent(api.root.version ?? 'v1')}/rest`] : [];
  }

  /** True for a path this service answers (below `/_ah/api/discovery/v1/`). */
  owns(path: string): boolean {
    return path.startsWith(DISCOVERY_PATH);
  }

  handle(req: SbRequest): SbResponse {
    const rel = req.path.slice(DISCOVERY_PATH.length).replace(/\/+$/, '');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return fault(sbError('SB_METHOD_NOT_ALLOWED', { method: req.method, allow: 'GET, HEAD' }), { allow: 'GET, HEAD' });
    }
    const rootUrl = `${publicOrigin(req, this.trust)}${publicPath(req, ENDPOINTS_ROOT, this.trust)}/`;
    if (rel === 'apis') return this.cached(`directory ${rootUrl}`, () => this.directory(rootUrl));
    const m = /^apis\/([^/]+)\/([^/]+)\/rest$/.exec(rel);
    const api = m ? this.byId.get(`${decode(m[1]!)}/${decode(m[2]!)}`) : undefined;
    if (!api) return fault(sbError('SB_NOT_FOUND', { path: req.path }), undefined);
    const servicePath = `${api.webpath.slice(ENDPOINTS_ROOT.length + 1)}/`;
    return this.cached(`${api.webpath} ${rootUrl}`, () => JSON.stringify(discoveryDocument(api, { rootUrl, servicePath }), null, 1));
  }

  private directory(rootUrl: string): string {
    const items = this.apis.map((a) => {
      const version = a.root.version ?? 'v1';
      const item: Record<string, unknown> = {
        kind: 'discovery#directoryItem',
        id: `${a.root.name}:${version}`,
        name: a.root.name,
        version,
        title: a.root.name,
        discoveryRestUrl: `${rootUrl}discovery/v1/apis/${encodeURIComponent(a.root.name)}/${encodeURIComponent(version)}/rest`,
        discoveryLink: `./apis/${encodeURIComponent(a.root.name)}/${encodeURIComponent(version)}/rest`,
        preferred: true,
      };
      if (a.root.doc) item.description = a.root.doc;
      return item;
    });
    return JSON.stringify({ kind: 'discovery#directoryList', discoveryVersion: 'v1', items }, null, 1);
  }

  private cached(key: string, render: () => string): SbResponse {
    let text = this.cache.get(key);
    if (text === undefined) {
      text = render();
      if (this.cache.size >= MAX_DOCUMENTS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, text);
    }
    return { status: 200, headers: { 'content-type': JSON_TYPE }, body: text };
  }
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function fault(err: SwitchboardError, extra: Record<string, string> | undefined): SbResponse {
  return { status: err.status, headers: { 'content-type': json.contentType, ...extra }, body: json.encodeFault(err, false) };
}
