// The transport-free engine: text in, text (or null) out, synchronous when the handlers are.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestInfo } from '../../api/context.ts';
import { controller } from '../../api/controller.ts';
import { expose } from '../../api/expose.ts';
import { root } from '../../api/root.ts';
import { compileApi } from '../../runtime/compile.ts';
import { t } from '../../schema/types.ts';
import { JsonRpcEngine } from './engine.ts';

const request: RequestInfo = { method: 'POST', path: '/jsonrpc', query: '', header: () => undefined, remoteAddress: undefined, signal: new AbortController().signal };

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
    const out = e.handle('[{"jsonrpc":"2.0","method":"m.later","params":["a"],"id":"x"},{"jsonrpc":"2.0","method":"m.twice","params":{"n":1},"id":"y"}]', request);
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
