// switchboard/express: middleware mounted under /api of an existing Express 5 app passes the
// shared conformance suite; the host app's own routes and body parsers keep working beside it.
import assert from 'node:assert/strict';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { personsRoot } from '../examples/persons/app.ts';
import { switchboard } from '../src/servers/express/index.ts';
import { httpClient, prefixed, send } from './conformance/client.ts';
import { conformance } from './conformance/suite.ts';

async function listen(app: express.Express): Promise<{ server: HttpServer; url: string }> {
  const server = await new Promise<HttpServer>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function closing(server: HttpServer): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

conformance('express (mounted at /api)', async (sb) => {
  const app = express();
  app.get('/health', (_req, res) => {
    res.send('ok');
  });
  app.use('/api', switchboard(sb));
  const { server, url } = await listen(app);
  return { client: prefixed(httpClient(url), '/api'), close: closing(server) };
});

describe('express: beside the host app', () => {
  let server: HttpServer;
  let url: string;
  before(async () => {
    const app = express();
    app.get('/health', (_req, res) => {
      res.send('ok');
    });
    // Body parsers mounted before Switchboard have read the body already: their result is used.
    app.use('/parsed', express.json(), express.urlencoded({ extended: false }), switchboard(personsRoot()));
    app.use('/nested', express.urlencoded({ extended: true }), switchboard(personsRoot()));
    app.use('/api', switchboard(personsRoot()));
    // Headers a host middleware set before Switchboard answers survive; ours win a clash.
    app.use(
      '/traced',
      (_req, res, next) => {
        res.setHeader('x-trace', 'abc');
        res.setHeader('content-type', 'text/plain');
        next();
      },
      switchboard(personsRoot()),
    );
    ({ server, url } = await listen(app));
  });
  after(() => closing(server)());

  it('keeps headers set by earlier middleware, with its own content type', async () => {
    const r = await fetch(`${url}/traced/ws/person/get?id=1`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-trace'), 'abc');
    assert.equal(r.headers.get('x-powered-by'), 'Express');
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal((await r.json()).firstname, 'Ross');
  });

  it('the host app still answers its own routes', async () => {
    const r = await fetch(`${url}/health`);
    assert.equal(await r.text(), 'ok');
  });

  it('the path Switchboard sees is the one below the mount point', async () => {
    const c = httpClient(url);
    const a = await send(c, { method: 'GET', path: '/api/ws/person/get?id=1' });
    assert.equal((a.json as { firstname: string }).firstname, 'Ross');
    await c.close();
  });

  it('a JSON body express.json() parsed first is re-serialised', async () => {
    const r = await fetch(`${url}/parsed/ws/person/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id": 2}' });
    assert.equal(r.status, 200);
    assert.equal(((await r.json()) as { firstname: string }).firstname, 'Monica');
  });

  it('a flat form express.urlencoded() parsed first is rebuilt', async () => {
    const r = await fetch(`${url}/parsed/ws/person/get`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id=2' });
    assert.equal(r.status, 200);
    assert.equal(((await r.json()) as { firstname: string }).firstname, 'Monica');
  });

  it('a nested (qs) form cannot be rebuilt: a Server fault, not a guess', async () => {
    const r = await fetch(`${url}/nested/ws/person/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'p[firstname]=Joey',
    });
    assert.equal(r.status, 500);
    assert.equal(((await r.json()) as { faultcode: string }).faultcode, 'Server');
  });
});
