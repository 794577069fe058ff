/**
 * One connection's calls: frames in, calls dispatched, frames out. Many calls are in flight at
 * once and each is answered as it completes; a stream result is pumped as event frames, paced
 * by the transport (backpressure) and closed (`return()`) on cancel or disconnect. The RPC and
 * seed forms are read here; JSON-RPC messages go to the one JSON-RPC engine
 * (`../jsonrpc/engine.ts`), for which the session is the `CallHost`: it admits, counts,
 * cancels and pumps the engine's calls like its own.
 */
import type { RequestInfo } from '../../api/context.ts';
import { type SwitchboardError, sbError, toSwitchboardError } from '../../errors/index.ts';
import { type Carrier, call } from '../../runtime/call.ts';
import { bindStream } from '../../runtime/broadcast.ts';
import { type Outcome, isStream } from '../../runtime/dispatch.ts';
import { type StreamFormat, encodeItem } from '../../runtime/shared-frames.ts';
import type { JsonEncoder } from '../../schema/json.ts';
import type { Answer, CallHost, RpcMethod } from '../jsonrpc/host.ts';
import type { Dialect, Transport, WsrpcEndpoint } from './endpoint.ts';
import { type CallId, type FrameSet, faultBody, rpcFrames } from './frames.ts';
import { jsonRpcFrames } from './jsonrpc.ts';
import { type Frame, JsonText, frameSource } from './payload.ts';
import { numbersAsSent, parseJson } from '../../schema/jsontext.ts';
import { CallRequest, type ConnectionInfo, type Pending } from './requests.ts';
import { type SeedFrame, seedUuid } from './seed.ts';

const CARRIER: Carrier = { name: 'the WebSocket', streams: true, protocol: 'wsrpc' };

/** An event's data as JSON bytes, one format per function encoder: shared by every subscriber of a broadcast. */
const formats = new WeakMap<JsonEncoder, StreamFormat>();
function jsonFormat(encode: JsonEncoder): StreamFormat {
  let f = formats.get(encode);
  if (!f) {
    f = { encode: (item) => Buffer.from(encode(item)) };
    formats.set(encode, f);
  }
  return f;
}

export class Session implements CallHost<Frame> {
  /** Calls in flight by id; seed-form calls (which have no id) are only counted. */
  private pending: Map<CallId | symbol, Pending> | undefined;
  private seeds = 0;
  private closed = false;

  constructor(
    readonly endpoint: WsrpcEndpoint,
    readonly conn: ConnectionInfo,
    readonly transport: Transport,
    readonly dialect: Dialect,
  ) {}

  /** Calls in flight now. */
  get active(): number {
    return (this.pending?.size ?? 0) + this.seeds;
  }

  /** Handles one decoded message. Never throws: every mistake is answered with an error frame. */
  receive(msg: unknown): void {
    if (this.dialect === 'jsonrpc') {
      this.answer(this.endpoint.jsonrpc.handleValue(msg, this.conn, this, frameSource(msg)));
      return;
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      this.sendError(null, sbError('SB_INVALID_FRAME', { reason: 'a frame must be an object' }));
      return;
    }
    const m = msg as Record<string, unknown>;
    if (m.cancel === true) {
      this.cancel(m.id as CallId);
      return;
    }
    if (typeof m.path === 'string') {
      this.seed({ uuid: m.uuid, method: m.method, path: m.path, headers: m.headers, body: m.body });
      return;
    }
    const id = m.id;
    if (typeof id !== 'number' && typeof id !== 'string') {
      this.sendError(null, sbError('SB_INVALID_FRAME', { reason: 'id must be a number or a string' }));
      return;
    }
    if (typeof m.method !== 'string') {
      this.sendError(id, sbError('SB_INVALID_FRAME', { reason: 'method must be a string' }));
      return;
    }
    // Long integers in the frame's text: a function with int64 arguments reads them again, exactly.
    const text = frameSource(msg);
    const params = text !== undefined && this.endpoint.functions.get(m.method)?.int64 ? (parseJson(text, true) as { params?: unknown }).params : m.params;
    const out = this.call(id, m.method, params, rpcFrames, text);
    if (out instanceof Promise) out.then((f) => this.transport.send(f));
    else this.transport.send(out);
  }

