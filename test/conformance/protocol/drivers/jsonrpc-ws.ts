/**
 * JSON-RPC 2.0 over a WebSocket (subprotocol `jsonrpc`): the same request and response objects
 * as over HTTP, one per message; a stream as `$/event` notifications `{"id", "event", "data"}`,
 * ended by the request's response `{"result": {"done": true, "events": n}}`.
 */
import assert from 'node:assert/strict';
import { writeJson } from '../json.ts';
import type { Answer, CallOptions, Driver, Value } from '../model.ts';
import { readResponse } from './jsonrpc-codes.ts';
import { type Served, serveKitchen } from './serve.ts';
import { Sockets, framesWhere } from './socket.ts';

export function jsonRpcWsDriver(): Driver {
  let served: Served | undefined;
  let sockets: Sockets | undefined;
  let next = 0;
  const carries = {
    // Its faults carry the stable code (`error.data.code`).
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
    const where = `JSON-RPC over WebSocket ${fn}`;
    const c = await sockets!.get(options?.token);
    const id = ++next;
    c.send(writeJson({ jsonrpc: '2.0', id, method: fn, params }));
    const last = await c.next((f) => f.id === id && ('result' in f || 'error' in f));
    const events = framesWhere(c, (f) => f.method === '$/event' && (f.params as { id?: unknown } | undefined)?.id === id).map(
      (f) => f.params as Record<string, unknown>,
    );
    for (const f of framesWhere(c, (f) => f.method === '$/event')) assert.equal(f.jsonrpc, '2.0', `${where}: an event without jsonrpc`);
    assert.deepEqual(
      events.map((e) => e.event),
      events.map((_, i) => i + 1),
      `${where}: events numbered in order`,
    );
    const answer = readResponse(last as Value, id, carries.codes, where, writeJson(last as Value));
    const r = answer.kind === 'value' ? (answer.value as Record<string, Value> | null) : null;
    if (events.length > 0 || (typeof r === 'object' && r !== null && r.done === true && typeof r.events === 'number')) {
      assert.ok(r, `${where}: events, then ${writeJson(last as Value)}`);
      assert.deepEqual(r, { done: true, events: events.length }, `${where}: the end of a stream`);
      return { kind: 'stream', items: events.map((e) => e.data as Value), ended: true };
    }
    return answer;
  }
  return {
    name: 'JSON-RPC over WebSocket',
    protocol: 'websocket',
    carries,
    async start() {
      served = await serveKitchen(true);
      sockets = new Sockets(served.ws, 'jsonrpc');
      assert.equal((await sockets.get()).ws.protocol, 'jsonrpc', 'the server took the jsonrpc subprotocol');
    },
    async close() {
      await sockets?.close();
      await served?.close();
    },
    call: (fn, args, options) => send(fn, args as Value, options),
    callPositional: (fn, args) => send(fn, args),
  };
}
