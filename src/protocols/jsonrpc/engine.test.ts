// The one engine: text in, text (or null) out, synchronous when the handlers are; then one
// table of messages run through both of its transports, HTTP's text and a socket's session.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestInfo } from '../../api/context.ts';
import { controller } from '../../api/controller.ts';
import { expose } from '../../api/expose.ts';
import { root } from '../../api/root.ts';
import { ClientError, sbError } from '../../errors/index.ts';
import { compileApi } from '../../runtime/compile.ts';
import { t } from '../../schema/types.ts';
import { createApp } from '../app.ts';
import { WsrpcEndpoint } from '../wsrpc/endpoint.ts';
import { type Frame, frameValue } from '../wsrpc/payload.ts';
import { JsonRpcEngine } from './engine.ts';

const request: RequestInfo = {
  method: 'POST',
  path: '/jsonrpc',
  query: '',
  header: () => undefined,
  remoteAddress: undefined,
  signal: new AbortController().signal,
};

function engine(maxBatch = 5) {
  const calls: string[] = [];
  const api = compileApi(
    root({
      controllers: {
        m: controller({
          twice: expose({ args: { n: t.integer() }, returns: t.integer() }, ({ n }) => {
            calls.push(`twice ${n}`);
            return n * 2;
          }),
          later: expose({ args: { s: t.string() }, returns: t.string() }, async ({ s }) => s.toUpperCase()),
        }),
      },
    }),
  );
  return { calls, engine: new JsonRpcEngine(api, { maxBatch, discover: () => '{"openrpc":"1.3.2"}' }) };
}

describe('JsonRpcEngine', () => {
  it('answers synchronously when the handler is synchronous', () => {
    const { engine: e } = engine();
    assert.equal(e.handle('{"jsonrpc":"2.0","method":"m.twice","params":[21],"id":1}', request), '{"jsonrpc":"2.0","result":42,"id":1}');
  });

  it('answers a promise when a handler is asynchronous, keeping batch order', async () => {
    const { engine: e } = engine();
    const out = e.handle(
      '[{"jsonrpc":"2.0","method":"m.later","params":["a"],"id":"x"},{"jsonrpc":"2.0","method":"m.twice","params":{"n":1},"id":"y"}]',
      request,
    );
    assert.ok(out instanceof Promise);
    assert.equal(await out, '[{"jsonrpc":"2.0","result":"A","id":"x"},{"jsonrpc":"2.0","result":2,"id":"y"}]');
  });

  it('returns null when there is nothing to answer, after running the notifications', () => {
    const { engine: e, calls } = engine();
    assert.equal(e.handle('[{"jsonrpc":"2.0","method":"m.twice","params":[1]},{"jsonrpc":"2.0","method":"m.twice","params":[2]}]', request), null);
    assert.deepEqual(calls, ['twice 1', 'twice 2']);
  });

  it('refuses a batch over maxBatch without running any of it', () => {
    const { engine: e, calls } = engine(2);
    const out = e.handle(JSON.stringify([1, 2, 3].map((n) => ({ jsonrpc: '2.0', method: 'm.twice', params: [n], id: n }))), request);
    assert.equal(JSON.parse(out as string).error.code, -32600);
    assert.equal(JSON.parse(out as string).error.data.code, 'SB_BATCH_TOO_LARGE');
    assert.deepEqual(calls, []);
  });

  it('an empty batch and an invalid request have their own codes', () => {
    const { engine: e } = engine();
    assert.equal(JSON.parse(e.handle('[]', request) as string).error.data.code, 'SB_EMPTY_BATCH');
    assert.equal(JSON.parse(e.handle('{"jsonrpc":"1.0","method":"m","id":1}', request) as string).error.data.code, 'SB_JSONRPC_BAD_VERSION');
  });

  it('answers rpc.discover with the document it was given', () => {
    const { engine: e } = engine();
    assert.equal(e.handle('{"jsonrpc":"2.0","method":"rpc.discover","id":0}', request), '{"jsonrpc":"2.0","result":{"openrpc":"1.3.2"},"id":0}');
  });
});

// --- One table, both transports ------------------------------------------------------------

const shared = createApp(
  root({
    webpath: 'api',
    controllers: {
      m: controller({
        twice: expose({ args: { n: t.integer() }, returns: t.integer() }, ({ n }) => n * 2),
        later: expose({ args: { s: t.string() }, returns: t.string() }, async ({ s }) => s.toUpperCase()),
        taken: expose({ returns: t.integer() }, () => {
          throw new ClientError('Taken', { status: 409 });
        }),
        boom: expose({ returns: t.integer() }, async () => {
          throw new Error('internals');
        }),
        count: expose({ args: { n: t.integer() }, returns: t.integer(), stream: true }, async function* ({ n }) {
          for (let i = 1; i <= n; i++) yield i;
        }),
        path: expose({ returns: t.string() }, (_a, ctx) => `${ctx.request.method} ${ctx.request.path}`),
      }),
    },
  }),
);

/** What an answer says, whatever the transport's wording: the id with the result or the error code; a stream's events. */
type Said = { id: unknown; result: unknown } | { id: unknown; code: number } | { event: unknown } | Said[];

function said(o: unknown): Said {
  if (Array.isArray(o)) return o.map(said);
  const r = o as { id: unknown; method?: string; params?: unknown; result?: unknown; error?: { code: number } };
  if (r.method === '$/event') return { event: r.params };
  return r.error ? { id: r.id, code: r.error.code } : { id: r.id, result: r.result };
}

interface Transport {
  readonly name: 'http' | 'ws';
  /** Sends one message (as text) and returns everything said back, in order. */
  send(text: string): Promise<Said[]>;
}

