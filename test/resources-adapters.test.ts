/**
 * The Channels socket (`<base>/channels`) served through the host frameworks: inside the
 * Fastify plugin (`websocket: true`, below its prefix) and beside Express middleware mounted
 * at a path (a `WebsocketServer` told the mount, on the server Express listens with). Real
 * `ws` clients; a REST write through the host reaches a Channels subscription.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { pollsApp } from '../examples/polls/app.ts';
import { createApp } from '../src/index.ts';
import { switchboard as expressSwitchboard } from '../src/servers/express/index.ts';
import { switchboard as fastifySwitchboard } from '../src/servers/fastify/index.ts';
import { WebsocketServer } from '../src/servers/ws/index.ts';
import { Client } from './ws-fixture.ts';

/** The three Channels forms and a subscription fed by a REST write, at `http`/`ws` below `/api`. */
function channelsCases(at: () => { http: string; ws: string }) {
  it("DCRF's request-id form on <mount>/polls/channels/question, and a subscription fed by REST", async () => {
    const c = await Client.open(`${at().ws}/api/polls/channels/question`);
    try {
      c.send({ action: 'create', request_id: 1, data: { question_text: 'Mounted?' } });
      const created = await c.next((f) => f.request_id === 1);
      assert.equal(created.response_status, 201);
      const q = created.data as { id: number };
      c.send({ action: 'subscribe_instance', request_id: 2, pk: q.id });
      assert.equal((await c.next((f) => f.request_id === 2)).response_status, 201);
      const r = await fetch(`${at().http}/api/polls/questions/${q.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{"question_text":"Seen through the host"}',
      });
      assert.equal(r.status, 200);
      assert.deepEqual(await c.next((f) => f.request_id === 2 && f.action === 'update'), {
        action: 'update',
        errors: [],
        response_status: 200,
        request_id: 2,
        data: { id: q.id, question_text: 'Seen through the host' },
      });
      c.send({ action: 'retrieve', request_id: 3, pk: 999_999 });
      assert.deepEqual(await c.next((f) => f.request_id === 3), { errors: ['Not found'], data: null, action: 'retrieve', response_status: 404, request_id: 3 });
    } finally {
      c.ws.close();
    }
  });

  it("the seed's method form and the multiplexed form on <mount>/polls/channels", async () => {
    const c = await Client.open(`${at().ws}/api/polls/channels`);
    try {
      c.send({ method: 'question.create', question_text: 'Seed form' });
      const q = await c.next(() => true);
      assert.equal(q.question_text, 'Seed form');
      c.send({ stream: 'question', payload: { action: 'list', data: { question_text: 'Seed form' }, request_id: 'l' } });
      const listed = await c.next((f) => f.stream === 'question');
      assert.deepEqual(listed.payload, { errors: [], data: [q], action: 'list', response_status: 200, request_id: 'l' });
    } finally {
      c.ws.close();
    }
  });

  it("the API's RPC socket at <mount>/polls still answers, and an unknown socket path is refused", async () => {
    const c = await Client.open(`${at().ws}/api/polls`);
    try {
      assert.equal((await c.call(1, 'question.list', { limit: 0 })).status, 200);
    } finally {
      c.ws.close();
    }
    await assert.rejects(Client.open(`${at().ws}/api/polls/nowhere`));
    await assert.rejects(Client.open(`${at().ws}/polls/channels`), 'not outside the mount');
  });
}

describe('the Channels socket inside the Fastify plugin', () => {
  const polls = pollsApp({ database: ':memory:' });
  let app: FastifyInstance;
  let url = '';
  before(async () => {
    await polls.ready();
    app = Fastify({ logger: false });
    await app.register(fastifySwitchboard, { prefix: '/api', serve: createApp(polls.api), websocket: { pingInterval: 0 } });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
    await polls.close();
  });
  channelsCases(() => ({ http: url, ws: url.replace(/^http/, 'ws') }));
});

describe('the Channels socket beside Express middleware', () => {
  const polls = pollsApp({ database: ':memory:' });
  const sb = createApp(polls.api);
  let server: Server;
  let wss: WebsocketServer;
  let url = '';
  before(async () => {
    await polls.ready();
    const host = express();
    host.use('/api', expressSwitchboard(sb));
    server = await new Promise<Server>((resolve) => {
      const s = host.listen(0, '127.0.0.1', () => resolve(s));
    });
    wss = new WebsocketServer(sb, { mount: '/api', pingInterval: 0 }).attach(server);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await wss.close(200);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    sb.close();
    await polls.close();
  });
  channelsCases(() => ({ http: url, ws: url.replace(/^http/, 'ws') }));
});
