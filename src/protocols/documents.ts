/**
 * A protocol that only serves documents describing its API (OpenAPI, AsyncAPI…): each at a
 * path below the API's base, answered to GET and HEAD. A document is rendered on first request
 * (most servers are never asked) per public base URL — its links follow the address the client
 * came through (`public-url.ts`) — and kept, boundedly, since that address is the client's to
 * choose. Its faults are REST+JSON's.
 */
import { type SwitchboardError, sbError, toSwitchboardError } from '../errors/index.ts';
import type { Api } from '../runtime/compile.ts';
import type { SbRequest, SbResponse } from '../runtime/http.ts';
import { faultHeaders } from './challenge.ts';
import type { BindEnv, BoundProtocol, Protocol } from './protocol.ts';
import { publicBase } from './public-url.ts';
import { jsonFormat } from './restjson/restjson.ts';

/** One served document. */
export interface ServedDocument {
  /** Its path below the API's base: `openapi.json`. */
  readonly path: string;
  /** Whether index pages link it (default true; false for a page's own assets). */
  readonly listed?: boolean;
  /** Its `Content-Type`. */
  readonly type: string;
  /**
   * Answered afresh each time, never kept, with `Cache-Control: no-store` (a development token);
   * its text may then be a promise. Default false.
   */
  readonly fresh?: boolean;
  /** Its text, for an API whose public base URL is `base` (`http://host/ws`); a thrown Switchboard error is the answer. */
  render(api: Api, base: string, env: BindEnv): string | Promise<string>;
}

/** Most public base URLs whose documents are kept. */
const MAX_BASES = 16;
const json = jsonFormat();

/** The protocol serving `documents`, named `name`. */
export function documentProtocol(name: string, documents: readonly ServedDocument[]): Protocol {
  const protocol: Protocol = {
    name,
    // Chosen only by its paths: it reads no body and answers no other request.
    consumes: [],
    produces: [],
    endpoints: documents.map((d) => d.path),
    listed: documents.filter((d) => d.listed !== false).map((d) => d.path),
    documentsOnly: true,
    bind: (api, env) => new BoundDocuments(protocol, documents, api, env),
  };
  return protocol;
}

class BoundDocuments implements BoundProtocol {
  private readonly byPath: ReadonlyMap<string, ServedDocument>;
  private readonly cache = new Map<string, string>();

  constructor(
    readonly protocol: Protocol,
    documents: readonly ServedDocument[],
    private readonly api: Api,
    private readonly env: BindEnv,
  ) {
    this.byPath = new Map(documents.map((d) => [d.path, d]));
  }

  handle(req: SbRequest, rel: string): SbResponse | Promise<SbResponse> {
    const doc = this.byPath.get(rel);
    if (!doc) return this.fault(sbError('SB_NOT_FOUND', { path: req.path }));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return this.faultWith(sbError('SB_METHOD_NOT_ALLOWED', { method: req.method, allow: 'GET, HEAD' }), { allow: 'GET, HEAD' });
    }
    const base = publicBase(req, this.api.webpath, this.env.trustProxy);
    if (doc.fresh) return this.fresh(doc, base);
    const key = `${rel} ${base}`;
    let text = this.cache.get(key);
    if (text === undefined) {
      try {
        const out = doc.render(this.api, base, this.env);
        if (typeof out !== 'string') throw new TypeError(`${doc.path}: a kept document renders synchronously`);
        text = out;
      } catch (err) {
        return this.fault(toSwitchboardError(err));
      }
      if (this.cache.size >= MAX_BASES * this.byPath.size) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, text);
    }
    return { status: 200, headers: { 'content-type': doc.type }, body: text };
  }

  private async fresh(doc: ServedDocument, base: string): Promise<SbResponse> {
    try {
      const body = await doc.render(this.api, base, this.env);
      return { status: 200, headers: { 'content-type': doc.type, 'cache-control': 'no-store' }, body };
    } catch (err) {
      return this.fault(toSwitchboardError(err));
    }
  }

  fault(err: SwitchboardError): SbResponse {
    return this.faultWith(err, undefined);
  }

  private faultWith(err: SwitchboardError, extra: Record<string, string> | undefined): SbResponse {
    if (err.kind === 'server') this.env.onServerError?.(err);
    const status = err.status;
    const headers = faultHeaders(err, { 'content-type': json.contentType, ...extra });
    return { status, headers, body: json.encodeFault(err, this.api.debug) };
  }
}
