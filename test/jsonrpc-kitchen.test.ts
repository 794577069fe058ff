// JSON-RPC 2.0 end to end on a root made for it: every fault kind, debug mode, int64
// exactness, concurrency within a batch, options, and the OpenRPC document of richer types.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ClientError,
  NotFoundError,
  type Running,
  type SwitchboardError,
  controller,
  expose,
  jsonRpcFaults,
  jsonrpc,
  restjson,
  root,
  serve,
  t,
} from '../src/index.ts';
import { call, postJson } from './helpers/http.ts';

type RpcResponse = {
  jsonrpc: '2.0';
  id: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: { faultcode?: string; debuginfo?: string } };
};

const Node = t.complex('Node', { name: t.string(), children: t.array(t.string()) }, { mandatory: ['name'] });
const Color = t.enum(['red', 'green'], { name: 'Color' });

/** Two calls that each wait for the other to start: they finish only when run concurrently. */
function rendezvous() {
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async (): Promise<number> => {
    arrived += 1;
    if (arrived === 2) open();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new ClientError('the other call never started')), 2000).unref());
    await Promise.race([gate, timeout]);
    return arrived;
  };
}

function kitchenRoot() {
  const meet = rendezvous();
  return root({
    webpath: 'api',
    name: 'kitchen',
    controllers: {
      k: controller({
        crash: expose({ doc: 'Throws a plain Error.' }, () => {
          throw new Error('secret detail');
        }),
        missing: expose({}, () => {
          throw new NotFoundError('no such thing');
        }),
        conflict: expose({}, () => {
          throw new ClientError('taken', { status: 409 });
        }),
        forbidden: expose({}, () => {
          throw new ClientError('not yours', { status: 403 });
        }),
        asyncFail: expose({}, async () => {
          throw new ClientError('later');
        }),
        echo64: expose({ args: { n: t.int64(), tag: t.optional(t.string()) }, returns: t.int64() }, ({ n }) => n),
        add: expose({ args: { a: t.integer(), b: t.integer({ default: 10 }) }, returns: t.integer() }, ({ a, b }) => a + b),
        meet: expose({ returns: t.integer() }, () => meet()),
        badResult: expose({ returns: t.integer() }, () => 'not a number' as unknown as number),
        stream: expose({ returns: t.integer() }, async function* () {
          yield 1;
        }),
        types: expose(
          {
            args: {
              when: t.datetime({ description: 'A moment.' }),
              price: t.decimal(),
              blob: t.binary(),
              maybe: t.nullable(t.string()),
              color: Color,
              tags: t.dict(t.integer()),
              tree: Node,
              big: t.int64(),
              anything: t.any(),
            },
            returns: t.nullable(Node),
            doc: 'Every type.',
          },
          () => null,
        ),
      }),
      other: controller({ Node: expose({ returns: t.complex('Node', { id: t.integer() }) }, () => ({ id: 1 })) }),
    },
  });
}

const rpc = (method: string, params?: unknown, id: unknown = 1) => ({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }), id });