  /** The answer to a payload that could not be read at all. */
  unreadable(err: SwitchboardError): void {
    if (this.dialect === 'jsonrpc') this.transport.send(this.endpoint.jsonrpc.unreadable(err));
    else this.sendError(null, err);
  }

  /** Sends the engine's answer to a JSON-RPC message when it is ready (nothing for notifications). */
  private answer(out: Answer<Frame>): void {
    if (out instanceof Promise) void out.then((f) => f && this.sendAnswer(f));
    else if (out) this.sendAnswer(out);
  }

  /** Sends a JSON-RPC answer; one refusing an invalid token closes the socket after it, as in the RPC form. */
  private sendAnswer(f: Frame): void {
    this.transport.send(f);
    const parts = Array.isArray(f) ? f : [f];
    if (parts.some((p) => (p as { error?: { data?: { code?: unknown } } } | null)?.error?.data?.code === 'SB_INVALID_TOKEN')) {
      setImmediate(() => this.transport.close?.(1008, 'invalid token'));
    }
  }

  /**
   * Runs one RPC-form call and resolves to its final frame (result, error, or a stream's end).
   * Checks the id and the in-flight limit first. Synchronous handlers are answered synchronously.
   * `text` is the frame's source when kept (`frameSource`): a fault names overflowing numbers from it.
   */
  call(id: CallId, method: string, params: unknown, frames: FrameSet, text?: string): Frame | Promise<Frame> {
    const debug = this.endpoint.debug;
    const refused = this.admit(id);
    if (refused) return frames.error(id, refused, debug);
    const c = this.endpoint.functions.get(method);
    if (!c) return frames.error(id, sbError('SB_UNKNOWN_METHOD', { name: method }), debug);
    let args: Record<string, unknown>;
    try {
      args = c.decode(params);
    } catch (err) {
      return frames.error(id, toSwitchboardError(text === undefined ? err : numbersAsSent(err, text)), debug, true);
    }
    const req = new CallRequest(this.conn, c.path);
    const out = call(c.fn, args, req, CARRIER);
    if (out instanceof Promise) {
      const key = this.begin(id, req);
      return out.then((o) => {
        this.end(key);
        return this.finish(id, c.encode, req, o, frames);
      });
    }
    return this.finish(id, c.encode, req, out, frames);
  }

  /** For the engine and the RPC form: an id already in flight, or one call too many, is refused. */
  admit(id: CallId): SwitchboardError | undefined {
    if (id !== null && this.pending?.has(id)) return sbError('SB_DUPLICATE_ID', { id });
    if (this.active >= this.endpoint.maxInFlight) return sbError('SB_TOO_MANY_CALLS', { limit: this.endpoint.maxInFlight });
    return undefined;
  }

  /** For the engine: a call sees the connection's request, with its function's path. */
  request(method: RpcMethod): CallRequest {
    return new CallRequest(this.conn, method.path);
  }

  /** For the engine and the RPC form: a call still running is in flight, and cancellable, until `end`. */
  begin(id: CallId, req: RequestInfo): CallId | symbol {
    const key = id ?? Symbol('call');
    // The engine hands back the request `request()` made: a CallRequest, which can be cancelled.
    this.track(key, req as CallRequest);
    return key;
  }

  /** For the engine and the RPC form: the call `begin` counted has its outcome. */
  end(key: unknown): void {
    this.untrack(key as CallId | symbol);
  }

  /** For the engine: a stream result is pumped as `$/event` notifications. */
  stream(id: CallId, method: RpcMethod, req: RequestInfo, stream: AsyncIterable<unknown>): Promise<Frame> {
    return this.pump(id, method.encode, req as CallRequest, stream, jsonRpcFrames);
  }

  private finish(id: CallId, encode: JsonEncoder, req: CallRequest, o: Outcome, frames: FrameSet): Frame | Promise<Frame> {
    if (!o.ok) return this.fault(id, o.error, frames);
    if (isStream(o.value)) return this.pump(id, encode, req, o.value, frames);
    let text: string;
    try {
      text = encode(o.value);
    } catch (err) {
      return this.fault(id, toSwitchboardError(err), frames);
    }
    return frames.result(id, new JsonText(text));
  }

