/**
 * One Channels connection, speaking the three forms told apart by their keys:
 * - `method` — the seed's form: `{"method": "question.create", "question_text": "…"}` answers the
 *   result itself (`{"question_text": "…", "id": 1}`);
 * - `action` — DCRF's request-id form: `{"action": "retrieve", "request_id": 42, "pk": 1}` answers
 *   `{"errors": [], "data": …, "action": "retrieve", "response_status": 200, "request_id": 42}`,
 *   the resource named by the socket's path (`/channels/question`) or the action (`question.retrieve`);
 * - `stream` + `payload` — channels-api's multiplexed form, the resource named by the stream.
 * Every call takes the one call path; subscriptions are the resource's `subscribe` streams,
 * each pumped with the socket's backpressure and ended by unsubscribing or by the socket closing.
 */
import { type SwitchboardError, sbError, toSwitchboardError } from '../../errors/index.ts';
import { type Carrier, call } from '../../runtime/call.ts';
import { bindStream } from '../../runtime/broadcast.ts';
import { isStream } from '../../runtime/dispatch.ts';
import type { StreamFormat } from '../../runtime/shared-frames.ts';
import type { JsonEncoder } from '../../schema/index.ts';
import type { SocketSession } from '../socket.ts';
import type { CompiledFunction } from '../wsrpc/compiled.ts';
import type { Transport } from '../wsrpc/endpoint.ts';
import { JsonText } from '../wsrpc/payload.ts';
import { CallRequest, type ConnectionInfo } from '../wsrpc/requests.ts';
import type { ChannelsEndpoint } from './endpoint.ts';
import { channelsFault } from './faults.ts';

const CARRIER: Carrier = { name: 'the Channels socket', streams: true };
/** Subscriptions one connection may hold at once. */
const MAX_SUBSCRIPTIONS = 64;
/** A change's action as DCRF and channels-api name it. */
const EVENT_ACTION: Record<string, string> = { created: 'create', updated: 'update', deleted: 'delete', resync: 'resync' };
const EVENT_STATUS: Record<string, number> = { create: 201, update: 200, delete: 204, resync: 200 };

/** A change's JSON, one format per function encoder: shared by every subscriber of a broadcast, and measured in its queue. */
const formats = new WeakMap<JsonEncoder, StreamFormat>();
function jsonFormat(encode: JsonEncoder): StreamFormat {
  let f = formats.get(encode);
  if (!f) {
    f = { encode: (item) => encode(item) };
    formats.set(encode, f);
  }
  return f;
}

type Json = Record<string, unknown>;
type Ran = { ok: true; c: CompiledFunction; req: CallRequest; value: unknown } | { ok: false; error: SwitchboardError };

