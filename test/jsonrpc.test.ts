// JSON-RPC 2.0 end to end: the persons demo at /ws/jsonrpc, called with fetch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Running } from '../src/index.ts';
import { type Answer, call, postJson } from './helpers/http.ts';
import { startDemo } from './helpers/demo.ts';

const ross = { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: ['Dinosaurs', 'Rachel'] };
const monica = { id: 2, lastname: 'Geller', firstname: 'Monica', age: 28, hobbies: ['Food', 'Cleaning'] };

type RpcError = { code: number; message: string; data?: { faultcode?: string; code?: string; debuginfo?: string } };
type RpcResponse = { jsonrpc: '2.0'; id: unknown; result?: unknown; error?: RpcError };

const rpc = (method: string, params?: unknown, id: unknown = 1) => ({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }), id });
const note = (method: string, params?: unknown) => ({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
const client = (code: number, message: string, id: unknown = 1, sb = 'SB_CLIENT_ERROR'): RpcResponse => ({
  jsonrpc: '2.0',
  error: { code, message, data: { faultcode: 'Client', code: sb } },
  id,
});

describe('JSON-RPC 2.0 on the persons demo', () => {
  let running: Running;
  let url: string;
  before(async () => {
    running = await startDemo();
    url = `${running.url}/ws/jsonrpc`;
  });
  after(() => running.close());

  const post = (body: unknown) => postJson(url, body);
  const postText = (text: string, type = 'application/json') => call(url, { method: 'POST', headers: { 'content-type': type }, body: text });
  const ok = (a: Answer): RpcResponse => {
    assert.equal(a.status, 200, a.text);
    assert.match(a.headers.get('content-type') ?? '', /^application\/json/);
    return a.json as RpcResponse;
  };
  /** The server still answers a plain call after whatever came before. */
  const stillServes = async () => assert.deepEqual(ok(await post(rpc('person.get', { id: 1 }, 'alive'))), { jsonrpc: '2.0', result: ross, id: 'alive' });

  describe('calls', () => {
    it('takes params by name', async () => {
      assert.deepEqual(ok(await post(rpc('person.get', { id: 1 }))), { jsonrpc: '2.0', result: ross, id: 1 });
    });

    it('takes params by position, in argument order', async () => {
      assert.deepEqual(ok(await post(rpc('person.get', [2], 'two'))), { jsonrpc: '2.0', result: monica, id: 'two' });
    });

    it('calls a function without arguments with params absent, empty array or empty object', async () => {
      for (const params of [undefined, [], {}]) {
        assert.deepEqual(ok(await post(rpc('person.list', params, 7))), { jsonrpc: '2.0', result: [ross, monica], id: 7 });
      }
    });

    it('echoes the id as sent: string, number, fraction, null', async () => {
      for (const id of ['abc', 0, -3, 1.5, null]) assert.equal(ok(await post(rpc('person.get', [1], id))).id, id);
    });

    it('converts complex params with the shared JSON codec', async () => {
      const p = { lastname: 'Bing', firstname: 'Chandler', age: 29, hobbies: ['jokes'] };
      const created = ok(await post(rpc('person.create', { p })));
      assert.deepEqual(created, { jsonrpc: '2.0', result: { ...p, id: 3 }, id: 1 });
      assert.deepEqual(ok(await post(rpc('person.destroy', [3]))), { jsonrpc: '2.0', result: null, id: 1 });
    });
  });

  describe('notifications', () => {
    it('runs a notification and answers 204 with no body', async () => {
      const p = { lastname: 'Green', firstname: 'Rachel', age: 27, hobbies: [] };
      const a = await post(note('person.create', { p }));
      assert.equal(a.status, 204);
      assert.equal(a.text, '');
      assert.equal(a.headers.get('content-length'), null, 'RFC 9110: no Content-Length on a 204');
      const list = ok(await post(rpc('person.list'))).result as { firstname: string; id: number }[];
      const rachel = list.find((x) => x.firstname === 'Rachel');
      assert.ok(rachel, 'the notification ran');
      assert.equal((await post(note('person.destroy', { id: rachel.id }))).status, 204);
      assert.equal((ok(await post(rpc('person.list'))).result as unknown[]).length, 2);
    });

    it('never answers a notification, even a failing one', async () => {
      for (const body of [note('person.nope'), note('person.get', { id: 'x' }), note('person.get', { id: 99 }), note('person.get', [1, 2])]) {
        const a = await post(body);
        assert.equal(a.status, 204, JSON.stringify(body));
        assert.equal(a.text, '');
      }
    });

    it('answers a batch of only notifications with an empty 204', async () => {
      const a = await post([note('person.list'), note('person.get', [1])]);
      assert.equal(a.status, 204);
      assert.equal(a.text, '');
    });
  });

  describe('batches', () => {
    it('answers each call in an array, leaving notifications out', async () => {
      const answers = ok(await post([rpc('person.get', [1], 'a'), note('person.list'), rpc('person.get', { id: 2 }, 'b'), rpc('person.get', [99], 'c')]));
      assert.deepEqual(answers, [{ jsonrpc: '2.0', result: ross, id: 'a' }, { jsonrpc: '2.0', result: monica, id: 'b' }, client(-32000, 'Unknown ID', 'c')]);
    });

    it('refuses an empty batch with one Invalid Request', async () => {
      assert.deepEqual(ok(await post([])), client(-32600, 'Invalid request: an empty batch', null, 'SB_EMPTY_BATCH'));
    });

    it('answers each non-object member with its own Invalid Request', async () => {
      const one = client(-32600, 'Invalid request: a request must be an object', null, 'SB_JSONRPC_NOT_OBJECT');
      assert.deepEqual(ok(await post([1, 'x', null, [], true])), [one, one, one, one, one]);
    });

    it('refuses a batch over the maximum (100) whole, running none of it', async () => {
      const p = { lastname: 'Tribbiani', firstname: 'Joey', age: 30, hobbies: [] };
      const batch = Array.from({ length: 101 }, (_, i) => rpc('person.create', { p }, i));
      assert.deepEqual(ok(await post(batch)), client(-32600, 'Invalid request: a batch of 101 calls is over the limit of 100', null, 'SB_BATCH_TOO_LARGE'));
      assert.equal((ok(await post(rpc('person.list'))).result as unknown[]).length, 2, 'nothing ran');
      const full = ok(await post(Array.from({ length: 100 }, (_, i) => rpc('person.get', [1], i)))) as unknown as RpcResponse[];
      assert.equal(full.length, 100);
      assert.deepEqual(
        full.map((r) => r.id),
        Array.from({ length: 100 }, (_, i) => i),
      );
    });
  });

  describe('the specification’s error codes', () => {
    it('-32700 Parse error with id null', async () => {
      for (const text of ['{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]', '', '{', 'nul', '[1,]']) {
        assert.deepEqual(ok(await postText(text)), client(-32700, 'Request is not in valid JSON format', null, 'SB_INVALID_JSON'), text);
      }
      assert.deepEqual(
        ok(await postText('[{"jsonrpc": "2.0", "method": "person.get", "params": [1], "id": 1},{"jsonrpc": "2.0", "method"]')),
        client(-32700, 'Request is not in valid JSON format', null, 'SB_INVALID_JSON'),
      );
    });

    it('-32600 Invalid Request: not an object, wrong version, bad method, params or id', async () => {
      const cases: [unknown, string, unknown, string][] = [
        [null, 'a request must be an object', null, 'SB_JSONRPC_NOT_OBJECT'],
        ['person.list', 'a request must be an object', null, 'SB_JSONRPC_NOT_OBJECT'],
        [42, 'a request must be an object', null, 'SB_JSONRPC_NOT_OBJECT'],
        [{ jsonrpc: '1.0', method: 'person.list', id: 5 }, '"jsonrpc" must be "2.0"', 5, 'SB_JSONRPC_BAD_VERSION'],
        [{ method: 'person.list', id: 6 }, '"jsonrpc" must be "2.0"', 6, 'SB_JSONRPC_BAD_VERSION'],
        [{ jsonrpc: 2.0, method: 'person.list', id: 6 }, '"jsonrpc" must be "2.0"', 6, 'SB_JSONRPC_BAD_VERSION'],
        [{ jsonrpc: '2.0', method: 1, params: 'bar' }, '"method" must be a string', null, 'SB_JSONRPC_BAD_METHOD'],
        [{ jsonrpc: '2.0', id: 8 }, '"method" must be a string', 8, 'SB_JSONRPC_BAD_METHOD'],
        [{ jsonrpc: '2.0', method: 'person.get', params: 1, id: 9 }, '"params" must be an array or an object', 9, 'SB_JSONRPC_BAD_PARAMS'],
        [{ jsonrpc: '2.0', method: 'person.get', params: null, id: 9 }, '"params" must be an array or an object', 9, 'SB_JSONRPC_BAD_PARAMS'],
        [{ jsonrpc: '2.0', method: 'person.list', id: { a: 1 } }, '"id" must be a string, a number or null', null, 'SB_JSONRPC_BAD_ID'],
        [{ jsonrpc: '2.0', method: 'person.list', id: [1] }, '"id" must be a string, a number or null', null, 'SB_JSONRPC_BAD_ID'],
        [{ jsonrpc: '2.0', method: 'person.list', id: true }, '"id" must be a string, a number or null', null, 'SB_JSONRPC_BAD_ID'],
      ];
      for (const [body, reason, id, sb] of cases)
        assert.deepEqual(ok(await post(body)), client(-32600, `Invalid request: ${reason}`, id, sb), JSON.stringify(body));
    });

    it('-32601 Method not found, for unknown names and reserved rpc.* ones', async () => {
      for (const name of ['person.nope', 'person', 'get', 'person/get', 'rpc.other', '__proto__', 'constructor', '']) {
        assert.deepEqual(ok(await post(rpc(name, [], 3))), client(-32601, `No function at ${name}`, 3, 'SB_NOT_FOUND'), name);
      }
    });

    it('-32602 Invalid params naming the argument: missing, ill-typed, unknown, too many', async () => {
      const cases: [unknown, string, string][] = [
        [{}, 'Missing argument: "id"', 'SB_MISSING_ARGUMENT'],
        [[], 'Missing argument: "id"', 'SB_MISSING_ARGUMENT'],
        [{ id: 'abc' }, "Invalid input for field/attribute id. Value: 'abc'.", 'SB_INVALID_INPUT'],
        [['abc'], "Invalid input for field/attribute id. Value: 'abc'.", 'SB_INVALID_INPUT'],
        [{ id: null }, "Invalid input for field/attribute id. Value: 'null'.", 'SB_INVALID_INPUT'],
        [{ id: 1.5 }, "Invalid input for field/attribute id. Value: '1.5'.", 'SB_INVALID_INPUT'],
        [{ id: 1, extra: 2 }, 'Unknown argument: "extra"', 'SB_UNKNOWN_ARGUMENT'],
        [[1, 2], 'Too many arguments: person.get takes at most 1, 2 given', 'SB_TOO_MANY_ARGUMENTS'],
      ];
      for (const [params, message, sb] of cases) {
        const r = ok(await post(rpc('person.get', params)));
        assert.equal(r.error?.code, -32602, JSON.stringify(params));
        assert.ok(r.error?.message.startsWith(message), `${r.error?.message} starts with ${message}`);
        const { fields, ...data } = (r.error?.data ?? {}) as { fields?: { path: string }[] };
        assert.deepEqual(data, { faultcode: 'Client', code: sb });
        // A validation fault also lists its field errors, each with its path.
        assert.deepEqual(
          fields?.map((f) => f.path),
          sb === 'SB_INVALID_INPUT' ? ['id'] : undefined,
        );
        assert.equal(r.id, 1);
      }
      // The JSON text itself may carry "__proto__" as a key: it is an unknown argument, never a prototype.
      const r = ok(await postText('{"jsonrpc":"2.0","method":"person.get","params":{"__proto__":{"id":1}},"id":1}'));
      assert.deepEqual(r, client(-32602, 'Unknown argument: "__proto__"', 1, 'SB_UNKNOWN_ARGUMENT'));
      const bad = ok(await post(rpc('person.create', { p: { firstname: 'Phoebe', pet: 'cat' } })));
      assert.equal(bad.error?.code, -32602);
      assert.match(bad.error?.message ?? '', /pet/);
      const wrongItem = ok(await post(rpc('person.create', { p: { firstname: 'Phoebe', hobbies: ['guitar', 3] } })));
      assert.equal(wrongItem.error?.code, -32602);
      assert.match(wrongItem.error?.message ?? '', /p\.hobbies\[1\]/);
    });

    it('application errors (ClientError) in the -32000 range with faultcode in data', async () => {
      assert.deepEqual(ok(await post(rpc('person.get', { id: 42 }))), client(-32000, 'Unknown ID'));
      assert.deepEqual(ok(await post(rpc('person.create', { p: { id: 9, firstname: 'Ursula' } }))), client(-32000, "I don't want an id"));
    });
  });

  describe('HTTP', () => {
    it('answers only POST: other verbs get 405 with Allow: POST', async () => {
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
        const a = await call(url, { method });
        assert.equal(a.status, 405, method);
        assert.equal(a.headers.get('allow'), 'POST');
        assert.deepEqual(a.json, client(-32600, `Method ${method} is not allowed here; allowed: POST`, null, 'SB_METHOD_NOT_ALLOWED'));
      }
    });

    it('reads JSON bodies only: another content type is 415', async () => {
      const a = await postText(JSON.stringify(rpc('person.list')), 'text/xml');
      assert.equal(a.status, 415);
      assert.deepEqual(a.json, client(-32600, 'Cannot read a body of type text/xml; accepted: application/json', null, 'SB_UNSUPPORTED_MEDIA_TYPE'));
      for (const type of ['application/json; charset=utf-8', 'application/json-rpc', 'application/jsonrequest']) {
        assert.deepEqual(ok(await postText(JSON.stringify(rpc('person.get', [1])), type)).result, ross, type);
      }
    });

    it('reads UTF-8 only (a leading byte order mark is ignored); another charset is 415', async () => {
      const body = JSON.stringify(rpc('person.get', [1]));
      assert.deepEqual(ok(await postText(`\ufeff${body}`)).result, ross);
      assert.deepEqual(ok(await postText(body, 'application/json; charset=UTF-8')).result, ross);
      const a = await postText(body, 'application/json; charset=iso-8859-1');
      assert.equal(a.status, 415);
      assert.equal((a.json as RpcResponse).error?.code, -32600);
      assert.match((a.json as RpcResponse).error?.message ?? '', /charset=iso-8859-1/);
    });

    it('is found by its path whatever the Accept header or suffix rules say', async () => {
      const a = await call(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/xml' },
        body: JSON.stringify(rpc('person.get', [1])),
      });
      assert.deepEqual(ok(a).result, ross);
    });

    it('leaves REST+JSON alone at the other paths', async () => {
      const a = await call(`${running.url}/ws/person/get?id=1`);
      assert.deepEqual(a.json, ross);
    });
  });

  describe('garbage never crashes it', () => {
    const garbage: [string, string][] = [
      ['deep arrays', '['.repeat(100_000)],
      ['deep arrays, closed', `${'['.repeat(5000)}${']'.repeat(5000)}`],
      ['deep params', `{"jsonrpc":"2.0","method":"person.create","params":{"p":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}},"id":1}`],
      ['binary', String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 7919) % 256))],
      ['lone surrogates', '{"jsonrpc":"2.0","method":"\ud800","id":"\udfff"}'],
      ['NUL bytes', '\u0000\u0000{}'],
      ['huge number id', '{"jsonrpc":"2.0","method":"person.list","id":1e999}'],
      ['long number param', '{"jsonrpc":"2.0","method":"person.get","params":[123456789012345678901234567890],"id":1}'],
      ['duplicate keys', '{"jsonrpc":"2.0","method":"person.get","params":{"id":1},"params":[2],"id":1}'],
      ['constructor key', '{"jsonrpc":"2.0","method":"person.get","params":{"constructor":1},"id":1}'],
      ['many members', `[${Array.from({ length: 100 }, () => '{}').join(',')}]`],
      ['a string', '"hello"'],
      ['whitespace', ' \n\t '],
    ];
    for (const [name, text] of garbage) {
      it(`answers ${name} in JSON-RPC, then serves the next request`, async () => {
        const a = await postText(text);
        assert.ok(a.status === 200 || a.status === 204, `${name}: ${a.status}`);
        if (a.status === 200) {
          const body = a.json as RpcResponse | RpcResponse[];
          const first = Array.isArray(body) ? body[0] : body;
          assert.equal(first.jsonrpc, '2.0');
        }
        await stillServes();
      });
    }

    it('answers a body over the limit with 413 and keeps serving', async () => {
      const big = JSON.stringify(rpc('person.get', { id: 1, pad: 'x'.repeat(2 * 1024 * 1024) }));
      const a = await postText(big);
      assert.equal(a.status, 413);
      assert.equal((a.json as RpcResponse).error?.code, -32600);
      await stillServes();
    });
  });
});
