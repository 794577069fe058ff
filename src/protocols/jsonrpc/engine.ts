/**
 * The one JSON-RPC 2.0 engine, for HTTP (`jsonrpc.ts`) and the WebSocket subprotocol
 * (`wsrpc/session.ts`): a message — a request, a notification or a batch — in; its calls run
 * through `call()`; the answer out (`null` when nothing is to be sent). The engine decides
 * which answer (the spec's -32700/-32600/-32601/-32602 for faults of the request itself, the
 * error kind's code otherwise; `rpc.discover`; the batch limit); the transport's `Words` write
 * it, and a `CallHost`, when there is one, keeps calls open (in flight, cancelled, streamed).
 * Each method is compiled once: its params reader, its result encoder, and whether its params
 * need the exact int64 parse.
 */
import type { RequestInfo } from '../../api/context.ts';
import { type SwitchboardError, sbError, toSwitchboardError } from '../../errors/index.ts';
import { type Carrier, call } from '../../runtime/call.ts';
import { observeRefusal } from '../../runtime/observe.ts';
import type { Api } from '../../runtime/compile.ts';
import { type Outcome, isStream } from '../../runtime/dispatch.ts';
import { holdsInt64 } from '../../schema/int64.ts';
import { jsonEncoder } from '../../schema/json.ts';
import { numbersAsSent, parseJson } from '../../schema/jsontext.ts';
import { RPC_INTERNAL_ERROR, RPC_INVALID_PARAMS, RPC_METHOD_NOT_FOUND } from './codes.ts';
import type { Answer, CallHost, RpcMethod, Words } from './host.ts';
import { paramsReader } from './params.ts';
import { type RequestId, checkRequest } from './request.ts';
import { textWords } from './text.ts';

/** Response text, or `null` for nothing to send (notifications only). */
export type RpcAnswer = string | null;

export interface EngineOptions<A = string> {
  /** Most calls in one batch; a larger batch is refused whole. */
  readonly maxBatch: number;
  /** The `rpc.discover` result for the request that asked, as JSON text; without it `rpc.discover` is an unknown method. */
  readonly discover?: (request: RequestInfo) => string;
  readonly onServerError?: (err: SwitchboardError) => void;
  /** Named in errors, e.g. `JSON-RPC over HTTP` (default `JSON-RPC`). */
  readonly transport?: string;
  /** Whether the transport delivers streams (a `CallHost` then pumps them; default false). */
  readonly streams?: boolean;
  /** How answers are written (default: JSON text, as HTTP sends it). */
  readonly words?: Words<A>;
  /** The error of an unknown method (default `SB_NOT_FOUND`, "No function at …"). */
  readonly unknownMethod?: (name: string) => SwitchboardError;
}

/** The request text and, once needed, its exact-integer parse (shared by a batch). */
interface Source {
  readonly text: string;
  exact?: unknown;
}

const LONG_DIGITS = /\d{16}/;
const DISCOVER = 'rpc.discover';
const CANCEL = '$/cancelRequest';
const notFound = (name: string) => sbError('SB_NOT_FOUND', { path: name });

/**
 * @example
 * const engine = new JsonRpcEngine(api, { maxBatch: 100 });
 * engine.handle('{"jsonrpc":"2.0","method":"person.get","params":[1],"id":1}', request); // '{"jsonrpc":"2.0","result":{…},"id":1}'
 */
export class JsonRpcEngine<A = string> {
  private readonly methods = new Map<string, RpcMethod>();
  private readonly carrier: Carrier;
  private readonly words: Words<A>;
  private readonly unknown: (name: string) => SwitchboardError;

  constructor(
    private readonly api: Api,
    private readonly options: EngineOptions<A>,
  ) {
    this.carrier = { name: options.transport ?? 'JSON-RPC', streams: options.streams ?? false, protocol: 'jsonrpc' };
    // Without words of its own, an engine answers text: `A` is then its default, string.
    this.words = options.words ?? (textWords(api.debug) as unknown as Words<A>);
    this.unknown = options.unknownMethod ?? notFound;
    for (const fn of api.functions) {
      this.methods.set(fn.name, {
        fn,
        read: paramsReader(fn),
        encode: jsonEncoder(fn.returns),
        int64: fn.args.some((a) => holdsInt64(a.schema)),
        path: `${api.webpath}/${fn.path.join('/')}`,
      });
    }
  }

  /** Answers one message given as text (HTTP's body); int64 params are read exactly. */
  handle(text: string, request: RequestInfo, host?: CallHost<A>): Answer<A> {
    let msg: unknown;
    try {
      msg = parseJson(text);
    } catch (err) {
      const e = toSwitchboardError(err);
      this.refused(request, e);
      return this.unreadable(e);
    }
    return this.answer(msg, { text }, request, host);
  }

  /** The answer to a message that is not JSON (-32700), whoever found out: the engine or a socket's payload. */
  unreadable(err: SwitchboardError): A {
    return this.words.parse(err);
  }