function httpTransport(): Transport {
  const engine = new JsonRpcEngine(shared.api, { maxBatch: 4, discover: () => '{"openrpc":"1.3.2"}', transport: 'JSON-RPC over HTTP' });
  return {
    name: 'http',
    async send(text) {
      const out = await engine.handle(text, { ...request, path: '/api/jsonrpc' });
      return out === null ? [] : [said(JSON.parse(out))];
    },
  };
}

function wsTransport(): Transport {
  const sent: Frame[] = [];
  const session = new WsrpcEndpoint(shared).session(
    { ...request, method: 'GET', path: '/api', uuid: 'c1' },
    { send: (f) => sent.push(f), writable: () => undefined, open: true },
    'jsonrpc',
  );
  return {
    name: 'ws',
    async send(text) {
      sent.length = 0;
      let msg: unknown;
      try {
        msg = JSON.parse(text);
      } catch {
        // As the socket server does when its payload cannot read a message.
        session.unreadable(sbError('SB_INVALID_FRAME', { reason: 'not valid json' }));
        return sent.map((f) => said(frameValue(f)));
      }
      session.receive(msg);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      return sent.map((f) => said(frameValue(f)));
    },
  };
}

const rpc = (method: string, params?: unknown, id?: unknown) => ({
  jsonrpc: '2.0',
  method,
  ...(params === undefined ? {} : { params }),
  ...(id === undefined ? {} : { id }),
});
const ok = (id: unknown, result: unknown) => ({ id, result });
const err = (id: unknown, code: number) => ({ id, code });

/** [what, message, what is said back — the same on both transports, or per transport]. */
const table: [string, unknown, Said[] | { http: Said[]; ws: Said[] }][] = [
  ['a call by position', rpc('m.twice', [21], 1), [ok(1, 42)]],
  ['a call by name, a string id', rpc('m.twice', { n: 2 }, 'a'), [ok('a', 4)]],
  ['an asynchronous call, a null id', rpc('m.later', ['x'], null), [ok(null, 'X')]],
  ['the request a handler sees', rpc('m.path', [], 2), { http: [ok(2, 'POST /api/jsonrpc')], ws: [ok(2, 'WS /api/m/path')] }],
  ['a notification: run, not answered', rpc('m.later', ['x']), []],
  ['a failing notification: not answered', rpc('m.taken'), []],
  ['a notification of no method: not answered', rpc('nope'), []],
  ['-32601 for an unknown method', rpc('m.nope', [], 3), [err(3, -32601)]],
  ['-32602 for a value its type refuses', rpc('m.twice', ['two'], 4), [err(4, -32602)]],
  ['-32602 for a missing argument', rpc('m.twice', {}, 5), [err(5, -32602)]],
  ['-32602 for an unknown named param', rpc('m.twice', { n: 1, z: 2 }, 6), [err(6, -32602)]],
  ['-32602 for too many positional params', rpc('m.twice', [1, 2], 7), [err(7, -32602)]],
  ['-32600 for the wrong version, with the id', { jsonrpc: '1.0', method: 'm.twice', id: 8 }, [err(8, -32600)]],
  ['-32600 for a message that is no object', 1, [err(null, -32600)]],
  ['-32600 for params neither array nor object', rpc('m.twice', 'n', 9), [err(9, -32600)]],
  ['-32600 for an empty batch', [], [err(null, -32600)]],
  ['-32700 for text that is not JSON', '{"jsonrpc": "2.0", "method"', [err(null, -32700)]],
  ['the kind’s code for a ClientError (409)', rpc('m.taken', [], 10), [err(10, -32009)]],
  ['-32603 for a server fault', rpc('m.boom', [], 11), [err(11, -32603)]],
  [
    'a batch: answers in order, notifications left out, invalid members answered alone',
    [rpc('m.later', ['b'], 'x'), rpc('m.twice', [1]), 7, rpc('m.twice', [3], 'y')],
    [[ok('x', 'B'), err(null, -32600), ok('y', 6)]],
  ],
  ['a batch of notifications only: nothing', [rpc('m.later', ['a']), rpc('m.twice', [1])], []],
  [
    'a batch over the limit: refused whole over HTTP; the socket has no batch limit',
    [1, 2, 3, 4, 5].map((n) => rpc('m.twice', [n], n)),
    { http: [err(null, -32600)], ws: [[1, 2, 3, 4, 5].map((n) => ok(n, n * 2))] },
  ],
  [
    'a stream: SB_STREAM_NOT_CARRIED over HTTP; $/event notifications, then the end, over the socket',
    rpc('m.count', { n: 2 }, 12),
    { http: [err(12, -32000)], ws: [{ event: { id: 12, event: 1, data: 1 } }, { event: { id: 12, event: 2, data: 2 } }, ok(12, { done: true, events: 2 })] },
  ],
  ['$/cancelRequest of no call in flight: nothing', rpc('$/cancelRequest', { id: 99 }), []],
  [
    'rpc.discover: the document over HTTP; unknown over the socket',
    rpc('rpc.discover', undefined, 13),
    { http: [ok(13, { openrpc: '1.3.2' })], ws: [err(13, -32601)] },
  ],
];

for (const make of [httpTransport, wsTransport]) {
  const transport = make();
  describe(`JsonRpcEngine over ${transport.name}: one table of messages`, () => {
    for (const [what, message, expected] of table) {
      it(what, async () => {
        const text = typeof message === 'string' ? message : JSON.stringify(message);
        const want = Array.isArray(expected) ? expected : expected[transport.name];
        assert.deepEqual(await transport.send(text), want);
      });
    }
  });
}
