/**
 * The JSON-RPC 2.0 engine: request text in, response text out (`null` when nothing is to be
 * sent). It knows no transport, so HTTP (`jsonrpc.ts`) and a WebSocket can both carry it.
 * Each method is compiled once: its params reader, its result encoder, and whether its
 * params need the exact int64 parse.
 */
import type { RequestInfo } from '../../api/context.ts';
import { type SwitchboardError, sbError, toSwitchboardError } from '../../errors/index.ts';
import type { Api, FunctionEntry } from '../../runtime/compile.ts';
import { type Carrier, call } from '../../runtime/call.ts';
import type { Outcome } from '../../runtime/dispatch.ts';
import { type JsonEncoder, jsonEncoder } from '../../schema/json.ts';
import { parseJson } from '../../schema/jsontext.ts';
import { RPC_INTERNAL_ERROR, RPC_INVALID_PARAMS, RPC_INVALID_REQUEST, RPC_METHOD_NOT_FOUND, RPC_PARSE_ERROR } from './codes.ts';
import { holdsInt64 } from '../../schema/int64.ts';
import { type ParamsReader, paramsReader } from './params.ts';
import { checkRequest } from './request.ts';
import { type IdText, NULL_ID, errorText, resultText } from './response.ts';

/** Response text, or `null` for nothing to send (notifications only). */
export type RpcAnswer = string | null;

export interface EngineOptions {
  /** Most calls in one batch; a larger batch is refused whole. */
  readonly maxBatch: number;
  /** The `rpc.discover` result for the request that asked, as JSON text. */
  readonly discover: (request: RequestInfo) => string;
  readonly onServerError?: (err: SwitchboardError) => void;
  /** Named in errors, e.g. `JSON-RPC over HTTP` (default `JSON-RPC`). */
  readonly transport?: string;
}

interface Method {
  readonly fn: FunctionEntry;
  readonly read: ParamsReader;
  readonly encode: JsonEncoder;
  /** Its params may hold an int64: reparse them exactly when the text has long integers. */
  readonly int64: boolean;
}

/** The request text and, once needed, its exact-integer parse (shared by a batch). */
interface Source {
  readonly text: string;
  exact?: unknown;
}

const LONG_DIGITS = /\d{16}/;
const DISCOVER = 'rpc.discover';

export class JsonRpcEngine {
  private readonly methods = new Map<string, Method>();
  private readonly debug: boolean;
  private readonly carrier: Carrier;

  constructor(
    api: Api,
    private readonly options: EngineOptions,
  ) {
    this.debug = api.debug;
    this.carrier = { name: options.transport ?? 'JSON-RPC', streams: false };
    for (const fn of api.functions) {
      this.methods.set(fn.name, {
        fn,
        read: paramsReader(fn),
        encode: jsonEncoder(fn.returns),
        int64: fn.args.some((a) => holdsInt64(a.schema)),
      });
    }
  }

  /** Answers one JSON-RPC message: a request, a notification or a batch. */
  handle(text: string, request: RequestInfo): RpcAnswer | Promise<RpcAnswer> {
    let msg: unknown;
    try {
      msg = parseJson(text);
    } catch (err) {
      return this.error(toSwitchboardError(err), NULL_ID, RPC_PARSE_ERROR);
    }
    const src: Source = { text };
    if (!Array.isArray(msg)) return this.one(msg, src, -1, request);
    if (msg.length === 0) return this.invalid(sbError('SB_EMPTY_BATCH'), NULL_ID);
    if (msg.length > this.options.maxBatch) return this.invalid(sbError('SB_BATCH_TOO_LARGE', { count: msg.length, limit: this.options.maxBatch }), NULL_ID);
    const parts: (RpcAnswer | Promise<RpcAnswer>)[] = new Array(msg.length);
    let pending = false;
    // Every call starts before any is awaited: asynchronous handlers run concurrently.
    for (let i = 0; i < msg.length; i++) {
      const part = this.one(msg[i], src, i, request);
      if (part instanceof Promise) pending = true;
      parts[i] = part;
    }
    return pending ? Promise.all(parts).then(joinBatch) : joinBatch(parts as RpcAnswer[]);
  }

  private one(m: unknown, src: Source, index: number, request: RequestInfo): RpcAnswer | Promise<RpcAnswer> {
    const req = checkRequest(m);
    if (!req.ok) return this.invalid(sbError(req.code), req.id === null ? NULL_ID : JSON.stringify(req.id));
    const { notification, method: name, params } = req;
    const id = notification ? NULL_ID : JSON.stringify(req.id);

    const target = this.methods.get(name);
    if (!target) {
      if (name === DISCOVER) return notification ? null : resultText(this.options.discover(request), id);
      return notification ? null : this.error(sbError('SB_NOT_FOUND', { path: name }), id, RPC_METHOD_NOT_FOUND);
    }
    let args: Record<string, unknown>;
    try {
      args = target.read(target.int64 && LONG_DIGITS.test(src.text) ? exactParams(src, index) : params);
    } catch (err) {
      if (notification) return null;
      const e = toSwitchboardError(err);
      return e.isClient ? this.error(e, id, RPC_INVALID_PARAMS) : this.serverError(e, id);
    }
    const out = call(target.fn, args, request, this.carrier);
    return out instanceof Promise ? out.then((o) => this.finish(target, o, id, notification)) : this.finish(target, out, id, notification);
  }

  private finish(target: Method, o: Outcome, id: IdText, notification: boolean): RpcAnswer {
    if (!o.ok) {
      if (!o.error.isClient) this.options.onServerError?.(o.error);
      return notification ? null : this.error(o.error, id);
    }
    if (notification) return null;
    try {
      return resultText(target.encode(o.value), id);
    } catch (err) {
      return this.serverError(toSwitchboardError(err), id);
    }
  }

  private invalid(err: SwitchboardError, id: IdText): string {
    return this.error(err, id, RPC_INVALID_REQUEST);
  }

  /** Reports a Server fault; answers it unless the call was a notification (`id` undefined). */
  private serverError(err: SwitchboardError, id: IdText | undefined): RpcAnswer {
    this.options.onServerError?.(err);
    return id === undefined ? null : this.error(err, id, RPC_INTERNAL_ERROR);
  }

  private error(err: SwitchboardError, id: IdText, code?: number): string {
    return errorText(err, id, this.debug, code);
  }
}

function joinBatch(parts: readonly RpcAnswer[]): RpcAnswer {
  let out = '';
  for (const p of parts) if (p !== null) out += out === '' ? `[${p}` : `,${p}`;
  return out === '' ? null : `${out}]`;
}

/** A call's params from the exact-integer parse of the text (parsed once per message). */
function exactParams(src: Source, index: number): unknown {
  src.exact ??= parseJson(src.text, true);
  const m = index < 0 ? src.exact : Array.isArray(src.exact) ? src.exact[index] : undefined;
  return typeof m === 'object' && m !== null ? (m as Record<string, unknown>).params : undefined;
}
