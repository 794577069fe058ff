/**
 * The WebSocket RPC frame form: `{"id", "method": "k.all", "params"}` (params an object or an
 * array) in; `{"id", "status": 200, "result"}` or `{"id", "status", "error": {"faultcode",
 * "faultstring"}}` out; a stream as `{"id", "event": n, "data"}` frames, then `{"id",
 * "status": 200, "done": true}`.
 */
import assert from 'node:assert/strict';
import { writeJson } from '../json.ts';
import type { Answer, CallOptions, Driver, Value } from '../model.ts';
import { readCode } from '../model.ts';
import { type Served, serveKitchen } from './serve.ts';
import { Sockets, framesWhere } from './socket.ts';

/** A call's final frame and the event frames before it, checked: a result, an error, or a stream's end. */
export function readWsFrames(last: Record<string, unknown>, events: readonly Record<string, unknown>[], codes: boolean, where: string): Answer {
  assert.deepEqual(
    events.map((e) => e.event),
    events.map((_, i) => i + 1),
    `${where}: events numbered in order`,
  );
  if (last.done === true) {
    assert.equal(last.status, 200, `${where}: the end of a stream`);
    return { kind: 'stream', items: events.map((e) => e.data as Value), ended: true };
  }
  assert.equal(events.length, 0, `${where}: events before a ${writeJson(last as Value)}`);
  if ('result' in last) {
    assert.equal(last.status, 200, `${where}: a result with status ${String(last.status)}`);
    return { kind: 'value', value: last.result as Value, status: undefined };
  }
  const e = last.error as Record<string, unknown> | undefined;
  assert.ok(e, `${where}: neither result, end nor error: ${writeJson(last as Value)}`);
  const status = last.status as number;
  assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${where}: error status ${status}`);
  assert.ok(e.faultcode === 'Client' || e.faultcode === 'Server', `${where}: faultcode ${String(e.faultcode)}`);
  assert.equal(e.faultcode === 'Client', status < 500, `${where}: faultcode ${String(e.faultcode)} with status ${status}`);
  assert.equal(typeof e.faultstring, 'string', `${where}: faultstring`);
  assert.equal(e.debuginfo, undefined, `${where}: the stack outside debug mode`);
  return {
    kind: 'fault',
    fault: {
      side: e.faultcode === 'Client' ? 'client' : 'server',
      status,
      message: e.faultstring as string,
      code: readCode(e.code, codes, where),
      wire: writeJson(last as Value),
      form: `status ${status}`,
    },
  };
}

export function wsRpcDriver(): Driver {
  let served: Served | undefined;
  let sockets: Sockets | undefined;
  let next = 0;
  const carries = {
    // Its faults carry the stable code (the error frame's `error.code`).
    codes: true,
    statuses: true,
    streams: true,
    positional: true,
    successStatus: false,
    int64: true,
    notFoundCode: 'SB_UNKNOWN_METHOD',
    // An error frame has no headers; the handshake's answer is the socket's, not a call's.
    challenges: false,
  };
  async function send(fn: string, params: Value, options?: CallOptions): Promise<Answer> {
    const where = `WebSocket RPC ${fn}`;
    const c = await sockets!.get(options?.token);
    const id = ++next;
    c.send(writeJson({ id, method: fn, params }));
    const last = await c.next((f) => f.id === id && 'status' in f);
    return readWsFrames(
      last,
      framesWhere(c, (f) => f.id === id && 'event' in f),
      carries.codes,
      where,
    );
  }
  return {
    name: 'WebSocket RPC',
    protocol: 'websocket',
    carries,
    async start() {
      served = await serveKitchen(true);
      sockets = new Sockets(served.ws);
      await sockets.get();
    },
    async close() {
      await sockets?.close();
      await served?.close();
    },
    call: (fn, args, options) => send(fn, args as Value, options),
    callPositional: (fn, args) => send(fn, args),
  };
}
