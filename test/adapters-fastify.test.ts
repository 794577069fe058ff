// switchboard/fastify: the plugin registered with a prefix in an existing Fastify 5 app passes
// the shared conformance suite; the host app's routes, parsers and hooks keep working beside it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { personsRoot } from '../examples/persons/app.ts';
import { ChangeBus } from '../examples/persons/changes.ts';
import type { PersonChange } from '../examples/persons/person.ts';
import { switchboard } from '../src/servers/fastify/index.ts';
import { httpClient, prefixed } from './conformance/client.ts';
import { extdirectRoot } from './browser/app.ts';
import { conformance } from './conformance/suite.ts';

conformance('fastify (plugin at prefix /api)', async (sb) => {
  const app = Fastify({ logger: false });
  app.get('/health', async () => 'ok');
  await app.register(switchboard, { prefix: '/api', serve: sb });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { client: prefixed(httpClient(url), '/api'), close: () => app.close() };
});

describe('fastify: beside the host app', () => {
  let app: FastifyInstance;
  let url: string;
  before(async () => {
    app = Fastify({ logger: false });
    // The host's own JSON route, parsed by Fastify's parser: the plugin's catch-all parser stays in its scope.
    app.post('/echo', async (req) => ({ got: req.body }));
    app.addHook('onSend', async (_req, reply, payload) => {
      reply.header('x-host-hook', 'ran');
      return payload;
    });
    await app.register(switchboard, { prefix: '/api', serve: personsRoot() });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => app.close());

  it("the host app's routes keep Fastify's own body parsing", async () => {
    const r = await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    assert.deepEqual(await r.json(), { got: { a: 1 } });
  });

  it("answers go through reply.send: the host's onSend hooks apply", async () => {
    const r = await fetch(`${url}/api/ws/person/get?id=1`);
    assert.equal(r.headers.get('x-host-hook'), 'ran');
    assert.equal(((await r.json()) as { firstname: string }).firstname, 'Ross');
  });

  it('the prefix itself is the root of the app (its index page)', async () => {
    for (const path of ['/api', '/api/']) {
      const r = await fetch(url + path);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    }
  });

  it('a JSON body reaches Switchboard unread by Fastify', async () => {
    const r = await fetch(`${url}/api/ws/person/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id": 2}' });
    assert.equal(((await r.json()) as { firstname: string }).firstname, 'Monica');
  });
});

describe('fastify: the app the plugin built closes with the host', () => {
  it('polled streams end when Fastify closes', async () => {
    const changes = new ChangeBus<PersonChange>();
    const app = Fastify({ logger: false });
    await app.register(switchboard, { prefix: '/api', serve: extdirectRoot([], changes) });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const r = await fetch(`${url}/api/ws/extdirect/poll/person/watch`);
      assert.equal(r.status, 200);
      await r.arrayBuffer();
      assert.equal(changes.size, 1);
    } finally {
      await app.close();
    }
    assert.equal(changes.size, 0);
  });
});