  /** Answers one message already decoded (by a socket's payload); `text` is what it was decoded from, when kept. */
  handleValue(msg: unknown, request: RequestInfo, host?: CallHost<A>, text?: string): Answer<A> {
    // With the text it came from (long integers in it), int64 arguments are read again exactly.
    return this.answer(msg, text === undefined ? undefined : { text }, request, host);
  }

  private answer(msg: unknown, src: Source | undefined, request: RequestInfo, host: CallHost<A> | undefined): Answer<A> {
    if (!Array.isArray(msg)) return this.one(msg, src, -1, request, host);
    const w = this.words;
    if (msg.length === 0) return w.invalid(null, this.refused(request, sbError('SB_EMPTY_BATCH')));
    if (msg.length > this.options.maxBatch)
      return w.invalid(null, this.refused(request, sbError('SB_BATCH_TOO_LARGE', { count: msg.length, limit: this.options.maxBatch })));
    const parts: (A | null | Promise<A | null>)[] = new Array(msg.length);
    let pending = false;
    // Every call starts before any is awaited: asynchronous handlers run concurrently.
    for (let i = 0; i < msg.length; i++) {
      const part = this.one(msg[i], src, i, request, host);
      if (part instanceof Promise) pending = true;
      parts[i] = part;
    }
    // A batch is answered once, when all its calls are.
    return pending ? Promise.all(parts).then((all) => w.batch(all)) : w.batch(parts as (A | null)[]);
  }

  private one(m: unknown, src: Source | undefined, index: number, request: RequestInfo, host: CallHost<A> | undefined): Answer<A> {
    const req = checkRequest(m);
    const w = this.words;
    if (!req.ok) return w.invalid(req.id, this.refused(request, sbError(req.code)));
    const { notification, id, method: name, params } = req;
    if (host !== undefined) {
      if (name === CANCEL) {
        const target = (params as { id?: unknown } | undefined)?.id;
        if (typeof target === 'string' || typeof target === 'number') host.cancel(target);
        return null;
      }
      const refused = host.admit(id);
      if (refused) return notification ? null : w.error(id, refused);
    }
    const target = this.methods.get(name);
    if (!target) {
      const discover = this.options.discover;
      if (name === DISCOVER && discover) return notification ? null : w.result(id, discover(request));
      const e = this.refused(request, this.unknown(name), '', name);
      return notification ? null : w.error(id, e, RPC_METHOD_NOT_FOUND);
    }
    let args: Record<string, unknown>;
    try {
      args = target.read(target.int64 && src !== undefined && LONG_DIGITS.test(src.text) ? exactParams(src, index) : params);
    } catch (err) {
      const e = this.refused(request, toSwitchboardError(src === undefined ? err : numbersAsSent(err, src.text)), target.fn.name);
      if (notification) return null;
      return e.isClient ? w.error(id, e, RPC_INVALID_PARAMS) : this.serverError(e, id);
    }
    const callReq = host === undefined ? request : host.request(target);
    const out = call(target.fn, args, callReq, this.carrier);
    if (!(out instanceof Promise)) return this.finish(target, out, id, notification, host, callReq);
    // Only a call still running can be cancelled or count against a socket's in-flight limit.
    const token = host?.begin(id, callReq);
    return out.then((o) => {
      host?.end(token);
      return this.finish(target, o, id, notification, host, callReq);
    });
  }

  private finish(target: RpcMethod, o: Outcome, id: RequestId, notification: boolean, host: CallHost<A> | undefined, req: RequestInfo): Answer<A> {
    if (!o.ok) {
      if (!o.error.isClient) this.options.onServerError?.(o.error);
      return notification ? null : this.words.error(id, o.error);
    }
    if (host !== undefined && isStream(o.value)) {
      const done = host.stream(id, target, req, o.value);
      // A notification's stream is delivered; only its final answer is not.
      return notification ? done.then(() => null) : done;
    }
    if (notification) return null;
    try {
      return this.words.result(id, target.encode(o.value));
    } catch (err) {
      return this.serverError(toSwitchboardError(err), id);
    }
  }

  /** Tells the API's observers of a call refused before the call path; returns the error. */
  private refused(request: RequestInfo, err: SwitchboardError, name = '', asked?: string): SwitchboardError {
    observeRefusal(this.api.observe, { api: this.api.def.name, name, protocol: 'jsonrpc', request, asked }, err);
    return err;
  }

  /** Reports a Server fault and answers it as an Internal error. */
  private serverError(err: SwitchboardError, id: RequestId): A {
    this.options.onServerError?.(err);
    return this.words.error(id, err, RPC_INTERNAL_ERROR);
  }
}

/** A call's params from the exact-integer parse of the text (parsed once per message). */
function exactParams(src: Source, index: number): unknown {
  src.exact ??= parseJson(src.text, true);
  const m = index < 0 ? src.exact : Array.isArray(src.exact) ? src.exact[index] : undefined;
  return typeof m === 'object' && m !== null ? (m as Record<string, unknown>).params : undefined;
}