describe('JSON-RPC 2.0 on a kitchen-sink root', () => {
  let running: Running;
  let debugRunning: Running;
  const serverErrors: SwitchboardError[] = [];
  before(async () => {
    running = await serve(kitchenRoot(), {
      port: 0,
      host: '127.0.0.1',
      protocols: [restjson(), jsonrpc({ maxBatch: 3 })],
      onServerError: (e) => serverErrors.push(e),
    });
    debugRunning = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1', debug: true });
  });
  after(async () => {
    await running.close();
    await debugRunning.close();
  });
  const post = async (body: unknown, debug = false): Promise<RpcResponse> => {
    const a = await postJson(`${(debug ? debugRunning : running).url}/api/jsonrpc`, body);
    assert.equal(a.status, 200, a.text);
    return a.json as RpcResponse;
  };

  it('answers a crash with -32603 Internal error, no detail, and reports it to the app', async () => {
    serverErrors.length = 0;
    assert.deepEqual(await post(rpc('k.crash')), {
      jsonrpc: '2.0',
      error: { code: -32603, message: 'Internal server error', data: { faultcode: 'Server', code: 'SB_SERVER_ERROR' } },
      id: 1,
    });
    assert.equal(serverErrors.length, 1);
    assert.equal((serverErrors[0].cause as Error).message, 'secret detail');
  });

  it('puts the stack in data.debuginfo in debug mode', async () => {
    const r = await post(rpc('k.crash'), true);
    assert.equal(r.error?.code, -32603);
    assert.equal(r.error?.data?.faultcode, 'Server');
    assert.match(r.error?.data?.debuginfo ?? '', /secret detail[\s\S]*at /);
    const c = await post(rpc('k.add', { a: 'x' }), true);
    assert.equal(c.error?.code, -32602);
    assert.equal(typeof c.error?.data?.debuginfo, 'string');
  });

  it('maps application errors through JSON-RPC’s fault table', async () => {
    const cases: [string, string, keyof typeof jsonRpcFaults, number][] = [
      ['k.missing', 'no such thing', 'not_found', -32004],
      ['k.conflict', 'taken', 'conflict', -32009],
      ['k.forbidden', 'not yours', 'forbidden', -32003],
      ['k.asyncFail', 'later', 'client', -32000],
    ];
    for (const [method, message, kind, code] of cases) {
      assert.equal(jsonRpcFaults[kind].code, code);
      assert.deepEqual(
        await post(rpc(method)),
        { jsonrpc: '2.0', error: { code, message, data: { faultcode: 'Client', code: 'SB_CLIENT_ERROR' } }, id: 1 },
        method,
      );
    }
  });

  it('answers a result its schema cannot encode with -32603', async () => {
    const r = await post(rpc('k.badResult'));
    assert.equal(r.error?.code, -32603);
    assert.equal(r.error?.data?.faultcode, 'Server');
  });

  it('refuses a stream result as the caller’s fault: one HTTP answer cannot stream', async () => {
    assert.deepEqual(await post(rpc('k.stream')), {
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: 'k.stream streams its results, which JSON-RPC over HTTP cannot carry',
        data: { faultcode: 'Client', code: 'SB_STREAM_NOT_CARRIED' },
      },
      id: 1,
    });
  });

  it('keeps int64 params exact, alone and in a batch, by name and by position', async () => {
    const big = '9007199254740993';
    const text = `{"jsonrpc":"2.0","method":"k.echo64","params":{"n":${big}},"id":12345678901234567}`;
    const a = await call(`${running.url}/api/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    assert.match(a.text, /"result":9007199254740993,/);
    const batch = `[{"jsonrpc":"2.0","method":"k.add","params":[1],"id":1},{"jsonrpc":"2.0","method":"k.echo64","params":[-${big}, "x"],"id":2}]`;
    const b = await call(`${running.url}/api/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: batch });
    assert.equal(b.text, `[{"jsonrpc":"2.0","result":11,"id":1},{"jsonrpc":"2.0","result":-${big},"id":2}]`);
    const over = await post(rpc('k.echo64', ['9223372036854775808']));
    assert.equal(over.error?.code, -32602);
  });

  it('fills defaults and leaves optional arguments out', async () => {
    assert.equal((await post(rpc('k.add', [1]))).result, 11);
    assert.equal((await post(rpc('k.add', { a: 1, b: 2 }))).result, 3);
    assert.equal((await post(rpc('k.add', [1, 5]))).result, 6);
    assert.equal((await post(rpc('k.echo64', { n: 5 }))).result, 5);
  });

  it('runs the calls of a batch concurrently', async () => {
    assert.deepEqual(await post([rpc('k.meet', [], 'a'), rpc('k.meet', [], 'b')]), [
      { jsonrpc: '2.0', result: 2, id: 'a' },
      { jsonrpc: '2.0', result: 2, id: 'b' },
    ]);
  });

  it('honours the maxBatch option', async () => {
    assert.equal(((await post([rpc('k.add', [1]), rpc('k.add', [2]), rpc('k.add', [3])])) as unknown as RpcResponse[]).length, 3);
    assert.deepEqual(await post([rpc('k.add', [1]), rpc('k.add', [2]), rpc('k.add', [3]), rpc('k.add', [4])]), {
      jsonrpc: '2.0',
      error: { code: -32600, message: 'Invalid request: a batch of 4 calls is over the limit of 3', data: { faultcode: 'Client', code: 'SB_BATCH_TOO_LARGE' } },
      id: null,
    });
    assert.throws(() => jsonrpc({ maxBatch: 0 }), RangeError);
  });

  it('answers another path named by ?wsmeproto=jsonrpc with a JSON-RPC 404', async () => {
    const a = await call(`${running.url}/api/k/add?wsmeproto=jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(a.status, 404);
    assert.equal((a.json as RpcResponse).error?.code, -32600);
  });

  it('describes every type in the OpenRPC document, named types once in components', async () => {
    const doc = (await post(rpc('rpc.discover'))).result as {
      methods: {
        name: string;
        description?: string;
        params: { name: string; required: boolean; schema: unknown; description?: string }[];
        result: { schema: unknown };
      }[];
      components: { schemas: Record<string, unknown> };
    };
    const types = doc.methods.find((m) => m.name === 'k.types');
    assert.ok(types);
    assert.equal(types.description, 'Every type.');
    const schemas = Object.fromEntries(types.params.map((p) => [p.name, p.schema]));
    assert.deepEqual(schemas, {
      when: { type: 'string', format: 'date-time', description: 'A moment.' },
      price: { type: 'string', format: 'decimal' },
      blob: { type: 'string', contentEncoding: 'base64' },
      maybe: { oneOf: [{ type: 'string' }, { type: 'null' }] },
      color: { $ref: '#/components/schemas/Color' },
      tags: { type: 'object', additionalProperties: { type: 'integer' } },
      tree: { $ref: '#/components/schemas/Node' },
      big: { type: 'integer', format: 'int64' },
      anything: {},
    });
    assert.equal(types.params[0].description, 'A moment.');
    assert.deepEqual(types.result.schema, { oneOf: [{ $ref: '#/components/schemas/Node' }, { type: 'null' }] });
    assert.deepEqual(doc.components.schemas.Color, { type: 'string', enum: ['red', 'green'] });
    assert.deepEqual(doc.components.schemas.Node, {
      title: 'Node',
      type: 'object',
      properties: { name: { type: 'string' }, children: { type: 'array', items: { type: 'string' } } },
      required: ['name'],
      additionalProperties: false,
    });
    // A second, different type of the same name gets its own key.
    assert.deepEqual(doc.methods.find((m) => m.name === 'other.Node')?.result.schema, { $ref: '#/components/schemas/Node_2' });
    const add = doc.methods.find((m) => m.name === 'k.add');
    assert.deepEqual(add?.params, [
      { name: 'a', required: true, schema: { type: 'integer' } },
      { name: 'b', required: false, schema: { type: 'integer', default: 10 } },
    ]);
    assert.ok(!JSON.stringify(doc).includes('$id'), 'no TypeBox $id leaks into the document');
  });
});
