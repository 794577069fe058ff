// switchboard/fastify + WebSocket: the plugin's `websocket` option serves the same
// `WebsocketServer` as node:http at prefix + webpath on the host's http server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket, { WebSocketServer } from 'ws';
import { personsRoot } from '../examples/persons/app.ts';
import { switchboard } from '../src/servers/fastify/index.ts';
import { Client } from './ws-fixture.ts';

async function start(hostSocket: boolean): Promise<{ app: FastifyInstance; url: string; ws: string }> {
  const app = Fastify({ logger: false });
  if (hostSocket) {
    // The host's own socket at /chat, beside the plugin's.
    const chat = new WebSocketServer({ noServer: true });
    app.server.on('upgrade', (req, socket, head) => {
      if (req.url !== '/chat') return;
      chat.handleUpgrade(req, socket, head, (ws) => ws.send('hello from the host'));
    });
  }
  await app.register(switchboard, { prefix: '/api', serve: personsRoot(), websocket: true });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url, ws: url.replace(/^http/, 'ws') };
}

/** The HTTP status an upgrade is refused with. */
function refusal(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => reject(new Error('unexpectedly opened')));
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => {});
  });
}

describe('fastify: websocket at prefix + webpath', () => {
  let s: Awaited<ReturnType<typeof start>>;
  before(async () => {
    s = await start(true);
  });
  after(() => s.app.close());

  it('answers an RPC call on ws://host/api/ws', async () => {
    const c = await Client.open(`${s.ws}/api/ws`);
    try {
      const r = await c.call(1, 'person.get', { id: 1 });
      assert.deepEqual(r, { id: 1, status: 200, result: { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: ['Dinosaurs', 'Rachel'] } });
    } finally {
      c.close();
    }
  });

  it('a stream delivers an event after a REST create through the same app', async () => {
    const c = await Client.open(`${s.ws}/api/ws`);
    try {
      c.send({ id: 'w', method: 'person.watch' });
      // A round trip on the same socket: the watch is registered before the create.
      await c.call(2, 'person.get', { id: 1 });
      const body = JSON.stringify({ p: { lastname: 'Green', firstname: 'Rachel', age: 29, hobbies: ['Fashion'] } });
      const r = await fetch(`${s.url}/api/ws/person/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(r.status, 200);
      const created = (await r.json()) as { id: number };
      const ev = await c.next((f) => f.id === 'w' && 'event' in f);
      assert.deepEqual((ev.data as { action: string; person: { id: number } }).action, 'created');
      assert.equal((ev.data as { person: { id: number } }).person.id, created.id);
    } finally {
      c.close();
    }
  });

  it("upgrades on other paths are left to the host's own listener", async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(`${s.ws}/chat`);
      ws.once('message', (d) => {
        resolve(String(d));
        ws.close();
      });
      ws.once('error', reject);
    });
    assert.equal(got, 'hello from the host');
  });
});

describe('fastify: websocket alone on the server', () => {
  it('refuses other paths with 404 when no other listener takes upgrades', async () => {
    const s = await start(false);
    try {
      assert.equal(await refusal(`${s.ws}/elsewhere`), 404);
      assert.equal(await refusal(`${s.ws}/ws`), 404);
    } finally {
      await s.app.close();
    }
  });

  it('fastify.close() closes open sockets with 1001', async () => {
    const s = await start(false);
    const c = await Client.open(`${s.ws}/api/ws`);
    await c.call(1, 'person.get', { id: 1 });
    await s.app.close();
    const closed = await c.closed;
    assert.equal(closed.code, 1001);
  });
});
