// The WebSocket interface end to end: every function callable over a socket in the RPC form,
// the seed's own form and JSON-RPC 2.0, with JSON and MessagePack payloads, `ws` as the client.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { unpack, pack } from 'msgpackr';
import { personsRoot } from '../examples/persons/app.ts';
import { ClientError, createApp } from '../src/index.ts';
import { serve } from '../src/servers/node/index.ts';
import { type ConnectionRequest, WebsocketServer } from '../src/servers/ws/index.ts';
import { Client, type WsServer, startWs } from './ws-fixture.ts';

const ross = { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: ['Dinosaurs', 'Rachel'] };
const fault = (faultstring: string, code = 'SB_CLIENT_ERROR', faultcode = 'Client') => ({ faultcode, faultstring, code });

describe('WebSocket: the persons demo', () => {
  let s: WsServer;
  let c: Client;
  before(async () => {
    s = await startWs({}, personsRoot());
    c = await Client.open(s.url);
  });
  after(async () => {
    c.close();
    await s.close();
  });

  it('RPC form: a result', async () => {
    assert.deepEqual(await c.call(7, 'person.get', { id: 1 }), { id: 7, status: 200, result: ross });
  });

  it("RPC form: the handler's client error is a 400 Client fault", async () => {
    assert.deepEqual(await c.call(8, 'person.get', { id: 99 }), { id: 8, status: 400, error: fault('Unknown ID') });
  });

  it('RPC form: an unknown method is 404', async () => {
    assert.deepEqual(await c.call(9, 'person.fly', {}), { id: 9, status: 404, error: fault('Unknown method: person.fly', 'SB_UNKNOWN_METHOD') });
  });

  it('RPC form: arguments are checked by the JSON codec', async () => {
    const r = await c.call(10, 'person.get', { id: 'one' });
    assert.equal(r.status, 400);
    assert.match((r.error as { faultstring: string }).faultstring, /Invalid input for field\/attribute id/);
    assert.deepEqual(await c.call(11, 'person.get', { nope: 1 }), { id: 11, status: 400, error: fault('Unknown argument: "nope"', 'SB_UNKNOWN_ARGUMENT') });
    assert.deepEqual(await c.call(12, 'person.get', {}), { id: 12, status: 400, error: fault('Missing argument: "id"', 'SB_MISSING_ARGUMENT') });
  });

  it('RPC form: positional params and string ids', async () => {
    assert.deepEqual(await c.call('a', 'person.get', [1]), { id: 'a', status: 200, result: ross });
  });

  it("seed form: GET with a query, answered by the app's HTTP handling", async () => {
    c.send({ uuid: 'u1', method: 'GET', path: '/ws/person/get?id=1', headers: {} });
    assert.deepEqual(await c.next((f) => f.uuid === 'u1'), { uuid: 'u1', path: '/ws/person/get', code: 200, body: ross });
  });

  it('seed form: POST with a JSON body, and REST faults', async () => {
    const p = { lastname: 'Bing', firstname: 'Chandler', age: 29, hobbies: ['jokes'] };
    c.send({ uuid: 'u2', method: 'POST', path: '/ws/person/create', body: { p } });
    const r = await c.next((f) => f.uuid === 'u2');
    assert.equal(r.code, 200);
    assert.deepEqual(r.body, { ...p, id: 3 });
    c.send({ uuid: 'u3', method: 'GET', path: '/ws/person/nowhere' });
    assert.deepEqual(await c.next((f) => f.uuid === 'u3'), {
      uuid: 'u3',
      path: '/ws/person/nowhere',
      code: 404,
      body: { faultcode: 'Client', faultstring: 'No function at person/nowhere', debuginfo: null, code: 'SB_NOT_FOUND' },
    });
    c.send({ uuid: 'u4', method: 'GET', path: 'no-slash' });
    assert.deepEqual(await c.next((f) => f.uuid === 'u4'), {
      uuid: 'u4',
      path: 'no-slash',
      code: 400,
      body: fault('Invalid frame: path must start with /', 'SB_INVALID_FRAME'),
    });
  });

  it("seed form: without a uuid, the connection's own (Sec-WebSocket-Key) comes back", async () => {
    c.send({ method: 'GET', path: '/ws/person/list' });
    const r = await c.next((f) => f.path === '/ws/person/list');
    assert.equal(typeof r.uuid, 'string');
    assert.equal((r.body as unknown[]).length >= 2, true);
  });
});

