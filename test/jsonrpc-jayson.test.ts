// Interop: jayson's own HTTP client (npm `jayson`, written by nobody here) calls the demo
// over JSON-RPC 2.0 — every method, a batch, a notification and an error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jayson from 'jayson/promise/index.js';
import type { Running } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';

const ross = { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: ['Dinosaurs', 'Rachel'] };
const monica = { id: 2, lastname: 'Geller', firstname: 'Monica', age: 28, hobbies: ['Food', 'Cleaning'] };

describe('jayson HTTP client against the demo', () => {
  let running: Running;
  let client: ReturnType<typeof jayson.Client.http>;
  before(async () => {
    running = await startDemo();
    const { hostname, port } = new URL(running.url);
    client = jayson.Client.http({ hostname, port: Number(port), path: '/ws/jsonrpc' });
  });
  after(() => running.close());

  /** jayson sends a notification for an id of null (its documented API; its typings omit null). */
  const notify = (method: string, params: unknown): Promise<unknown> => Promise.resolve(Reflect.apply(client.request, client, [method, params, null]));

  it('calls every demo method, by name and by position', async () => {
    assert.deepEqual(await client.request('person.get', { id: 1 }, 1), { jsonrpc: '2.0', id: 1, result: ross });
    const get = await client.request('person.get', [2]);
    assert.deepEqual(get.result, monica);
    assert.equal(typeof get.id, 'string', 'jayson generates its own ids, echoed back');

    assert.deepEqual((await client.request('person.list', [])).result, [ross, monica]);

    const p = { lastname: 'Bing', firstname: 'Chandler', age: 29, hobbies: ['jokes'] };
    const created = await client.request('person.create', { p });
    assert.deepEqual(created.result, { ...p, id: 3 });

    const updated = await client.request('person.update', [{ ...p, id: 3, age: 30 }]);
    assert.deepEqual(updated.result, { ...p, id: 3, age: 30 });

    assert.equal((await client.request('person.destroy', { id: 3 })).result, null);
    assert.deepEqual((await client.request('person.list', {})).result, [ross, monica]);

    // A stream cannot travel in one HTTP answer: the caller is told so (WebSocket carries it).
    const watch = await client.request('person.watch', []);
    assert.deepEqual(watch.error, {
      code: -32000,
      message: 'person.watch streams its results, which JSON-RPC over HTTP cannot carry',
      data: { faultcode: 'Client', code: 'SB_STREAM_NOT_CARRIED' },
    });
  });

  it('sends a batch and gets every answer', async () => {
    const batch = [
      client.request('person.get', [1], 'one', false),
      client.request('person.get', { id: 2 }, 'two', false),
      client.request('person.get', [7], 'bad', false),
    ];
    const answers = (await client.request(batch)) as { id: string; result?: unknown; error?: { code: number; message: string } }[];
    const byId = new Map(answers.map((a) => [a.id, a]));
    assert.equal(answers.length, 3);
    assert.deepEqual(byId.get('one')?.result, ross);
    assert.deepEqual(byId.get('two')?.result, monica);
    assert.deepEqual(byId.get('bad')?.error, { code: -32000, message: 'Unknown ID', data: { faultcode: 'Client', code: 'SB_CLIENT_ERROR' } });
  });

  it('sends a notification (id null): it runs, and there is no answer', async () => {
    const p = { lastname: 'Buffay', firstname: 'Phoebe', age: 31, hobbies: ['guitar'] };
    const none = await notify('person.create', { p });
    assert.equal(none, undefined);
    const list = (await client.request('person.list', [])).result as { firstname: string; id: number }[];
    const phoebe = list.find((x) => x.firstname === 'Phoebe');
    assert.ok(phoebe, 'the notification ran');
    assert.equal(await notify('person.destroy', [phoebe.id]), undefined);
  });

  it('gets the errors: application, method not found, invalid params', async () => {
    assert.deepEqual((await client.request('person.get', { id: 99 }, 'e1')).error, {
      code: -32000,
      message: 'Unknown ID',
      data: { faultcode: 'Client', code: 'SB_CLIENT_ERROR' },
    });
    assert.equal((await client.request('person.fly', [], 'e2')).error.code, -32601);
    const invalid = await client.request('person.get', { id: 'one' }, 'e3');
    assert.equal(invalid.error.code, -32602);
    assert.match(invalid.error.message, /field\/attribute id/);
  });

  it('discovers the methods with rpc.discover', async () => {
    const doc = (await client.request('rpc.discover', [])).result as { openrpc: string; methods: { name: string }[] };
    assert.match(doc.openrpc, /^1\.\d+\.\d+$/);
    const names = doc.methods.map((m) => m.name);
    assert.deepEqual(names, [...running.app.api.functions.map((f) => f.name), 'rpc.discover']);
    for (const name of ['person.get', 'person.list', 'person.update', 'person.create', 'person.destroy', 'person.watch']) assert.ok(names.includes(name), name);
  });
});