interface Change {
  action: string;
  pk?: unknown;
  data?: unknown;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class ChannelsSession implements SocketSession {
  /** Running subscriptions by key (the form and its request id or stream). */
  private readonly subs = new Map<string, { req: CallRequest; pk: unknown }>();
  private closed = false;

  constructor(
    private readonly endpoint: ChannelsEndpoint,
    private readonly conn: ConnectionInfo,
    private readonly transport: Transport,
    /** The resource the socket's path names (`/channels/question`), if any. */
    private readonly pathResource: string | undefined,
  ) {}

  receive(msg: unknown): void {
    const task = !isObject(msg)
      ? this.send(this.envelope(null, null, channelsFault(sbError('SB_INVALID_FRAME', { reason: 'a message is a JSON object' }), 'dcrf')))
      : 'stream' in msg && 'payload' in msg
        ? this.multiplexed(msg)
        : 'method' in msg
          ? this.seed(msg)
          : this.dcrf(msg);
    void Promise.resolve(task).catch((err) => this.endpoint.onServerError?.(toSwitchboardError(err)));
  }

  unreadable(err: SwitchboardError): void {
    this.send(this.envelope(null, null, channelsFault(err, 'dcrf')));
  }

  close(): void {
    this.closed = true;
    for (const s of this.subs.values()) s.req.cancel('disconnected');
    this.subs.clear();
  }

  private send(frame: unknown): void {
    if (!this.closed) this.transport.send(frame as Json);
  }

  /** Runs `name` with named arguments through the one call path. */
  private async run(name: string, args: Json): Promise<Ran> {
    const c = this.endpoint.functions.get(name);
    if (!c) return { ok: false, error: sbError('SB_UNKNOWN_METHOD', { name }) };
    let decoded: Record<string, unknown>;
    try {
      decoded = c.decode(args);
    } catch (err) {
      return { ok: false, error: toSwitchboardError(err) };
    }
    const req = new CallRequest(this.conn, c.path);
    const o = await call(c.fn, decoded, req, CARRIER);
    if (!o.ok) {
      if (!o.error.isClient) this.endpoint.onServerError?.(o.error);
      return o;
    }
    return { ok: true, c, req, value: o.value };
  }

  /** A result as JSON the frame splices in (null for a function that returns nothing). */
  private data(r: Ran & { ok: true }): unknown {
    return r.c.fn.returns === undefined || r.value === undefined ? null : new JsonText(r.c.encode(r.value));
  }

  /**
   * Pumps a subscription's changes to `deliver` until it ends, is unsubscribed, or the socket
   * closes. A stream that fails — a subscriber too slow to read is cut with `SB_STREAM_TOO_SLOW`
   * (429) — is told to the client by `fail`, in its form's own shape, and ends; the socket stays
   * open for other calls and a new subscription, as on the RPC form's socket.
   */
  private async pump(key: string, pk: unknown, r: Ran & { ok: true }, deliver: (change: Change) => void, fail: (err: SwitchboardError) => void): Promise<void> {
    const stream = r.value as AsyncIterable<unknown>;
    const it = stream[Symbol.asyncIterator]();
    const req = r.req;
    req.streaming(it);
    // A broadcast's queue for this subscriber is bounded in bytes of its frames, as on the other sockets.
    const budget = this.endpoint.streams;
    if (budget) bindStream(it, jsonFormat(r.c.encode), budget);
    this.subs.get(key)?.req.cancel('replaced');
    this.subs.set(key, { req, pk });
    try {
      for (;;) {
        const wait = this.transport.writable();
        if (wait) await wait;
        if (req.cancelled || !this.transport.open || this.closed) break;
        const step = await req.next(it);
        if (step === undefined || step.done || req.cancelled) break;
        deliver(JSON.parse(r.c.encode(step.value)) as Change);
      }
    } catch (err) {
      const e = toSwitchboardError(err);
      if (!e.isClient) this.endpoint.onServerError?.(e);
      if (!req.cancelled) fail(e);
    } finally {
      if (this.subs.get(key)?.req === req) this.subs.delete(key);
      req.closeIterator();
    }
  }

  private tooMany(): SwitchboardError | undefined {
    return this.subs.size >= MAX_SUBSCRIPTIONS ? sbError('SB_TOO_MANY_CALLS', { limit: MAX_SUBSCRIPTIONS }) : undefined;
  }

  private envelope(action: unknown, requestId: unknown, fault: { status: number; errors: unknown[] } | undefined, data: unknown = null, status = 200): Json {
    return { errors: fault?.errors ?? [], data: fault ? null : data, action, response_status: fault?.status ?? status, request_id: requestId ?? null };
  }

  // -- DCRF: {"action", "request_id", ...kwargs}

  private async dcrf(msg: Json): Promise<void> {
    const { action: raw, request_id: rid, ...kwargs } = msg;
    const reply = (fault: { status: number; errors: unknown[] } | undefined, data: unknown = null, status = 200) =>
      this.send(this.envelope(typeof raw === 'string' ? raw : null, rid, fault, data, status));
    if (typeof raw !== 'string') return reply({ status: 405, errors: ['Unable to find action in message body.'] });
    let resource = this.pathResource === undefined ? undefined : this.endpoint.resources.get(this.pathResource);
    let action = raw;
    const dot = raw.lastIndexOf('.');
    if (this.pathResource === undefined && dot > 0) {
      resource = this.endpoint.resources.get(raw.slice(0, dot));
      action = raw.slice(dot + 1);
    }
    const notAllowed = { status: 405, errors: [`Method "${raw}" not allowed.`] };
    if (resource === undefined) return reply(notAllowed);
    const key = `dcrf:${JSON.stringify(rid ?? null)}`;
    if (action === 'unsubscribe' || action === 'unsubscribe_instance') {
      for (const [k, s] of this.subs) {
        const mine = rid !== undefined ? k === key : action === 'unsubscribe_instance' && k.startsWith('dcrf:') && s.pk === kwargs.pk;
        if (mine) {
          s.req.cancel('unsubscribed');
          this.subs.delete(k);
        }
      }
      return reply(undefined, null, 204);
    }
    if (action === 'subscribe' || action === 'subscribe_instance') {
      if (rid === undefined) return reply({ status: 400, errors: [`request_id is required for ${action}`] });
      const busy = this.tooMany();
      if (busy) return reply(channelsFault(busy, 'dcrf'));
      const r = await this.run(`${resource}.${action === 'subscribe' ? 'subscribe' : 'subscribeInstance'}`, kwargs);
      if (!r.ok) return reply(channelsFault(r.error, 'dcrf'));
      reply(undefined, null, 201);
      return this.pump(
        key,
        kwargs.pk,
        r,
        (ch) => {
          const a = EVENT_ACTION[ch.action] ?? ch.action;
          const data = a === 'delete' ? { pk: ch.pk } : a === 'resync' ? null : ch.data;
          this.send({ action: a, errors: [], response_status: EVENT_STATUS[a] ?? 200, request_id: rid, data });
        },
        (err) => reply(channelsFault(err, 'dcrf')),
      );
    }
    const c = this.endpoint.functions.get(`${resource}.${action}`);
    if (!c || c.fn.def.stream) return reply(notAllowed);
    const r = await this.run(c.fn.name, kwargs);
    if (!r.ok) return reply(channelsFault(r.error, 'dcrf'));
    reply(undefined, this.data(r), c.fn.binding.status);
  }

  // -- channels-api's multiplexed form: {"stream", "payload": {"action", "pk", "data", "request_id"}}

  private async multiplexed(msg: Json): Promise<void> {
    const stream = msg.stream;
    const payload = isObject(msg.payload) ? msg.payload : {};
    const { action, pk: rawPk, data, request_id: rid } = payload;
    const reply = (fault: { status: number; errors: unknown[] } | undefined, body: unknown = null, status = 200) =>
      this.send({ stream, payload: this.envelope(action ?? null, rid, fault, body, status) });
    const resource = typeof stream === 'string' ? this.endpoint.resources.get(stream) : undefined;
    const invalid = { status: 400, errors: ['Invalid Action'] };
    if (resource === undefined || typeof action !== 'string') return reply(invalid);
    // channels-api clients send pk as text ("1"); the key's own type is read from it.
    const pk = typeof rawPk === 'string' && /^-?\d+$/.test(rawPk) && this.pkIsInteger(resource) ? Number(rawPk) : rawPk;
    if (action === 'subscribe') {
      const want = isObject(data) ? data.action : undefined;
      if (want !== 'create' && want !== 'update' && want !== 'delete') return reply({ status: 400, errors: ['action required'] });
      const busy = this.tooMany();
      if (busy) return reply(channelsFault(busy, 'multiplexed'));
      const r = await this.run(`${resource}.subscribe`, pk === undefined ? {} : { pk });
      if (!r.ok) return reply(channelsFault(r.error, 'multiplexed'));
      reply(undefined, { action: want });
      return this.pump(
        `mux:${stream}:${want}:${JSON.stringify(pk ?? null)}`,
        pk,
        r,
        (ch) => {
          if (EVENT_ACTION[ch.action] !== want) return;
          this.send({ stream, payload: { action: want, data: ch.data, model: resource, pk: ch.pk } });
        },
        (err) => reply(channelsFault(err, 'multiplexed')),
      );
    }
    const args: Json =
      action === 'create'
        ? { data }
        : action === 'update' || action === 'patch'
          ? { pk, data }
          : action === 'retrieve' || action === 'delete'
            ? { pk }
            : { ...(isObject(data) ? data : {}), ...(pk === undefined ? {} : { pk }) };
    const c = this.endpoint.functions.get(`${resource}.${action}`);
    if (!c || c.fn.def.stream) return reply(invalid);
    const r = await this.run(c.fn.name, args);
    if (!r.ok) return reply(channelsFault(r.error, 'multiplexed'));
    if (action === 'delete') return reply(undefined, {});
    if (action === 'list' && isObject(r.value) && Array.isArray(r.value.results)) return reply(undefined, JSON.parse(r.c.encode(r.value)).results);
    reply(undefined, this.data(r), action === 'create' ? 201 : 200);
  }

  private pkIsInteger(resource: string): boolean {
    const arg = this.endpoint.functions.get(`${resource}.retrieve`)?.fn.argsByName.get('pk');
    return arg?.schema.type === 'integer';
  }

  // -- the seed's form: {"method": "question.create", ...fields}

  private async seed(msg: Json): Promise<void> {
    const { method, ...fields } = msg;
    const fail = (err: SwitchboardError) => {
      const f = channelsFault(err, 'dcrf');
      this.send({ errors: f.errors, response_status: f.status });
    };
    if (typeof method !== 'string') return fail(sbError('SB_INVALID_FRAME', { reason: '"method" must be a string' }));
    const dot = method.lastIndexOf('.');
    const resource = dot > 0 ? this.endpoint.resources.get(method.slice(0, dot)) : undefined;
    const action = method.slice(dot + 1);
    const c = resource === undefined ? undefined : this.endpoint.functions.get(`${resource}.${action}`);
    if (!c) return fail(sbError('SB_UNKNOWN_METHOD', { name: method }));
    const { pk = fields.id, ...rest } = fields;
    // The record's fields are the message's own keys (the seed writes them beside "method").
    const args: Json = action === 'create' ? { data: fields } : action === 'update' || action === 'patch' ? { pk, data: rest } : fields;
    if (action === 'update' || action === 'patch') delete (args.data as Json).id;
    const r = await this.run(c.fn.name, args);
    if (!r.ok) return fail(r.error);
    if (isStream(r.value)) {
      if (this.tooMany()) return fail(sbError('SB_TOO_MANY_CALLS', { limit: MAX_SUBSCRIPTIONS }));
      return this.pump(
        `seed:${method}:${JSON.stringify(args)}`,
        pk,
        r,
        (ch) => this.send({ method, ...ch }),
        // The seed's error shape, with the method it ends, so a client with several knows which.
        (err) => {
          const f = channelsFault(err, 'dcrf');
          this.send({ method, errors: f.errors, response_status: f.status });
        },
      );
    }
    const data = this.data(r);
    this.send(data === null ? {} : data);
  }
}