describe('WebSocket: calls and connections', () => {
  let s: WsServer;
  before(async () => {
    s = await startWs();
  });
  after(() => s.close());

  it('many calls in flight, each answered as it completes', async () => {
    const c = await Client.open(s.url);
    c.send({ id: 1, method: 't.slow', params: { ms: 300, tag: 'slow' } });
    c.send({ id: 2, method: 't.slow', params: { ms: 1, tag: 'fast' } });
    c.send({ id: 3, method: 't.echo', params: { a: 1 } });
    await c.next((f) => f.id === 1);
    const order = c.frames.map((f) => (f as { id: number }).id);
    assert.deepEqual(order, [3, 2, 1]);
    c.close();
  });

  it("the connection's request headers apply to every call", async () => {
    const c = await Client.open(s.url, undefined, { headers: { 'x-tenant': 'acme' } });
    assert.deepEqual(await c.call(1, 't.header', { name: 'x-tenant' }), { id: 1, status: 200, result: 'acme' });
    assert.deepEqual(await c.call(2, 't.info'), { id: 2, status: 200, result: { method: 'WS', path: '/ws/t/info', name: 't.info' } });
    // The seed form's own headers win over the connection's for that call.
    c.send({ uuid: 'h', path: '/ws/t/header?name=x-tenant', headers: { 'X-Tenant': 'other' } });
    assert.deepEqual(await c.next((f) => f.uuid === 'h'), { uuid: 'h', path: '/ws/t/header', code: 200, body: 'other' });
    c.close();
  });

  it('server faults hide internals; client statuses come through', async () => {
    const c = await Client.open(s.url);
    assert.deepEqual(await c.call(1, 't.boom'), { id: 1, status: 500, error: fault('Internal server error', 'SB_SERVER_ERROR', 'Server') });
    assert.deepEqual(await c.call(2, 't.refuse'), { id: 2, status: 403, error: fault('Not today') });
    c.close();
  });

  it('MessagePack, chosen by subprotocol', async () => {
    const c = await Client.open(s.url, 'msgpack', {}, (d) => unpack(d as Buffer));
    assert.equal(c.ws.protocol, 'msgpack');
    c.ws.send(pack({ id: 1, method: 't.echo', params: { a: 5, b: 'x' } }));
    assert.deepEqual(await c.next((f) => f.id === 1), { id: 1, status: 200, result: '5:x' });
    c.ws.send(Buffer.from([0x82, 0xa2, 0x69]));
    assert.deepEqual(await c.next((f) => f.id === null), { id: null, status: 400, error: fault('Invalid frame: not valid msgpack', 'SB_INVALID_FRAME') });
    c.close();
  });

  it('a subprotocol nobody serves is not selected (the client refuses the connection)', async () => {
    await assert.rejects(Client.open(s.url, 'graphql-ws'));
  });

  it('an upgrade elsewhere than the root webpath is 404', async () => {
    await assert.rejects(Client.open(s.url.replace('/ws', '/other')), /HTTP 404/);
  });
});

describe('WebSocket: JSON-RPC 2.0 (subprotocol jsonrpc)', () => {
  let s: WsServer;
  let c: Client;
  before(async () => {
    s = await startWs();
    c = await Client.open(s.url, 'jsonrpc');
  });
  after(async () => {
    c.close();
    await s.close();
  });

  it('a request, by name and by position', async () => {
    c.send({ jsonrpc: '2.0', id: 1, method: 't.echo', params: { a: 1, b: 'z' } });
    assert.deepEqual(await c.next((f) => f.id === 1), { jsonrpc: '2.0', id: 1, result: '1:z' });
    c.send({ jsonrpc: '2.0', id: 2, method: 't.echo', params: [2] });
    assert.deepEqual(await c.next((f) => f.id === 2), { jsonrpc: '2.0', id: 2, result: '2:-' });
  });

  it('errors: method not found, invalid params, invalid request, parse error', async () => {
    c.send({ jsonrpc: '2.0', id: 3, method: 'nope' });
    assert.equal(((await c.next((f) => f.id === 3)).error as { code: number }).code, -32601);
    c.send({ jsonrpc: '2.0', id: 4, method: 't.echo', params: { a: 'x' } });
    assert.equal(((await c.next((f) => f.id === 4)).error as { code: number }).code, -32602);
    c.send({ jsonrpc: '1.0', id: 5, method: 't.echo' });
    assert.equal(((await c.next((f) => f.id === 5)).error as { code: number }).code, -32600);
    const before = c.frames.length;
    c.send('{"jsonrpc": "2.0", "method"');
    const e = await c.next((f) => f.id === null, 5000, before);
    assert.equal((e.error as { code: number }).code, -32700);
  });

  it('a batch with a notification is answered once, without the notification', async () => {
    c.send([
      { jsonrpc: '2.0', id: 10, method: 't.slow', params: { ms: 50, tag: 's' } },
      { jsonrpc: '2.0', method: 't.echo', params: { a: 1 } },
      { jsonrpc: '2.0', id: 11, method: 't.echo', params: { a: 2 } },
    ]);
    const batch = await c.next((f) => Array.isArray(f));
    assert.deepEqual(batch, [
      { jsonrpc: '2.0', id: 10, result: 's' },
      { jsonrpc: '2.0', id: 11, result: '2:-' },
    ]);
  });
});

describe('WebSocket: the connect hook', () => {
  class Guarded extends WebsocketServer {
    override connectWebsocketCall(req: IncomingMessage): ConnectionRequest {
      if (req.headers.authorization !== 'Bearer ok') throw new ClientError('Authentication required', { status: 401 });
      return super.connectWebsocketCall(req) as ConnectionRequest;
    }
  }

  it('refuses the handshake with the hook’s status, accepts otherwise', async () => {
    const running = await serve(personsRoot(), { port: 0, host: '127.0.0.1' });
    const wss = new Guarded(running.app).attach(running.server.backend);
    const url = `${running.url.replace('http', 'ws')}/ws`;
    try {
      await assert.rejects(Client.open(url), /HTTP 401/);
      const c = await Client.open(url, undefined, { headers: { authorization: 'Bearer ok' } });
      assert.equal((await c.call(1, 'person.get', { id: 1 })).status, 200);
      c.close();
    } finally {
      await wss.close(200);
      await running.close(200);
    }
  });
});

describe('WebSocket: standalone', () => {
  it('listen() serves the socket on a server of its own; plain HTTP there is 426', async () => {
    const wss = await new WebsocketServer(createApp(personsRoot())).listen(0, '127.0.0.1');
    try {
      assert.match(wss.hostloc, /^127\.0\.0\.1:\d+$/);
      const plain = await fetch(`http://${wss.hostloc}/ws`);
      assert.equal(plain.status, 426);
      const c = await Client.open(`ws://${wss.hostloc}/ws`);
      assert.equal((await c.call(1, 'person.get', { id: 2 })).status, 200);
      c.close();
    } finally {
      await wss.close(200);
    }
  });
});
