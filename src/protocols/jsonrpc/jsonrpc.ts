/**
 * JSON-RPC 2.0 over HTTP (`jsonrpc`) at `<webpath>/jsonrpc`: one POST carries a request, a
 * notification or a batch; the answer is 200 with the response(s) — errors included, as the
 * specification puts them in the body — or 204 when only notifications were sent. Transport
 * faults keep their HTTP status — 405 (not POST, with `Allow`), 415 (not JSON), 413 (too large) —
 * with an Invalid Request (-32600) body.
 */
import type { RequestInfo } from '../../api/context.ts';
import type { SwitchboardError } from '../../errors/index.ts';
import { utf8Text } from '../../schema/utf8.ts';
import { sbError, toSwitchboardError } from '../../errors/index.ts';
import type { Api } from '../../runtime/compile.ts';
import type { SbRequest, SbResponse } from '../../runtime/http.ts';
import { faultHeaders } from '../challenge.ts';
import { contentType } from '../content-type.ts';
import type { BindEnv, BoundProtocol, Protocol } from '../protocol.ts';
import { publicPath } from '../public-url.ts';
import { RPC_INVALID_REQUEST } from './codes.ts';
import { JsonRpcEngine, type RpcAnswer } from './engine.ts';
import { openRpcDocument } from './openrpc.ts';
import { NULL_ID, errorText } from './response.ts';

export interface JsonRpcOptions {
  /** Most calls in one batch (default 100); a larger batch is refused whole with -32600. */
  maxBatch?: number;
  /** `info.version` of the OpenRPC document (default `1.0.0`). */
  version?: string;
}

/** The path below the webpath where JSON-RPC is served. */
export const JSONRPC_ENDPOINT = 'jsonrpc';
export const DEFAULT_MAX_BATCH = 100;

/** Body types read as JSON-RPC; an absent type is read as JSON too. */
const JSON_TYPES = new Set(['', 'application/json', 'application/json-rpc', 'application/jsonrequest']);
const UTF8 = new Set(['utf-8', 'utf8', 'us-ascii']);
const CONTENT_TYPE = 'application/json; charset=utf-8';
/** Most link bases (mount paths, proxy prefixes) whose OpenRPC document is kept. */
const MAX_DOCUMENTS = 16;

/** The JSON-RPC 2.0 protocol. */
export function jsonrpc(options: JsonRpcOptions = {}): Protocol {
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`jsonrpc: maxBatch must be a positive integer, not ${maxBatch}`);
  const protocol: Protocol = {
    name: 'jsonrpc',
    // Chosen only by its path (or `?wsmeproto=jsonrpc`): its JSON bodies must not take REST's.
    consumes: [],
    produces: [],
    endpoints: [JSONRPC_ENDPOINT],
    bind: (api, env) => new BoundJsonRpc(protocol, api, env, maxBatch, options.version ?? '1.0.0'),
  };
  return protocol;
}

class BoundJsonRpc implements BoundProtocol {
  private readonly engine: JsonRpcEngine;
  private readonly headers = { 'content-type': CONTENT_TYPE };

  constructor(
    readonly protocol: Protocol,
    private readonly api: Api,
    private readonly env: BindEnv,
    maxBatch: number,
    version: string,
  ) {
    // Built on first use (most servers are never asked), per link base: the server's URL is
    // the endpoint's path as this client reached it (mounted, or behind a trusted proxy).
    const documents = new Map<string, string>();
    const discover = (request: RequestInfo): string => {
      const url = `${publicPath(request, api.webpath, env.trustProxy)}/${JSONRPC_ENDPOINT}`;
      let text = documents.get(url);
      if (text === undefined) {
        text = JSON.stringify(openRpcDocument(api, { version, url }));
        if (documents.size >= MAX_DOCUMENTS) documents.delete(documents.keys().next().value!);
        documents.set(url, text);
      }
      return text;
    };
    this.engine = new JsonRpcEngine(api, {
      maxBatch,
      discover,
      onServerError: env.onServerError,
      transport: 'JSON-RPC over HTTP',
    });
  }

  handle(req: SbRequest, rel: string): SbResponse | Promise<SbResponse> {
    if (rel !== JSONRPC_ENDPOINT) return this.fault(sbError('SB_NOT_FOUND', { path: req.path }));
    if (req.method !== 'POST') return this.faultWith(sbError('SB_METHOD_NOT_ALLOWED', { method: req.method, allow: 'POST' }), { allow: 'POST' });
    // Type and charset from the shared cache of parsed headers: no parse per request.
    const { type, charset } = contentType(req.header('content-type'));
    if (!JSON_TYPES.has(type)) return this.fault(sbError('SB_UNSUPPORTED_MEDIA_TYPE', { type, accepted: 'application/json' }));
    // JSON is UTF-8 (RFC 8259); a body declared in another charset would be misread.
    if (charset !== undefined && !UTF8.has(charset)) {
      return this.fault(sbError('SB_UNSUPPORTED_MEDIA_TYPE', { type: `${type}; charset=${charset}`, accepted: 'application/json (UTF-8)' }));
    }
    return this.withBody(req);
  }

  private async withBody(req: SbRequest): Promise<SbResponse> {
    let text: string;
    try {
      const bytes = req.hasBody ? await req.body(this.env.bodyLimit) : new Uint8Array(0);
      // A leading byte order mark may be ignored (RFC 8259 §8.1); JSON.parse would refuse it.
      const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      const body = bytes.subarray(bom);
      // Not UTF-8 is not JSON text (RFC 8259 §8.1): a Parse error, as for any unreadable body.
      try {
        text = utf8Text(body);
      } catch (err) {
        return this.answer(this.engine.unreadable(toSwitchboardError(err)));
      }
    } catch (err) {
      return this.fault(toSwitchboardError(err));
    }
    const out = this.engine.handle(text, req);
    return this.answer(out instanceof Promise ? await out : out);
  }

  private answer(out: RpcAnswer): SbResponse {
    return out === null ? { status: 204, headers: {}, body: null } : { status: 200, headers: this.headers, body: out };
  }

  fault(err: SwitchboardError): SbResponse {
    return this.faultWith(err, undefined);
  }

  private faultWith(err: SwitchboardError, extra: Record<string, string> | undefined): SbResponse {
    if (!err.isClient) this.env.onServerError?.(err);
    // A request refused before it is read is an Invalid Request; the HTTP status says why.
    const code = err.isClient ? RPC_INVALID_REQUEST : undefined;
    const headers = faultHeaders(err, extra ? { ...this.headers, ...extra } : this.headers);
    return { status: err.status, headers, body: errorText(err, NULL_ID, this.api.debug, code) };
  }
}
