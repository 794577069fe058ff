// The message protocol without any socket: a session over a fake transport.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { controller, expose, root } from '../../api/index.ts';
import { t } from '../../schema/types.ts';
import { createApp } from '../app.ts';
import type { Transport } from './endpoint.ts';
import { WsrpcEndpoint } from './endpoint.ts';
import { type Frame, frameValue } from './payload.ts';
import type { ConnectionInfo } from './requests.ts';

const conn: ConnectionInfo = {
  method: 'GET',
  path: '/api',
  query: '',
  header: (name) => (name === 'x-who' ? 'me' : undefined),
  remoteAddress: '127.0.0.1',
  signal: new AbortController().signal,
  uuid: 'c1',
};

class FakeTransport implements Transport {
  readonly sent: unknown[] = [];
  open = true;
  paused: Promise<void> | undefined;
  send(frame: Frame): void {
    this.sent.push(frameValue(frame));
  }
  writable(): Promise<void> | undefined {
    return this.paused;
  }
}

let closed = 0;
const app = createApp(
  root({
    webpath: 'api',
    controllers: {
      m: controller({
        who: expose({ returns: t.nullable(t.string()) }, (_a, ctx) => ctx.request.header('x-who') ?? null),
        later: expose({ args: { v: t.integer() }, returns: t.integer() }, async ({ v }) => v * 2),
        forever: expose({ returns: t.integer() }, () => ({
          [Symbol.asyncIterator]: () => ({
            next: () => new Promise<IteratorResult<number>>(() => {}),
            return: async () => {
              closed++;
              return { done: true as const, value: undefined };
            },
          }),
        })),
      }),
    },
  }),
);

const tick = () => new Promise((r) => setImmediate(r));

describe('wsrpc session', () => {
  it('answers synchronous calls at once, with the connection’s headers', () => {
    const tr = new FakeTransport();
    new WsrpcEndpoint(app).session(conn, tr).receive({ id: 1, method: 'm.who' });
    assert.deepEqual(tr.sent, [{ id: 1, status: 200, result: 'me' }]);
  });

  it('answers asynchronous calls when they complete, counting them in flight', async () => {
    const tr = new FakeTransport();
    const s = new WsrpcEndpoint(app, { maxInFlight: 1 }).session(conn, tr);
    s.receive({ id: 1, method: 'm.later', params: [21] });
    assert.equal(s.active, 1);
    s.receive({ id: 2, method: 'm.later', params: [1] });
    await tick();
    assert.deepEqual(tr.sent, [
      { id: 2, status: 429, error: { faultcode: 'Client', faultstring: 'Too many calls in flight on this connection (limit 1)', code: 'SB_TOO_MANY_CALLS' } },
      { id: 1, status: 200, result: 42 },
    ]);
    assert.equal(s.active, 0);
  });

  it('a stream waiting for its next item is closed by cancel, and by the session closing', async () => {
    const tr = new FakeTransport();
    const s = new WsrpcEndpoint(app).session(conn, tr);
    const before = closed;
    s.receive({ id: 'a', method: 'm.forever' });
    s.receive({ id: 'b', method: 'm.forever' });
    await tick();
    s.receive({ id: 'a', cancel: true });
    assert.equal(closed, before + 1);
    await tick();
    // Its source never settles after return(), yet the stream is over and no longer in flight.
    assert.deepEqual(tr.sent, [{ id: 'a', status: 200, done: true, cancelled: true }]);
    assert.equal(s.active, 1);
    s.close();
    assert.equal(closed, before + 2);
  });

  it('JSON-RPC dialect: a notification is run and never answered', async () => {
    const tr = new FakeTransport();
    const s = new WsrpcEndpoint(app).session(conn, tr, 'jsonrpc');
    s.receive({ jsonrpc: '2.0', method: 'm.later', params: [1] });
    s.receive({ jsonrpc: '2.0', method: 'nope' });
    await tick();
    assert.deepEqual(tr.sent, []);
  });

  it('JSON-RPC dialect: the engine’s calls count in flight, and $/cancelRequest or closing ends their streams', async () => {
    const tr = new FakeTransport();
    const s = new WsrpcEndpoint(app, { maxInFlight: 2 }).session(conn, tr, 'jsonrpc');
    const before = closed;
    s.receive({ jsonrpc: '2.0', id: 'a', method: 'm.forever' });
    s.receive({ jsonrpc: '2.0', id: 'b', method: 'm.forever' });
    await tick();
    assert.equal(s.active, 2);
    s.receive({ jsonrpc: '2.0', id: 'c', method: 'm.later', params: [1] });
    s.receive({ jsonrpc: '2.0', id: 'a', method: 'm.later', params: [1] });
    s.receive({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 'a' } });
    assert.equal(closed, before + 1);
    await tick();
    assert.deepEqual(
      tr.sent.map((f) => [(f as { id: unknown }).id, (f as { error?: { code: number } }).error?.code ?? (f as { result: unknown }).result]),
      [
        ['c', -32029],
        ['a', -32000],
        ['a', { done: true, events: 0, cancelled: true }],
      ],
    );
    assert.equal(s.active, 1);
    s.close();
    assert.equal(closed, before + 2);
  });
});