  /** Sends a stream's items as event frames until it ends, fails, is cancelled or the socket closes. */
  private async pump(id: CallId, encode: JsonEncoder, req: CallRequest, stream: AsyncIterable<unknown>, frames: FrameSet): Promise<Frame> {
    const key = id ?? Symbol('stream');
    const it = stream[Symbol.asyncIterator]();
    req.streaming(it);
    let release: () => void;
    try {
      release = this.endpoint.streams.admit();
    } catch (err) {
      req.closeIterator();
      return this.fault(id, toSwitchboardError(err), frames);
    }
    const format = jsonFormat(encode);
    bindStream(it, format, this.endpoint.streams);
    if (this.closed) req.cancel('disconnected');
    else this.track(key, req);
    let n = 0;
    try {
      for (;;) {
        let wait = this.transport.writable();
        if (wait) await wait;
        if (req.cancelled || !this.transport.open) break;
        const step = await req.next(it);
        if (step === undefined || req.cancelled) break;
        if (step.done) {
          req.ended();
          break;
        }
        // Other streams of this socket may have filled its buffer meanwhile: the item waits
        // here (its frame shared, not copied) rather than going out over the high-water mark.
        wait = this.transport.writable();
        if (wait) await wait;
        if (req.cancelled || !this.transport.open) break;
        n++;
        this.transport.send(frames.event(id, n, encodeItem(step.value, format) as Uint8Array));
      }
    } catch (err) {
      return this.fault(id, toSwitchboardError(err), frames);
    } finally {
      release();
      this.untrack(key);
      req.closeIterator();
    }
    return frames.done(id, n, req.cancelled);
  }

  private fault(id: CallId, err: SwitchboardError, frames: FrameSet): Frame {
    if (!err.isClient) this.endpoint.onServerError?.(err);
    // The connection's token (read from its handshake) no longer verifies, say it expired: no
    // later call on it can succeed, so after this error frame the socket closes with 1008.
    if (err.code === 'SB_INVALID_TOKEN') setImmediate(() => this.transport.close?.(1008, 'invalid token'));
    return frames.error(id, err, this.endpoint.debug);
  }

  private sendError(id: CallId, err: SwitchboardError): void {
    this.transport.send(rpcFrames.error(id, err, this.endpoint.debug));
  }

  private track(key: CallId | symbol, p: Pending): void {
    this.pending ??= new Map();
    this.pending.set(key, p);
  }

  private untrack(key: CallId | symbol): void {
    this.pending?.delete(key);
  }

  /** Cancels a call in flight (a stream ends with `done` and `cancelled`). Unknown ids are ignored: the call may have just ended. */
  cancel(id: CallId): void {
    this.pending?.get(id)?.cancel('cancelled by the client');
  }

  private seed(frame: SeedFrame): void {
    const hooks = this.endpoint.seed;
    const uuid = seedUuid(frame, this.conn.uuid) ?? this.conn.uuid;
    const path = frame.path;
    const refuse = (err: SwitchboardError) => {
      this.transport.send({ uuid, path, code: err.status, body: faultBody(err, this.endpoint.debug) });
    };
    if (this.active >= this.endpoint.maxInFlight) {
      refuse(sbError('SB_TOO_MANY_CALLS', { limit: this.endpoint.maxInFlight }));
      return;
    }
    let req: ReturnType<typeof hooks.createRequest>;
    try {
      req = hooks.createRequest(this.conn, frame);
    } catch (err) {
      refuse(toSwitchboardError(err));
      return;
    }
    this.seeds++;
    const answer = async () => {
      try {
        const res = await this.endpoint.app.handle(req);
        this.transport.send(await hooks.createResponseBody(req, res, uuid));
      } catch (err) {
        refuse(toSwitchboardError(err));
      } finally {
        this.seeds--;
      }
    };
    void answer();
  }

  /** The socket closed: every call in flight is cancelled and every stream closed. */
  close(): void {
    this.closed = true;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) for (const p of pending.values()) p.cancel('disconnected');
  }
}
